// Where signing in leads: the `next` path on this site, never another host, however the
// link was crafted (browsers strip tabs and newlines and read backslashes as slashes).
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { baseUrl, gotoAndSettle, PASSWORD } from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

async function signInThrough(page: Page, loginUrl: string): Promise<URL> {
  await gotoAndSettle(page, loginUrl);
  await page.getByLabel("Username").fill("alice");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.waitForLoadState("networkidle");
  return new URL(page.url());
}

describe("signing in with a next link", () => {
  test.each([
    "/login?next=/%09/evil.example/x",
    "/login?next=%2F%0A%2Fevil.example%2Fx",
    "/login?next=/%5Cevil.example/x",
    "/login?next=//evil.example/x",
    "/login?next=/.//evil.example/x",
    "/login?next=https://evil.example/x",
    "/login?next=javascript:alert(1)",
  ])("%s stays on this site", async (loginUrl) => {
    const page = await session().newPage();
    const landed = await signInThrough(page, loginUrl);
    expect(landed.origin).toBe(new URL(baseUrl()).origin);
  });

  test("a path on this site is where it leads", async () => {
    const page = await session().newPage();
    const landed = await signInThrough(page, "/login?next=%2Fslots%3Ffloor%3D2");
    expect(`${landed.pathname}${landed.search}`).toBe("/slots?floor=2");
  });

  test("signed in already, the login page sends a crafted next home too", async () => {
    const page = await session().newPage({ user: "alice" });
    await gotoAndSettle(page, "/login?next=/%09/evil.example/x");
    expect(new URL(page.url()).origin).toBe(new URL(baseUrl()).origin);
  });
});
