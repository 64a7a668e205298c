// The demo seed on this file's empty database: the shape API.md promises (v1's garage facts
// network-wide, v2's network of garages), every invariant the domain keeps, checked on the
// data as written, and each garage's rhythm on its own local clock.
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
  // The seed runs on an empty database: not even the template's test location.
  await db.location.deleteMany();
  // Setup, not a speed check: the bulk write takes minutes on a loaded 2-CPU machine.
  expect(await seedDemoData(now)).toEqual({ seeded: true });
}, 600_000);

const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

/** Local date, hour (0..23) and weekday (0 = Sunday) of an instant, straight from Intl. */
function localTimeIn(timeZone: string) {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    weekday: "short",
    hour: "numeric",
    hourCycle: "h23",
  });
  return (at: Date) => {
    const parts = format.formatToParts(at);
    const part = (type: string) => parts.find((p) => p.type === type)!.value;
    return {
      date: `${part("year")}-${part("month")}-${part("day")}`,
      hour: Number(part("hour")),
      weekday: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(part("weekday")),
    };
  };
}

/**
 * Occupied slot-hours of one location's history by its local hour of day, and per local day
 * of each weekday (a 60-day window holds 8 or 9 of each). Only hours that ended a day
 * before the seed's now: the bookings running now and upcoming follow the current moment,
 * not the garage's rhythm (a Saturday-night seed puts them all on a Sunday).
 */
async function localProfile(slug: string) {
  const location = await db.location.findUniqueOrThrow({ where: { slug } });
  const stats = await db.utilizationStat.findMany({
    where: { slot: { locationId: location.id } },
    select: { date: true, hour: true, occupancyCount: true },
  });
  const historyEnd = now.getTime() - 24 * 3_600_000;
  const byHour = new Array<number>(24).fill(0);
  const weekdayTotals = new Array<number>(7).fill(0);
  const weekdayDates = Array.from({ length: 7 }, () => new Set<string>());
  const localTime = localTimeIn(location.timeZone);
  const local = new Map<string, ReturnType<ReturnType<typeof localTimeIn>>>();
  for (const s of stats) {
    const key = `${s.date}T${String(s.hour).padStart(2, "0")}:00:00Z`;
    if (Date.parse(key) + 3_600_000 > historyEnd) continue;
    if (!local.has(key)) local.set(key, localTime(new Date(key)));
    const { date, hour, weekday } = local.get(key)!;
    byHour[hour]! += s.occupancyCount;
    weekdayTotals[weekday]! += s.occupancyCount;
    weekdayDates[weekday]!.add(date);
  }
  const byWeekday = weekdayTotals.map((total, day) => total / Math.max(1, weekdayDates[day]!.size));
  const busiest = (values: number[]) => values.indexOf(Math.max(...values));
  return { byHour, byWeekday, busiestHour: busiest(byHour), busiestWeekday: busiest(byWeekday) };
}

describe("seedDemoData", () => {
  it("creates a network of three garages of different sizes in two time zones", async () => {
    const locations = await db.location.findMany({
      orderBy: { id: "asc" },
      include: { _count: { select: { slots: true } } },
    });
    expect(locations.map((l) => [l.slug, l.timeZone, l.requiresCheckIn, l._count.slots])).toEqual([
      ["city-centre", "Europe/London", false, 120],
      ["riverside-mall", "America/New_York", false, 160],
      ["airport-long-stay", "Europe/Berlin", true, 200],
    ]);
    for (const l of locations) expect(l.name.length * l.address.length).toBeGreaterThan(0);
  });

  it("gives every location all four slot types and some bays closed with a reason", async () => {
    const slots = await db.parkingSlot.findMany();
    for (const locationId of new Set(slots.map((s) => s.locationId))) {
      const here = slots.filter((s) => s.locationId === locationId);
      expect(new Set(here.map((s) => s.slotType))).toEqual(new Set(SLOT_TYPES));
      expect(here.some((s) => s.outOfService)).toBe(true);
      // Slot numbers are unique per location (and repeat across them).
      expect(new Set(here.map((s) => s.slotNumber)).size).toBe(here.length);
    }
    for (const slot of slots) {
      expect(slot.outOfServiceReason !== null, slot.slotNumber).toBe(slot.outOfService);
    }
    expect(new Set(slots.map((s) => s.slotNumber)).size).toBeLessThan(slots.length);
  });

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
    // Staff work at every location, so v1's staff powers hold; admins need no assignment.
    const locationIds = (await db.location.findMany({ orderBy: { id: "asc" } })).map((l) => l.id);
    expect(locationIds).toHaveLength(3);
    expect(staff.locationIds).toEqual(locationIds);
    expect(await db.staffAssignment.count({ where: { userId: admin.id } })).toBe(0);
    expect([alice.role, bob.role]).toEqual(["driver", "driver"]);
    expect([alice.walletBalanceCents, bob.walletBalanceCents]).toEqual([10_000, 10_000]);
    const plates = await db.vehicle.findMany({
      where: { userId: { in: [alice.id, bob.id] } },
      orderBy: { userId: "asc" },
    });
    expect(plates.map((v) => [v.userId, v.plate])).toEqual([
      [alice.id, "ALICE1"],
      [bob.id, "BOB1"],
    ]);
    const drivers = await db.user.count({ where: { username: { startsWith: "driver" } } });
    expect(drivers).toBe(40);
  });

  it("writes 60 days of past reservations at every location, each day occupied", async () => {
    const reservations = await db.reservation.findMany({
      where: { status: "completed" },
      select: { startTime: true, endTime: true },
    });
    const firstDay = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - 59 * DAY_MS);
    expect(Math.min(...reservations.map((r) => r.startTime.getTime()))).toBeGreaterThanOrEqual(
      firstDay.getTime(),
    );
    expect(Math.max(...reservations.map((r) => r.endTime.getTime()))).toBeLessThanOrEqual(
      now.getTime(),
    );
    // Every UTC day of the 60 has occupied hours at every location (an airport stay that
    // began days ago counts for today; upcoming bookings' hours lie after it).
    const today = now.toISOString().slice(0, 10);
    const days = await db.$queryRaw<{ location_id: number; days: bigint | number }[]>`
      SELECT s.location_id, COUNT(DISTINCT u.date) AS days
      FROM utilization_stats u JOIN parking_slots s ON s.id = u.slot_id
      WHERE u.occupancy_count > 0 AND u.date <= ${today}
      GROUP BY s.location_id ORDER BY s.location_id`;
    expect(days.map((d) => Number(d.days))).toEqual([60, 60, 60]);
  });

  it("keeps every wallet equal to its ledger, and a slot held by at most one reservation", async () => {
    await expectConsistentDatabase();
  });

  it("has reservations running now at every location and upcoming ones, made by the domain", async () => {
    const active = await db.reservation.findMany({
      where: { status: "active" },
      include: { slot: true },
    });
    for (const { id } of await db.location.findMany()) {
      expect(active.filter((r) => r.slot.locationId === id).length).toBeGreaterThan(0);
    }
    for (const r of active) {
      expect(r.startTime.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(r.endTime.getTime()).toBeGreaterThan(now.getTime());
      // Written by reserveSlot(): priced hour by hour.
      expect(r.hourlyCents).not.toBeNull();
    }
    const held = await db.parkingSlot.count({ where: { isAvailable: false } });
    expect(held).toBe(active.length);
    const closedButHeld = await db.parkingSlot.count({
      where: { outOfService: true, isAvailable: false },
    });
    expect(closedButHeld).toBe(0);
    const upcoming = await db.reservation.findMany({ where: { status: "upcoming" } });
    expect(upcoming.length).toBeGreaterThan(0);
    for (const r of upcoming) expect(r.startTime.getTime()).toBeGreaterThan(now.getTime());
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

  it("runs the commuter garage on London time: weekday daytime, busiest in the working day", async () => {
    const { byHour, byWeekday, busiestHour } = await localProfile("city-centre");
    expect(busiestHour).toBeGreaterThanOrEqual(8);
    expect(busiestHour).toBeLessThanOrEqual(17);
    expect(sum(byHour.slice(9, 17))).toBeGreaterThan(10 * sum(byHour.slice(1, 5)));
    // An average Tuesday (weekday) against an average Sunday.
    expect(byWeekday[2]!).toBeGreaterThan(2 * byWeekday[0]!);
  });

  it("runs the mall on New York time: shopping hours, busiest at the weekend", async () => {
    const { byHour, busiestHour, busiestWeekday } = await localProfile("riverside-mall");
    // Local, not UTC: New York's 02:00-05:00 is 07:00-10:00 UTC, busy hours in London.
    expect(busiestHour).toBeGreaterThanOrEqual(10);
    expect(busiestHour).toBeLessThanOrEqual(19);
    expect(sum(byHour.slice(11, 17))).toBeGreaterThan(10 * sum(byHour.slice(2, 6)));
    expect([0, 6]).toContain(busiestWeekday);
  });

  it("keeps the airport's cars for days, in back-to-back bookings of at most 24 hours", async () => {
    const location = await db.location.findUniqueOrThrow({ where: { slug: "airport-long-stay" } });
    const bookings = await db.reservation.findMany({
      where: { status: "completed", slot: { locationId: location.id } },
      select: { slotId: true, userId: true, startTime: true, endTime: true, durationHours: true },
      orderBy: [{ slotId: "asc" }, { startTime: "asc" }],
    });
    expect(Math.max(...bookings.map((b) => b.durationHours))).toBeLessThanOrEqual(24);
    // A stay: one driver's bookings on a slot, each starting as the one before ends.
    const stays: number[] = [];
    bookings.forEach((b, i) => {
      const previous = bookings[i - 1];
      const continues =
        previous?.slotId === b.slotId &&
        previous.userId === b.userId &&
        previous.endTime.getTime() === b.startTime.getTime();
      if (continues) stays[stays.length - 1]! += b.durationHours;
      else stays.push(b.durationHours);
    });
    expect(sum(stays) / stays.length).toBeGreaterThan(48);
    expect(Math.max(...stays)).toBeGreaterThan(7 * 24);
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
        db.location.count(),
      ]);
    const before = await counts();
    expect(await seedDemoData()).toEqual({ seeded: false });
    expect(await counts()).toEqual(before);
  });
});
