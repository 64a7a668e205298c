// The overlap guard and the money invariants under concurrency.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { cancelReservation, endReservation, reserveSlot } from "@/lib/reservations/service";
import { topUpWallet } from "@/lib/wallet/service";
import { HOUR_MS, createDriver, createSlot } from "../builders";
import { DAY_MS, at, expectConsistent } from "./helpers";

const T = new Date("2034-01-10T06:00:00.000Z");

describe("concurrent bookings of one slot", () => {
  it("50 parallel requests for overlapping windows: exactly one succeeds", async () => {
    const slot = await createSlot({ pricePerHourCents: 100 });
    const drivers = await Promise.all(
      Array.from({ length: 50 }, () => createDriver({ balanceCents: 5000 })),
    );
    const base = at(T, DAY_MS);
    const results = await Promise.allSettled(
      drivers.map((driver, i) =>
        reserveSlot(
          driver,
          // Every window contains base + 2h..base + 3h, so all overlap pairwise.
          { slotId: slot.id, durationHours: 3 + (i % 3), startTime: at(base, (i % 3) * -HOUR_MS) },
          T,
        ),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") {
        expect(r.reason).toBeInstanceOf(AppError);
        expect((r.reason as AppError).code).toBe("SLOT_UNAVAILABLE");
      }
    }
    expect(await db.reservation.count({ where: { slotId: slot.id } })).toBe(1);
    expect(await db.payment.count({ where: { reservation: { slotId: slot.id } } })).toBe(1);
    await expectConsistent();
  });

  it("any mix of reserve, cancel, end and top-up leaves wallets = ledgers and no overlaps", async () => {
    const slots = await Promise.all(
      Array.from({ length: 3 }, () => createSlot({ pricePerHourCents: 150 })),
    );
    const drivers = await Promise.all(
      Array.from({ length: 6 }, () => createDriver({ balanceCents: 3000 })),
    );
    // Some bookings to cancel and end.
    const seeded = [];
    for (const [i, slot] of slots.entries()) {
      seeded.push(await reserveSlot(drivers[i]!, { slotId: slot.id, durationHours: 1 }, T));
      seeded.push(
        await reserveSlot(
          drivers[i + 3]!,
          { slotId: slot.id, durationHours: 2, startTime: at(T, (i + 1) * DAY_MS) },
          T,
        ),
      );
    }
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const operations: Promise<unknown>[] = [];
    for (let i = 0; i < 80; i++) {
      const driver = drivers[random(drivers.length)]!;
      const slot = slots[random(slots.length)]!;
      const target = seeded[random(seeded.length)]!.reservation;
      const kind = random(4);
      if (kind === 0) {
        operations.push(
          reserveSlot(
            driver,
            {
              slotId: slot.id,
              durationHours: 1 + random(3),
              startTime: at(T, random(5) * DAY_MS + random(24) * HOUR_MS),
            },
            T,
          ),
        );
      } else if (kind === 1) {
        operations.push(cancelReservation(driver, target.id, T));
        operations.push(cancelReservation({ id: target.userId, role: "driver" }, target.id, T));
      } else if (kind === 2) {
        operations.push(endReservation({ id: target.userId, role: "driver" }, target.id, T));
      } else {
        operations.push(topUpWallet(driver, { amountCents: 1 + random(500) }, T));
      }
    }
    const results = await Promise.allSettled(operations);
    for (const r of results) {
      if (r.status === "rejected") expect(r.reason).toBeInstanceOf(AppError);
    }
    await expectConsistent();
  });
});
