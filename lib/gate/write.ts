// Writing a gate decision in the transaction that read its state. Every write is
// conditional on what was read (the booking not yet checked in or out, the slot still
// free, the wallet and debt at the balances read); a guard that finds otherwise throws
// StaleGateState and the whole transaction runs again (lib/gate/service.ts).
import "server-only";
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { recordUtilization } from "@/lib/reservations/utilization";
import { HOUR_MS } from "@/lib/time";
import {
  type ExitBill,
  type GateIdentity,
  type GateOutcome,
  type RunningStay,
} from "@/lib/gate/decide";

/** Another writer changed what the decision read: decide again. */
export class StaleGateState extends Error {
  constructor(what: string) {
    super(`gate state changed underneath: ${what}`);
    this.name = "StaleGateState";
  }
}

function expectOne(count: number, what: string): void {
  if (count !== 1) throw new StaleGateState(what);
}

/** Takes a free slot in service for a stay starting now. */
async function takeSlot(tx: Tx, slotId: number): Promise<void> {
  const taken = await tx.parkingSlot.updateMany({
    where: { id: slotId, isAvailable: true, outOfService: false },
    data: { isAvailable: false, lockVersion: { increment: 1 } },
  });
  expectOne(taken.count, `slot ${slotId}`);
}

/**
 * Bumps the vehicle's lock_version from the value read: concurrent events for one car
 * serialize here (on PostgreSQL the second waits for the first and then finds it moved).
 */
export async function lockVehicle(tx: Tx, vehicleId: number, lockVersion: number): Promise<void> {
  const locked = await tx.vehicle.updateMany({
    where: { id: vehicleId, lockVersion },
    data: { lockVersion: { increment: 1 } },
  });
  expectOne(locked.count, `vehicle ${vehicleId}`);
}

export async function writeGateOutcome(
  tx: Tx,
  identity: GateIdentity | null,
  outcome: GateOutcome,
  at: Date,
  now: Date,
): Promise<number | null> {
  const { action } = outcome;
  switch (action.kind) {
    case "none":
      return outcome.reservationId;
    case "check_in": {
      if (action.startEarly) await takeSlot(tx, action.startEarly.slotId);
      const checkedIn = await tx.reservation.updateMany({
        where: {
          id: action.reservationId,
          checkedInAt: null,
          status: action.startEarly ? "upcoming" : "active",
        },
        data: {
          checkedInAt: at,
          ...(action.startEarly && { status: "active", startTime: at }),
          ...(identity?.vehicleId != null && { vehicleId: identity.vehicleId }),
        },
      });
      expectOne(checkedIn.count, `reservation ${action.reservationId}`);
      return action.reservationId;
    }
    case "drive_up": {
      if (!identity) throw new Error("a drive-up needs a known car");
      await takeSlot(tx, action.slotId);
      const created = await tx.reservation.create({
        data: {
          userId: identity.ownerId,
          slotId: action.slotId,
          vehicleId: identity.vehicleId,
          kind: "drive_up",
          status: "active",
          paymentStatus: "pending",
          startTime: at,
          endTime: action.endTime,
          durationHours: Math.ceil((action.endTime.getTime() - at.getTime()) / HOUR_MS),
          totalAmountCents: 0,
          checkedInAt: at,
          createdAt: now,
        },
      });
      return created.id;
    }
    case "check_out":
      if (!identity) throw new Error("a check-out needs a known car");
      await checkOut(tx, identity, action.stay, action.bill, at, now);
      return action.stay.id;
  }
}

async function checkOut(
  tx: Tx,
  identity: GateIdentity,
  stay: RunningStay,
  bill: ExitBill | null,
  at: Date,
  now: Date,
): Promise<void> {
  const driveUp = stay.kind === "drive_up" && bill !== null;
  const ended = await tx.reservation.updateMany({
    where: { id: stay.id, checkedOutAt: null, status: stay.status as "active" },
    data: {
      checkedOutAt: at,
      ...(stay.status === "active" && { status: "completed" }),
      ...(driveUp && {
        endTime: at,
        durationHours: bill.hours,
        totalAmountCents: bill.amountCents,
        paymentStatus: "completed",
        hourlyCents: JSON.stringify(
          Array.from({ length: bill.hours }, () => stay.pricePerHourCents),
        ),
      }),
    },
  });
  expectOne(ended.count, `stay ${stay.id}`);
  // Still holding its slot (the sweep has not completed it): free at once.
  if (stay.status === "active") {
    await tx.parkingSlot.updateMany({ where: { id: stay.slotId }, data: { isAvailable: true } });
  }
  if (driveUp) {
    await recordUtilization(tx, [
      {
        slotId: stay.slotId,
        startTime: stay.startTime,
        hourlyCents: Array.from({ length: bill.hours }, () => stay.pricePerHourCents),
      },
    ]);
  }
  if (bill) await settleBill(tx, identity, stay.id, bill, now);
}

/** The wallet pays what it can (a payment and its ledger row); the rest becomes debt. */
async function settleBill(
  tx: Tx,
  identity: GateIdentity,
  reservationId: number,
  bill: ExitBill,
  now: Date,
): Promise<void> {
  const userId = identity.ownerId;
  if (bill.chargedCents > 0) {
    const balanceAfterCents = identity.walletBalanceCents - bill.chargedCents;
    const debited = await tx.user.updateMany({
      where: { id: userId, walletBalanceCents: identity.walletBalanceCents },
      data: { walletBalanceCents: balanceAfterCents },
    });
    expectOne(debited.count, `wallet of user ${userId}`);
    const payment = await tx.payment.create({
      data: {
        reservationId,
        userId,
        amountCents: bill.chargedCents,
        kind: bill.paymentKind,
        transactionId: `txn_${randomBytes(16).toString("hex")}`,
        paymentStatus: "completed",
        paymentDate: now,
      },
    });
    await tx.walletTransaction.create({
      data: {
        userId,
        kind: bill.paymentKind,
        amountCents: -bill.chargedCents,
        balanceAfterCents,
        paymentId: payment.id,
        reservationId,
        createdAt: now,
      },
    });
  }
  if (bill.owedCents > 0) {
    const balanceAfterCents = identity.outstandingCents + bill.owedCents;
    const owed = await tx.user.updateMany({
      where: { id: userId, outstandingCents: identity.outstandingCents },
      data: { outstandingCents: balanceAfterCents },
    });
    expectOne(owed.count, `debt of user ${userId}`);
    await tx.debtEntry.create({
      data: {
        userId,
        amountCents: bill.owedCents,
        balanceAfterCents,
        reservationId,
        createdAt: now,
      },
    });
  }
}
