// The audit log page: staff see a fresh staff action (and the next one arrive without a
// reload), filter by kind of action, and find the page in the navigation; drivers are
// refused and have no link to it.
import { describe, expect, test } from "vitest";
import {
  DESKTOP,
  PHONE,
  assertAccessible,
  assertNoHorizontalScroll,
  gotoAndSettle,
} from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

describe("audit log", () => {
  test("staff see a fresh slot change, then a top-up arrives live; filter by action", async () => {
    const page = await session().newPage({ user: "staff", viewport: DESKTOP });
    const api = page.context().request;
    const slotNumber = `AU-${Date.now().toString(36)}`;
    const created = await api.post("/api/slots", {
      // An existing zone: the analytics heat map draws every floor × zone.
      data: { slotNumber, floor: 3, zone: "D", type: "regular", pricePerHourCents: 350 },
    });
    expect(created.status()).toBe(201);
    const { slot } = (await created.json()) as { slot: { id: number } };
    const changed = await api.patch(`/api/slots/${slot.id}`, {
      data: { pricePerHourCents: 375, outOfService: true },
    });
    expect(changed.status()).toBe(200);

    await gotoAndSettle(page, "/");
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.waitForURL("**/audit");
    const entries = page.getByTestId("audit-entry");
    const newest = entries.first();
    await expect.poll(() => newest.getAttribute("data-action")).toBe("slot_update");
    const text = (await newest.textContent()) ?? "";
    expect(text).toContain("Slot changed");
    expect(text).toContain(`slot ${slotNumber}`);
    expect(text).toContain("by staff");
    expect(text).toMatch(/Price per hour\s*from\s*\$3\.50.*to\s*\$3\.75/);
    await assertAccessible(page);

    const bob = (await (await api.get("/api/users?q=bob")).json()) as {
      users: { id: number; username: string }[];
    };
    const bobId = bob.users.find((u) => u.username === "bob")!.id;
    expect(
      (await api.post("/api/add-balance", { data: { amountCents: 75, userId: bobId } })).status(),
    ).toBe(200);
    await expect.poll(() => newest.getAttribute("data-action")).toBe("wallet_top_up");
    expect(await newest.textContent()).toContain("on bob");

    await page.getByLabel("Action").selectOption("slot_create");
    await page.waitForURL(/action=slot_create/);
    const shownActions = async () =>
      [
        ...new Set(
          await entries.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action"))),
        ),
      ].sort();
    await expect.poll(shownActions).toEqual(["slot_create"]);
    await assertNoHorizontalScroll(page, PHONE);
  });

  test("a driver opening /audit is refused and has no link to it", async () => {
    const page = await session().newPage({ user: "alice" });
    await gotoAndSettle(page, "/audit");
    expect(await page.getByTestId("forbidden").textContent()).toContain("needs a staff account");
    expect(await page.getByTestId("audit-entry").count()).toBe(0);
    expect(await page.getByRole("link", { name: "Audit log" }).count()).toBe(0);
  });
});
