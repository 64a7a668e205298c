// Staff find a user and add balance; drivers and visitors cannot open /users.
import { describe, expect, test } from "vitest";
import { PASSWORD, gotoAndSettle } from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

describe("staff", () => {
  test("sign in, find a user, add balance", async () => {
    const page = await session().newPage();
    await gotoAndSettle(page, "/login");
    await page.getByLabel("Username").fill("staff");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("link", { name: "Users" }).click();
    await page.waitForURL("**/users");

    await page.getByLabel("Search by username or email").fill("bob");
    await page.waitForURL(/q=bob/);
    const row = page.locator('[data-testid="user-row"][data-username="bob"]');
    await expect.poll(() => page.getByTestId("user-row").count()).toBe(1);
    const before = await row.getByTestId("user-balance").textContent();
    const beforeCents = Math.round(Number(before!.replace(/[$,]/g, "")) * 100);

    await row.getByRole("button", { name: "Add balance for bob" }).click();
    const dialog = page.getByRole("dialog", { name: "Add balance for bob" });
    await dialog.getByLabel("Amount ($)").fill("12.50");
    await dialog.getByRole("button", { name: "Add $12.50" }).click();
    await dialog.getByTestId("top-up-success").waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    const after = beforeCents + 1250;
    await expect
      .poll(() => row.getByTestId("user-balance").textContent())
      .toBe(`$${(after / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`);
  });

  test("staff filter reservations by status", async () => {
    const page = await session().newPage({ user: "staff" });
    await gotoAndSettle(page, "/reservations?status=completed");
    const statuses = await page
      .getByTestId("reservation-row")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(["completed"]));
    expect(await page.getByLabel("Status").inputValue()).toBe("completed");
  });

  test("a driver opening /users is refused", async () => {
    const page = await session().newPage({ user: "alice" });
    await gotoAndSettle(page, "/users");
    expect(await page.getByTestId("forbidden").textContent()).toContain("needs a staff account");
    expect(await page.getByTestId("user-row").count()).toBe(0);
    expect(await page.getByRole("link", { name: "Users" }).count()).toBe(0);
  });

  test("a visitor opening /users is sent to sign in", async () => {
    const page = await session().newPage();
    await page.goto("/users");
    // The page streams behind its loading state, so the redirect may finish in the browser.
    await page.waitForURL(/\/login\?next=%2Fusers|\/login\?next=\/users/);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
  });
});
