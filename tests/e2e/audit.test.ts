// The audit log page: staff see a fresh staff action (and the next one arrive without a
// reload), filter by kind of action, see an extension they made for a driver as its own
// action, and find the page in the navigation; drivers are refused and have no link to it.
import { describe, expect, test } from "vitest";
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

  test("staff extending a driver's booking shows as its own action", async () => {
    // A driver of this test's own, so no other test's account changes.
    const username = `ext_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
    const driverContext = await session().newContext();
    const registered = await driverContext.request.post("/api/auth/register", {
      data: { username, email: `${username}@example.test`, password: PASSWORD },
    });
    expect(registered.status()).toBe(201);
    const { user } = (await registered.json()) as { user: { id: number } };

    const page = await session().newPage({ user: "staff", viewport: DESKTOP });
    const api = page.context().request;
    const created = await api.post("/api/slots", {
      data: {
        slotNumber: `AX-${Date.now().toString(36)}`,
        floor: 3,
        zone: "D",
        type: "regular",
        pricePerHourCents: 250,
      },
    });
    expect(created.status()).toBe(201);
    const { slot } = (await created.json()) as { slot: { id: number } };
    const toppedUp = await api.post("/api/add-balance", {
      data: { amountCents: 1_000, userId: user.id },
    });
    expect(toppedUp.status()).toBe(200);
    const reserved = await api.post("/api/reserve", {
      data: { slotId: slot.id, durationHours: 1, userId: user.id },
    });
    expect(reserved.status()).toBe(201);
    const { reservation } = (await reserved.json()) as { reservation: { id: number } };
    const extended = await api.post(`/api/reservations/${reservation.id}/extend`, {
      data: { hours: 1 },
    });
    expect(extended.status()).toBe(200);

    await gotoAndSettle(page, "/audit?action=reservation_extend");
    const newest = page.getByTestId("audit-entry").first();
    await expect.poll(() => newest.getAttribute("data-action")).toBe("reservation_extend");
    const text = (await newest.textContent()) ?? "";
    expect(text).toContain("Reservation extended by staff");
    expect(text).toContain(`on reservation ${reservation.id}`);
    expect(text).toMatch(/Hours\s*from\s*1.*to\s*2/);
    expect(text).toMatch(/Total\s*from\s*\$2\.50.*to\s*\$5\.00/);
    await assertAccessible(page);

    expect(
      (
        await api.post("/api/end-reservation", { data: { reservationId: reservation.id } })
      ).status(),
    ).toBe(200);
    expect(
      (await api.patch(`/api/slots/${slot.id}`, { data: { outOfService: true } })).status(),
    ).toBe(200);
  });

  test("a driver opening /audit is refused and has no link to it", async () => {
    const page = await session().newPage({ user: "alice" });
    await gotoAndSettle(page, "/audit");
    expect(await page.getByTestId("forbidden").textContent()).toContain("needs a staff account");
    expect(await page.getByTestId("audit-entry").count()).toBe(0);
    expect(await page.getByRole("link", { name: "Audit log" }).count()).toBe(0);
  });
});
