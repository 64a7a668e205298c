// The account page's password change and "Sign out everywhere", in two browsers (two
// contexts) signed in as one user: what one does ends the other's session.
import { describe, expect, test } from "vitest";
import type { BrowserContext } from "playwright-core";
import { assertAccessible, gotoAndSettle } from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();
const PASSWORD = "first passphrase";

/** A new driver signed in in two browsers. */
async function oneUserTwoBrowsers(): Promise<[BrowserContext, BrowserContext, string]> {
  const username = `sec_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const first = await session().newContext();
  const registered = await first.request.post("/api/auth/register", {
    data: { username, email: `${username}@example.test`, password: PASSWORD },
  });
  expect(registered.status()).toBe(201);
  const second = await session().newContext();
  const signedIn = await second.request.post("/api/auth/login", {
    data: { username, password: PASSWORD },
  });
  expect(signedIn.status()).toBe(200);
  return [first, second, username];
}

async function expectSignedOut(context: BrowserContext): Promise<void> {
  expect((await context.request.get("/api/me")).status()).toBe(401);
  const page = await context.newPage();
  await gotoAndSettle(page, "/account");
  await page.waitForURL(/\/login\?next=%2Faccount|\/login\?next=\/account/);
}

describe("account security", () => {
  test("changing the password: errors inline, then the old password fails and the other browser is signed out", async () => {
    const [first, second, username] = await oneUserTwoBrowsers();
    const page = await first.newPage();
    await gotoAndSettle(page, "/account");
    const form = page.getByRole("form", { name: "Change password" });
    await assertAccessible(page);

    // Checked in the browser: nothing is sent.
    await form.getByRole("button", { name: "Change password" }).click();
    await form.getByText("Enter your current password.").waitFor();
    await form.getByLabel("Current password").fill(PASSWORD);
    await form.getByLabel("New password", { exact: true }).fill("short");
    await form.getByLabel("Repeat the new password").fill("shirt");
    await form.getByRole("button", { name: "Change password" }).click();
    await form.getByText("Choose a password of 8 to 128 characters.").waitFor();
    await form.getByText("The two new passwords differ.").waitFor();
    expect(await form.getByLabel("Repeat the new password").getAttribute("aria-invalid")).toBe(
      "true",
    );
    await assertAccessible(page);

    // Refused by the server: said at the field it is about.
    const newPassword = "second passphrase";
    await form.getByLabel("Current password").fill("not my password");
    await form.getByLabel("New password", { exact: true }).fill(newPassword);
    await form.getByLabel("Repeat the new password").fill(newPassword);
    session().allow(/status of 401/);
    await form.getByRole("button", { name: "Change password" }).click();
    await form.getByText("That is not your current password.").waitFor();
    expect(await form.getByLabel("Current password").getAttribute("aria-invalid")).toBe("true");

    await form.getByLabel("Current password").fill(PASSWORD);
    await form.getByRole("button", { name: "Change password" }).click();
    await page.getByTestId("password-changed").waitFor();
    expect(await form.getByLabel("Current password").inputValue()).toBe("");

    // This browser stays signed in; the other one is not; only the new password works.
    await gotoAndSettle(page, "/account");
    expect(await page.getByTestId("header-username").textContent()).toBe(username);
    await expectSignedOut(second);
    const third = await session().newContext();
    const old = await third.request.post("/api/auth/login", {
      data: { username, password: PASSWORD },
    });
    expect(old.status()).toBe(401);
    const fresh = await third.request.post("/api/auth/login", {
      data: { username, password: newPassword },
    });
    expect(fresh.status()).toBe(200);
  });

  test("sign out everywhere ends this browser's session and the other's", async () => {
    const [first, second] = await oneUserTwoBrowsers();
    const other = await second.newPage();
    await gotoAndSettle(other, "/account");
    const page = await first.newPage();
    await gotoAndSettle(page, "/account");
    // The other browser's page notices on its next poll.
    session().allow(/status of 401/);
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    await expectSignedOut(first);
    await expectSignedOut(second);
  });
});
