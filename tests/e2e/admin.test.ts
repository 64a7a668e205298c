// The admin pages: the network overview, garages (create, edit, staff), role changes on
// /users; a staff user assigned to one garage sees only it and is refused the admin pages.
// Everything this file changes is its own (a new user, a new garage), so other files' demo
// accounts and garages stay as the seed made them.
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import {
  DESKTOP,
  PASSWORD,
  PHONE,
  assertAccessible,
  assertNoHorizontalScroll,
  gotoAndSettle,
} from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

const suffix = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function assertFits(page: Page) {
  await assertAccessible(page);
  await assertNoHorizontalScroll(page, DESKTOP);
  await assertNoHorizontalScroll(page, PHONE);
  await assertAccessible(page);
}

describe("admin", () => {
  // The next three tests follow one story: a new user made staff, a new garage they are
  // assigned to, and what they see then.
  const username = `ops_${suffix()}`;
  const slug = `harbour-${suffix()}`;

  test("makes a new user staff on /users", async () => {
    const registered = await (
      await session().newContext()
    ).request.post("/api/auth/register", {
      data: { username, email: `${username}@example.test`, password: PASSWORD },
    });
    expect(registered.status()).toBe(201);
    const admin = await session().newPage({ user: "admin" });
    await gotoAndSettle(admin, `/users?q=${username}`);
    const row = admin.locator(`[data-testid="user-row"][data-username="${username}"]`);
    await row.getByLabel(`Role of ${username}`, { exact: true }).selectOption("staff");
    await row.getByRole("button", { name: `Save the role of ${username}` }).click();
    await expect.poll(() => row.getByRole("status").textContent()).toContain("is now staff");
    expect(await row.getByLabel(`Role of ${username}`, { exact: true }).inputValue()).toBe("staff");
  });

  test("creates and edits a garage, showing the API's refusals, and assigns the staff user", async () => {
    // The refusals this test provokes (a bad slug, a taken one) are logged by the browser.
    session().allow(/status of 40[09]/);
    const admin = await session().newPage({ user: "admin" });
    await gotoAndSettle(admin, "/");
    await admin
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Admin" })
      .click();
    await admin.waitForURL(/\/admin$/);
    await admin.getByRole("link", { name: "Manage garages" }).click();
    await admin.waitForURL(/\/admin\/locations$/);
    await admin.getByRole("button", { name: "New garage" }).click();
    let dialog = admin.getByRole("dialog", { name: "New garage" });
    await dialog.getByLabel("Slug").fill("Not A Slug");
    await dialog.getByLabel("Name").fill(`Harbour ${slug}`);
    await dialog.getByLabel("Address").fill("1 Quay Street");
    await dialog.getByLabel("Time zone").selectOption("Asia/Tokyo");
    await dialog.getByLabel("Bookings must check in at the gate").check();
    await dialog.getByRole("button", { name: "Create garage" }).click();
    // The API's 400 names the field; shown beside it.
    await expect
      .poll(() => dialog.getByText("must be 2 to 40 characters of a-z, 0-9 and '-'").count())
      .toBe(1);
    await dialog.getByLabel("Slug").fill(slug);
    await dialog.getByRole("button", { name: "Create garage" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => admin.getByTestId("admin-done").textContent()).toContain("created");
    const card = admin.locator(`[data-testid="admin-location"][data-slug="${slug}"]`);
    await expect.poll(() => card.textContent()).toContain("Asia/Tokyo");
    expect(await card.textContent()).toContain("Required at the gate");

    // The same slug again: the API's 409, in its words.
    await admin.getByRole("button", { name: "New garage" }).click();
    dialog = admin.getByRole("dialog", { name: "New garage" });
    await dialog.getByLabel("Slug").fill(slug);
    await dialog.getByLabel("Name").fill("Duplicate");
    await dialog.getByLabel("Address").fill("2 Quay Street");
    await dialog.getByRole("button", { name: "Create garage" }).click();
    await expect
      .poll(() => dialog.getByTestId("location-error").textContent())
      .toContain(`slug "${slug}" already exists`);
    await dialog.getByRole("button", { name: "Cancel" }).click();

    // Edit: a new name.
    await card.getByRole("button", { name: /^Edit / }).click();
    dialog = admin.getByRole("dialog", { name: /^Edit / });
    await dialog.getByLabel("Name").fill(`Harbour Quay ${slug}`);
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => card.getByRole("heading").textContent()).toBe(`Harbour Quay ${slug}`);

    // Staff: the new user works here.
    await card.getByRole("button", { name: /^Staff of / }).click();
    dialog = admin.getByRole("dialog", { name: /^Staff of / });
    await dialog.getByLabel(new RegExp(`^${username}`)).check();
    await dialog.getByRole("button", { name: "Save staff" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => card.getByTestId("location-staff").textContent()).toBe(username);

    // The overview lists the garage (no slots yet).
    await gotoAndSettle(admin, "/admin");
    const overview = admin.locator(`[data-testid="overview-location"][data-slug="${slug}"]`);
    expect(await overview.textContent()).toContain("Asia/Tokyo");
  });

  test("the staff user sees only their garage's reservations and is refused the admin pages", async () => {
    // Reservations of their garage only (it has none, while the network has many), the
    // network-wide user list, and no admin page.
    const ops = await session().newPage({ user: username });
    await gotoAndSettle(ops, "/reservations");
    expect(await ops.getByTestId("reservation-row").count()).toBe(0);
    const staffView = await session().newPage({ user: "staff" });
    await gotoAndSettle(staffView, "/reservations");
    expect(await staffView.getByTestId("reservation-row").count()).toBeGreaterThan(0);
    expect(
      await ops
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: "Admin" })
        .count(),
    ).toBe(0);
    for (const path of ["/admin", "/admin/locations"]) {
      await gotoAndSettle(ops, path);
      expect(await ops.getByTestId("forbidden").textContent()).toContain("needs an admin account");
    }
    await gotoAndSettle(ops, "/users");
    expect(await ops.getByTestId("forbidden").count()).toBe(0);
  });

  test("the last admin cannot stop being one, and the page says so", async () => {
    session().allow(/status of 409/);
    const admin = await session().newPage({ user: "admin" });
    await gotoAndSettle(admin, "/users?q=admin");
    const row = admin.locator('[data-testid="user-row"][data-username="admin"]');
    await row.getByLabel("Role of admin", { exact: true }).selectOption("staff");
    await row.getByRole("button", { name: "Save the role of admin" }).click();
    await expect
      .poll(() => row.getByTestId("role-error").textContent())
      .toContain("The last admin cannot stop being an admin.");
    await expect
      .poll(() => row.getByLabel("Role of admin", { exact: true }).inputValue())
      .toBe("admin");
  });

  test("drivers and staff get no Admin link and are refused the overview", async () => {
    for (const user of ["alice", "staff"]) {
      const page = await session().newPage({ user });
      await gotoAndSettle(page, "/admin");
      expect(await page.getByTestId("forbidden").textContent()).toContain("needs an admin account");
      expect(await page.getByRole("link", { name: "Admin" }).count()).toBe(0);
      expect(await page.getByTestId("overview-location").count()).toBe(0);
    }
  });

  test("a visitor opening an admin page is sent to sign in", async () => {
    const page = await session().newPage();
    await page.goto("/admin/locations");
    // The page streams behind its loading state, so the redirect may finish in the browser.
    await page.waitForURL(/\/login\?next=(%2F|\/)admin(%2F|\/)locations/);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
  });

  test.each(["/admin", "/admin/locations", "/users"])(
    "%s as admin is accessible and fits 375 and 1440 px",
    async (path) => {
      const page = await session().newPage({ user: "admin" });
      await gotoAndSettle(page, path);
      await assertFits(page);
      if (path === "/admin") {
        expect(await page.getByTestId("overview-location").count()).toBeGreaterThanOrEqual(3);
      }
      if (path === "/admin/locations") {
        await page.getByRole("button", { name: "New garage" }).click();
        await page.getByRole("dialog", { name: "New garage" }).waitFor();
        await assertFits(page);
      }
    },
  );
});
