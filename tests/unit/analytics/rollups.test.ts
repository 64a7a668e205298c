// The analytics roll-ups stay equal to a recomputation from the base tables through every
// kind of write: reserve alone and grouped (group commit), booking ahead, end, cancel with
// its refund, the expiry sweep, and staff changing a slot's type, zone or service state.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { cancelReservation, endReservation, reserveSlot } from "@/lib/reservations/service";
import { sweepExpiredReservations } from "@/lib/reservations/expiry";
import { updateSlot } from "@/lib/slots/service";
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
});
