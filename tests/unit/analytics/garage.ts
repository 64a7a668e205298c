// A garage small enough to check every analytics number by hand (see analytics.test.ts).
// Built through the domain (reserveSlot, endReservation, topUpWallet) so payments and
// utilization rows are exactly what the app writes.
//
// Slots (price per hour):  1: 1-A regular 200   2: 1-A vip 500   3: 1-B electric 400
//                          4: 2-A handicap 100 (put out of service after R6)
// Now: Wednesday 2026-03-11 10:30 UTC.
//
//  R1  03-08 23:00  slot 1  2 h   400  (before a 3-day range)   util 03-08 h23, 03-09 h0
//  R2  03-09 08:00  slot 1  1 h   200  ended at 08:20           util 03-09 h8
//  R9  03-09 08:40  slot 1  1 h   200                           util 03-09 h8 (same hour)
//  R8  03-09 08:40  slot 3  1 h   400                           util 03-09 h8
//  R3  03-09 09:30  slot 2  1 h   500                           util 03-09 h9
//  R4  03-10 08:00  slot 3  3 h  1200                           util 03-10 h8 h9 h10
//  R5  03-10 12:00  slot 2  1 h   500  refunded                 util 03-10 h12
//  R6  03-11 09:10  slot 4  1 h   100  slot then out of service util 03-11 h9
//  R7  03-11 10:05  slot 1  3 h   600                           util 03-11 h10 h11 h12
import { db, transaction } from "@/lib/db/client";
import { endReservation, reserveSlot } from "@/lib/reservations/service";
import { topUpWallet } from "@/lib/wallet/service";
import type { Actor } from "@/lib/auth/actor";
import { TEST_LOCATION_ID } from "../builders";

export const GARAGE_NOW = new Date("2026-03-11T10:30:00.000Z");

export async function buildHandGarage() {
  await transaction(async (tx) => {
    await tx.parkingSlot.createMany({
      data: [
        {
          locationId: TEST_LOCATION_ID,
          id: 1,
          slotNumber: "1-A-001",
          floorNumber: 1,
          zone: "A",
          slotType: "regular",
          pricePerHourCents: 200,
        },
        {
          locationId: TEST_LOCATION_ID,
          id: 2,
          slotNumber: "1-A-002",
          floorNumber: 1,
          zone: "A",
          slotType: "vip",
          pricePerHourCents: 500,
        },
        {
          locationId: TEST_LOCATION_ID,
          id: 3,
          slotNumber: "1-B-001",
          floorNumber: 1,
          zone: "B",
          slotType: "electric",
          pricePerHourCents: 400,
        },
        {
          locationId: TEST_LOCATION_ID,
          id: 4,
          slotNumber: "2-A-001",
          floorNumber: 2,
          zone: "A",
          slotType: "handicap",
          pricePerHourCents: 100,
        },
      ],
    });
    await tx.user.createMany({
      data: [
        { id: 1, username: "staff", email: "staff@example.test", role: "staff", passwordHash: "x" },
        { id: 2, username: "dora", email: "dora@example.test", role: "driver", passwordHash: "x" },
      ],
    });
    await tx.staffAssignment.create({ data: { userId: 1, locationId: TEST_LOCATION_ID } });
  });
  const staff: Actor = { id: 1, role: "staff" };
  const driver: Actor = { id: 2, role: "driver" };
  await topUpWallet(staff, { amountCents: 100_000, userId: 2 }, new Date("2026-03-01T00:00:00Z"));

  const reserve = async (at: string, slotId: number, durationHours: number) =>
    (await reserveSlot(driver, { slotId, durationHours }, new Date(at))).reservation.id;

  await reserve("2026-03-08T23:00:00Z", 1, 2); // R1
  const r2 = await reserve("2026-03-09T08:00:00Z", 1, 1);
  await endReservation(driver, r2, new Date("2026-03-09T08:20:00Z"));
  await reserve("2026-03-09T08:40:00Z", 1, 1); // R9
  await reserve("2026-03-09T08:40:00Z", 3, 1); // R8
  await reserve("2026-03-09T09:30:00Z", 2, 1); // R3
  await reserve("2026-03-10T08:00:00Z", 3, 3); // R4
  const r5 = await reserve("2026-03-10T12:00:00Z", 2, 1);
  await transaction(async (tx) => {
    await tx.payment.updateMany({
      where: { reservationId: r5 },
      data: { paymentStatus: "refunded" },
    });
    await tx.reservation.update({
      where: { id: r5 },
      data: { paymentStatus: "refunded", status: "cancelled" },
    });
  });
  await reserve("2026-03-11T09:10:00Z", 4, 1); // R6
  await transaction((tx) =>
    tx.parkingSlot.update({ where: { id: 4 }, data: { outOfService: true } }),
  );
  await reserve("2026-03-11T10:05:00Z", 1, 3); // R7
  return { staff, driver, db };
}
