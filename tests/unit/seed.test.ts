// The demo seed on this file's empty database: the shape API.md promises, and every
// invariant the domain keeps, checked on the data as written.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signIn } from "@/lib/auth/service";
import { DEMO_PASSWORD, seedDemoData } from "@/prisma/seed";
import { SLOT_TYPES } from "@/lib/dto";
import { expectConsistentDatabase } from "./builders";
import {
  expectEveryReservationPaidOnce,
  expectNoOverlappingReservations,
  expectRollupsMatchBaseTables,
  expectUtilizationMatchesReservations,
} from "./invariants";

const DAY_MS = 86_400_000;
const now = new Date();

beforeAll(async () => {
  // Setup, not a speed check: the bulk write takes minutes on a loaded 2-CPU machine.
  expect(await seedDemoData(now)).toEqual({ seeded: true });
}, 600_000);

const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

describe("seedDemoData", () => {
  it("creates at least 3 floors and 100 slots of all four types, some out of service", async () => {
    const slots = await db.parkingSlot.findMany();
    expect(slots.length).toBeGreaterThanOrEqual(100);
    expect(new Set(slots.map((s) => s.floorNumber)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(slots.map((s) => s.slotType))).toEqual(new Set(SLOT_TYPES));
    expect(slots.some((s) => s.outOfService)).toBe(true);
    for (const slot of slots) expect(slot.pricePerHourCents).toBeGreaterThan(0);
  });

  it("creates the demo accounts (staff, admin, drivers alice and bob at 10000 cents) with the demo password", async () => {
    const signedIn = (username: string) =>
      signIn({ username, password: DEMO_PASSWORD }, "seed-test").then((s) => s.user);
    const staff = await signedIn("staff");
    const alice = await signedIn("alice");
    const bob = await signedIn("bob");
    const admin = await signedIn("admin");
    expect(staff.role).toBe("staff");
    expect(admin.role).toBe("admin");
    // Staff work at every location, so v1's staff powers hold.
    expect(staff.locationIds).toEqual(
      (await db.location.findMany({ orderBy: { id: "asc" } })).map((l) => l.id),
    );
    expect([alice.role, bob.role]).toEqual(["driver", "driver"]);
    expect([alice.walletBalanceCents, bob.walletBalanceCents]).toEqual([10_000, 10_000]);
    const drivers = await db.user.count({ where: { username: { startsWith: "driver" } } });
    expect(drivers).toBe(40);
  });

  it("writes 60 days of past reservations, each day with some", async () => {
    const reservations = await db.reservation.findMany({ select: { startTime: true } });
    const firstDay = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - 59 * DAY_MS);
    const days = new Set(reservations.map((r) => r.startTime.toISOString().slice(0, 10)));
    expect(days.size).toBe(60);
    expect(Math.min(...reservations.map((r) => r.startTime.getTime()))).toBeGreaterThanOrEqual(
      firstDay.getTime(),
    );
    expect(Math.max(...reservations.map((r) => r.startTime.getTime()))).toBeLessThanOrEqual(
      now.getTime(),
    );
  });

  it("keeps every wallet equal to its ledger, and a slot held by at most one reservation", async () => {
    await expectConsistentDatabase();
  });

  it("has reservations running now, all within their time", async () => {
    const active = await db.reservation.findMany({ where: { status: "active" } });
    expect(active.length).toBeGreaterThan(0);
    for (const r of active) {
      expect(r.startTime.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(r.endTime.getTime()).toBeGreaterThan(now.getTime());
    }
    const held = await db.parkingSlot.count({ where: { isAvailable: false } });
    expect(held).toBe(active.length);
    const closedButHeld = await db.parkingSlot.count({
      where: { outOfService: true, isAvailable: false },
    });
    expect(closedButHeld).toBe(0);
  });

  it("never books a slot twice at once", async () => {
    await expectNoOverlappingReservations();
  });

  it("pays every reservation once, in full, with a ledger charge referencing it", async () => {
    await expectEveryReservationPaidOnce();
  });

  it("records utilization exactly as the reserve path does: revenue and hours add up", async () => {
    await expectUtilizationMatchesReservations();
  });

  it("fills the analytics roll-ups exactly as a recomputation from the base tables", async () => {
    await expectRollupsMatchBaseTables();
  });

  it("shows a daily rhythm: daytime hours busier than the night", async () => {
    const stats = await db.utilizationStat.findMany();
    const byHour = (hours: number[]) =>
      sum(stats.filter((s) => hours.includes(s.hour)).map((s) => s.occupancyCount));
    expect(byHour([8, 9, 17, 18])).toBeGreaterThan(3 * byHour([1, 2, 3, 4]));
  });

  it("does nothing when run again on a database that has data", async () => {
    const counts = async () =>
      Promise.all([
        db.user.count(),
        db.parkingSlot.count(),
        db.reservation.count(),
        db.payment.count(),
        db.walletTransaction.count(),
        db.utilizationStat.count(),
      ]);
    const before = await counts();
    expect(await seedDemoData()).toEqual({ seeded: false });
    expect(await counts()).toEqual(before);
  });
});
