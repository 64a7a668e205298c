// The analytics roll-ups stay equal to a recomputation from the base tables through every
// kind of write: reserve alone and grouped (group commit), booking ahead, end, cancel with
// its refund, the expiry sweep, and staff changing a slot's type, zone or service state.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { cancelReservation, endReservation, reserveSlot } from "@/lib/reservations/service";
import { sweepExpiredReservations } from "@/lib/reservations/expiry";
import { updateSlot } from "@/lib/slots/service";
import { bulkFillRollupStatements, ROLLUP_TABLES, ROLLUPS } from "@/lib/analytics/rollups";
import { createDriver, createSlots, createStaff, HOUR_MS } from "../builders";
import { expectRollupsMatchBaseTables } from "../invariants";

describe("analytics roll-ups", () => {
  it("equal their recomputation after a mix of reserve, end, cancel, sweep and slot edits", async () => {
    const staff = await createStaff();
    const drivers = await Promise.all(
      Array.from({ length: 4 }, () => createDriver({ balanceCents: 100_000 })),
    );
    const slots = [
      ...(await createSlots(3, { floor: 1, zone: "A", type: "regular" })),
      ...(await createSlots(2, { floor: 2, zone: "B", type: "vip", pricePerHourCents: 800 })),
    ];
    const now = new Date();

    // Grouped: concurrent requests without an Idempotency-Key share one transaction.
    const grouped = await Promise.all(
      slots.map((slot, i) =>
        reserveSlot(drivers[i % drivers.length]!, { slotId: slot.id, durationHours: 1 + i }, now),
      ),
    );
    await expectRollupsMatchBaseTables();

    // Alone, booked ahead, two bookings in one slot-hour (occupied once).
    const ahead = await reserveSlot(
      drivers[0]!,
      {
        slotId: slots[0]!.id,
        durationHours: 2,
        startTime: new Date(now.getTime() + 30 * HOUR_MS),
        // With a key, as a group of one.
        idempotencyKey: "rollups-ahead",
      },
      now,
    );
    const sameHour = await reserveSlot(
      drivers[1]!,
      { slotId: slots[0]!.id, durationHours: 1, startTime: new Date(now.getTime() + 32 * HOUR_MS) },
      now,
    );
    await expectRollupsMatchBaseTables();

    await endReservation(drivers[1]!, grouped[1]!.reservation.id, now);
    await cancelReservation(drivers[0]!, ahead.reservation.id, now);
    await expectRollupsMatchBaseTables();

    // Staff move a slot with history to another zone and type, close one, reopen it.
    await updateSlot(staff, slots[2]!.id, { zone: "C", type: "electric" });
    await updateSlot(staff, slots[3]!.id, { outOfService: true });
    await expectRollupsMatchBaseTables();
    await updateSlot(staff, slots[3]!.id, { outOfService: false });
    await cancelReservation(drivers[1]!, sameHour.reservation.id, now);

    // Everything that was running is completed by the sweep a day later.
    await sweepExpiredReservations(new Date(now.getTime() + 26 * HOUR_MS));
    await expectRollupsMatchBaseTables();

    const [hours] = await db.$queryRaw<{ n: number | bigint }[]>`
      SELECT SUM(occupied_slot_hours) AS n FROM analytics_hourly`;
    // 1+2+3+4+5 booked hours; the ended one keeps its booked hours; the cancelled ones none.
    expect(Number(hours!.n)).toBe(15);
  });

  it("are filled in bulk with exactly their recomputation's rows, coarser ones from finer", async () => {
    const driver = await createDriver({ balanceCents: 100_000 });
    const [slot, closed] = await createSlots(2, { floor: 1, zone: "A", type: "regular" });
    const now = new Date();
    await reserveSlot(driver, { slotId: slot!.id, durationHours: 2 }, now);
    // Booked a day ahead: the hour it is made in counts a reservation and no occupancy,
    // a row the hourly zone table has and the hourly occupancy table must not.
    await reserveSlot(
      driver,
      { slotId: slot!.id, durationHours: 1, startTime: new Date(now.getTime() + 24 * HOUR_MS) },
      new Date(now.getTime() - 3 * HOUR_MS),
    );
    await db.parkingSlot.update({ where: { id: closed!.id }, data: { outOfService: true } });

    await db.$transaction(async (tx) => {
      for (const table of ROLLUP_TABLES) await tx.$executeRawUnsafe(`DELETE FROM ${table}`);
      for (const sql of bulkFillRollupStatements()) await tx.$executeRawUnsafe(sql);
    });
    for (const table of ROLLUP_TABLES) {
      const { columns, key, select } = ROLLUPS[table];
      const order = key.map((_, i) => i + 1).join(", ");
      const rows = (sql: string) =>
        db
          .$queryRawUnsafe<Record<string, unknown>[]>(sql)
          .then((found) =>
            found.map((row) =>
              columns.map((c) => (typeof row[c] === "bigint" ? Number(row[c]) : row[c])),
            ),
          );
      const stored = await rows(`SELECT ${columns.join(", ")} FROM ${table} ORDER BY ${order}`);
      expect(stored.length, table).toBeGreaterThan(0);
      expect(stored, table).toEqual(
        await rows(`SELECT ${columns.join(", ")} FROM (${select()}) x ORDER BY ${order}`),
      );
    }
  });
});
