// The gate, from the staff side: an admin creates a garage's gate key (shown once), a device
// sending events with it shows up in the garage's live log without a reload, staff open the
// gate by hand with a reason that the log records, and staff of other garages see none of
// it. Everything here happens at a garage of this file's own, with a staff user of its own;
// the plates it sends belong to nobody, so no account or reservation changes.
import { beforeAll, describe, expect, test } from "vitest";
import type { APIRequestContext, Page } from "playwright-core";
import { formatDateTime } from "@/components/ui/time";
import {
  DESKTOP,
  PASSWORD,
  PHONE,
  assertAccessible,
  assertNoHorizontalScroll,
  baseUrl,
  gotoAndSettle,
} from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const slug = `gate-${suffix}`;
const garageName = `Gate Test ${suffix}`;
const TIME_ZONE = "Asia/Tokyo";
const ops = `gateops_${suffix}`.slice(0, 32);
// Nobody's plates: the gate refuses the arrival and lets the exit go, changing nothing.
const STRANGER = `Q${suffix.toUpperCase().replace(/[^A-Z0-9]/g, "")}`.slice(0, 8);

let locationId = 0;
/** The key the admin test creates (the device tests send it). */
let gateKey = "";

async function assertFits(page: Page) {
  await assertAccessible(page);
  await assertNoHorizontalScroll(page, DESKTOP);
  await assertNoHorizontalScroll(page, PHONE);
  await assertAccessible(page);
}

async function ok<T = unknown>(
  response: Awaited<ReturnType<APIRequestContext["post"]>>,
  status = 200,
): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

/** A gate device's event over HTTP, as a barrier would send it. */
async function deviceEvent(
  key: string,
  body: { eventId: string; plate: string; direction: string },
) {
  return fetch(`${baseUrl()}/api/gate/events`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  // The garage and its one staff member, made through the API as an admin would.
  const admin = await session().newContext();
  const api = admin.request;
  expect(
    (
      await api.post("/api/auth/login", { data: { username: "admin", password: PASSWORD } })
    ).status(),
  ).toBe(200);
  const { location } = await ok<{ location: { id: number } }>(
    await api.post("/api/locations", {
      data: { slug, name: garageName, address: "9 Barrier Road", timeZone: TIME_ZONE },
    }),
    201,
  );
  locationId = location.id;
  // Registering signs the new user in: in a context of their own.
  const newcomer = await session().newContext();
  const { user } = await ok<{ user: { id: number } }>(
    await newcomer.request.post("/api/auth/register", {
      data: { username: ops, email: `${ops}@example.test`, password: PASSWORD },
    }),
    201,
  );
  await ok(await api.patch(`/api/users/${user.id}`, { data: { role: "staff" } }));
  await ok(await api.put(`/api/locations/${location.id}/staff`, { data: { userIds: [user.id] } }));
  await Promise.all([admin.close(), newcomer.close()]);
});

describe("the gate", () => {
  test("an admin creates a gate key and sees it once, with a copy button", async () => {
    const admin = await session().newPage({ user: "admin" });
    await admin.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await gotoAndSettle(admin, "/admin/locations");
    await admin.getByRole("link", { name: `Gate keys of ${garageName}` }).click();
    await admin.waitForURL(new RegExp(`/admin/locations/${slug}/gate-keys$`));
    expect(await admin.getByTestId("gate-key").count()).toBe(0);

    await admin.getByLabel("Label").fill("Entrance barrier");
    await admin.getByLabel("Label").press("Enter");
    const dialog = admin.getByRole("dialog", { name: "New gate key: Entrance barrier" });
    await dialog.waitFor();
    expect(await dialog.getByTestId("gate-key-once").textContent()).toContain(
      "shown only this once",
    );
    gateKey = await dialog.getByLabel("Gate key").inputValue();
    expect(gateKey).toMatch(/^gk_[A-Za-z0-9_-]{43}$/);
    await assertFits(admin);
    await dialog.getByRole("button", { name: "Copy key" }).click();
    await expect
      .poll(() => dialog.getByTestId("gate-key-copied").textContent())
      .toBe("Copied to the clipboard.");
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(gateKey);
    await dialog.getByRole("button", { name: "Done" }).click();
    await dialog.waitFor({ state: "detached" });

    // Listed by label and prefix only; after a reload the key itself is nowhere on the page.
    const row = admin.locator('[data-testid="gate-key"][data-label="Entrance barrier"]');
    await expect
      .poll(() => row.getByTestId("gate-key-prefix").textContent())
      .toBe(`${gateKey.slice(0, 9)}…`);
    await gotoAndSettle(admin, `/admin/locations/${slug}/gate-keys`);
    expect(await row.count()).toBe(1);
    expect(await admin.content()).not.toContain(gateKey);
    await assertFits(admin);
  });

  test("a device event sent with that key appears in staff's live log without a reload", async () => {
    expect(gateKey, "the key of the test before").not.toBe("");
    const page = await session().newPage({ user: ops });
    // Their one garage is chosen for them; the Gate link is in the staff navigation.
    await gotoAndSettle(page, "/");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Gate" })
      .click();
    await page.waitForURL(/\/gate/);
    await page.getByTestId("gate-log-status").waitFor();
    expect(await page.getByTestId("gate-log-status").textContent()).toBe("No gate event yet.");
    // The dashboard left behind stays in the document, hidden: this page's note is the visible one.
    expect(await page.locator('[data-testid="scope-note"]:visible').textContent()).toBe(
      `At ${garageName}`,
    );
    // Marks this document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { gateMark: number }).gateMark = 1));

    const response = await deviceEvent(gateKey, {
      eventId: `e2e-${suffix}-1`,
      plate: STRANGER,
      direction: "in",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ decision: "deny", reason: "unknown_plate" });

    const row = page.getByTestId("gate-event").first();
    await expect
      .poll(() => row.getAttribute("data-reason"), { timeout: 10_000 })
      .toBe("unknown_plate");
    expect(await row.getAttribute("data-decision")).toBe("deny");
    expect(await row.getByTestId("gate-event-plate").textContent()).toBe(STRANGER);
    const text = await row.textContent();
    expect(text).toContain("Arrival");
    expect(text).toContain("Denied");
    expect(text).toContain("Unknown plate");
    // Its time in the garage's zone, labelled.
    const time = row.locator("time");
    const at = (await time.getAttribute("datetime")) ?? "";
    expect(await time.textContent()).toBe(formatDateTime(at, TIME_ZONE));
    expect(await page.evaluate(() => (window as unknown as { gateMark?: number }).gateMark)).toBe(
      1,
    );

    // The exit of a car with no stay opens (the gate never traps a car), newest first.
    await deviceEvent(gateKey, { eventId: `e2e-${suffix}-2`, plate: STRANGER, direction: "out" });
    await expect.poll(() => page.getByTestId("gate-event").count(), { timeout: 10_000 }).toBe(2);
    expect(await page.getByTestId("gate-event").first().getAttribute("data-reason")).toBe(
      "no_stay",
    );
    await assertFits(page);
  });

  test("staff open the gate by hand with a reason, and the row shows who and why", async () => {
    session().allow(/status of 400/);
    const page = await session().newPage({ user: ops });
    await gotoAndSettle(page, `/gate?location=${slug}`);
    const form = page.getByRole("form", { name: "Open gate manually" });
    // A reason is required: too short, and the API's words show beside the field.
    await form.getByLabel("Out: let a car leave").check();
    await form.getByLabel("Reason").fill("ok");
    await form.getByLabel("Reason").evaluate((el) => el.removeAttribute("minlength"));
    await form.getByRole("button", { name: "Open gate" }).click();
    await expect.poll(() => form.getByText("must be at least 3 characters").count()).toBe(1);

    // By keyboard: the reason, the plate, then Enter on the button.
    await form.getByLabel("Reason").fill("Ticket machine jammed, driver paid at the desk");
    await form.getByLabel("Plate (optional)").fill("ab-12 cd");
    await form.getByLabel("Plate (optional)").press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => form.getByTestId("gate-open-done").textContent()).toContain("(AB12CD)");
    expect(await form.getByLabel("Reason").inputValue()).toBe("");

    const row = page.locator('[data-testid="gate-event"][data-manual="true"]').first();
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId("gate-event-plate").textContent()).toBe("AB12CD");
    expect(await row.textContent()).toContain("Exit");
    expect(await row.getByTestId("gate-event-note").textContent()).toBe(
      `By ${ops}: Ticket machine jammed, driver paid at the desk`,
    );

    // The filter: manual opens only, then denials only.
    await page.getByLabel("Show").selectOption("manual");
    await page.waitForURL(/show=manual/);
    await expect
      .poll(() =>
        page
          .getByTestId("gate-event")
          .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-manual"))),
      )
      .toEqual(["true"]);
    await page.getByLabel("Show").selectOption("denials");
    await page.waitForURL(/show=denials/);
    await expect
      .poll(() =>
        page
          .getByTestId("gate-event")
          .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-decision"))),
      )
      .toEqual(["deny"]);
    await assertFits(page);
  });

  test("staff of another garage cannot see this garage's log", async () => {
    // The demo staff user works at the demo garages, not at this one.
    session().allow(/status of 403/);
    const page = await session().newPage({ user: "staff" });
    await gotoAndSettle(page, `/gate?location=${slug}`);
    expect(await page.getByTestId("gate-forbidden").textContent()).toContain(
      `You do not work at ${garageName}`,
    );
    expect(await page.getByTestId("gate-event").count()).toBe(0);
    expect(await page.getByRole("form", { name: "Open gate manually" }).count()).toBe(0);
    // Their own garages are offered instead.
    expect(
      await page.getByRole("navigation", { name: "Garages you work at" }).getByRole("link").count(),
    ).toBeGreaterThanOrEqual(3);
    const api = page.context().request;
    expect((await api.get(`/api/gate/events?locationId=${locationId}`)).status()).toBe(403);
    const open = await api.post("/api/gate/open", {
      data: { locationId, direction: "in", reason: "Not my garage" },
    });
    expect(open.status()).toBe(403);
    await assertFits(page);
  });

  test("an admin revokes the key after confirming, and the device is refused from then on", async () => {
    const admin = await session().newPage({ user: "admin" });
    await gotoAndSettle(admin, `/admin/locations/${slug}/gate-keys`);
    const row = admin.locator('[data-testid="gate-key"][data-label="Entrance barrier"]');
    await row.getByRole("button", { name: "Revoke the key Entrance barrier" }).click();
    const dialog = admin.getByRole("dialog", { name: "Revoke the key Entrance barrier?" });
    await dialog.waitFor();
    // Cancel first: nothing changes.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await row.getAttribute("data-revoked")).toBe("false");
    await row.getByRole("button", { name: "Revoke the key Entrance barrier" }).click();
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => row.getAttribute("data-revoked")).toBe("true");
    expect(await row.textContent()).toContain("Revoked");
    expect(await row.getByRole("button").count()).toBe(0);

    const refused = await deviceEvent(gateKey, {
      eventId: `e2e-${suffix}-3`,
      plate: STRANGER,
      direction: "in",
    });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      "INVALID_GATE_KEY",
    );
  });
});
