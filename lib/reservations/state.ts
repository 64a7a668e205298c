// Reading what decide() needs for a group of booking requests, in the transaction that will
// write the decisions: the requested slots (with the lock_version the write is conditional
// on), their upcoming and active windows around the requested ones, the owners' balances,
// the pricing rules of their locations and, when the rules have occupancy tiers, the occupancy they price by
// (lib/pricing/forecast.ts), and the reservations made earlier with the requests'
// Idempotency-Keys. A handful of set-based statements for the whole group.
import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Reservation } from "@/lib/generated/prisma/client.ts";
import { toPaymentDto, toReservationDto } from "@/lib/dto";
import { getPricingRulesByLocation, rulesNeedForecast } from "@/lib/pricing/service";
import { readOccupancy } from "@/lib/pricing/forecast";
import {
  idempotencyScope,
  resolveStart,
  type BookedWindow,
  type BookingRequest,
  type BookingState,
  type SlotState,
  type StoredReservation,
} from "@/lib/reservations/decide";
import { holdingOverlapWhere } from "@/lib/reservations/overlap";
import { HOUR_MS } from "@/lib/time";

/**
 * The windows the requests ask for (those with a valid start); an extension's from its
 * reservation's end as read, through every hour the group could add to it.
 */
function requestedWindows(
  requests: readonly BookingRequest[],
  targets: ReadonlyMap<number, Reservation>,
) {
  const added = new Map<number, number>();
  for (const r of requests) {
    if (r.kind === "extend")
      added.set(r.reservationId, (added.get(r.reservationId) ?? 0) + r.hours);
  }
  return requests.flatMap((request) => {
    if (request.kind === "extend") {
      const target = targets.get(request.reservationId);
      return target
        ? [{ startTime: target.endTime, durationHours: added.get(request.reservationId)! }]
        : [];
    }
    const resolved = resolveStart(request.startTime, request.now);
    return resolved.ok ? [{ startTime: resolved.start, durationHours: request.durationHours }] : [];
  });
}

/** The reservations the group's extend requests name, as stored now. */
async function readTargets(tx: Tx, requests: readonly BookingRequest[]) {
  const ids = requests.flatMap((r) => (r.kind === "extend" ? [r.reservationId] : []));
  if (ids.length === 0) return new Map<number, Reservation>();
  const rows = await tx.reservation.findMany({ where: { id: { in: [...new Set(ids)] } } });
  return new Map(rows.map((row) => [row.id, row]));
}

/** `sweptAt`: the `now` of the expiry sweep the transaction ran just before, if it did. */
export async function readBookingState(
  tx: Tx,
  requests: readonly BookingRequest[],
  sweptAt: Date | null,
): Promise<BookingState> {
  const slotIds = [...new Set(requests.map((r) => r.slotId))];
  const ownerIds = [...new Set(requests.map((r) => r.ownerId))];
  const targets = await readTargets(tx, requests);
  const windows = requestedWindows(requests, targets);
  const vehicleIds = requests.flatMap((r) =>
    r.kind === "reserve" && r.vehicleId !== undefined ? [r.vehicleId] : [],
  );
  const from = Math.min(...windows.map((w) => w.startTime.getTime()));
  const until = Math.max(...windows.map((w) => w.startTime.getTime() + w.durationHours * HOUR_MS));
  const [slotRows, windowRows, userRows, vehicleRows, rules] = await Promise.all([
    tx.parkingSlot.findMany({
      where: { id: { in: slotIds } },
      select: {
        id: true,
        locationId: true,
        slotNumber: true,
        pricePerHourCents: true,
        slotType: true,
        outOfService: true,
        isAvailable: true,
        lockVersion: true,
      },
    }),
    windows.length === 0
      ? []
      : tx.reservation.findMany({
          where: {
            slotId: { in: slotIds },
            ...holdingOverlapWhere(new Date(from), new Date(until)),
          },
          select: { id: true, slotId: true, status: true, startTime: true, endTime: true },
        }),
    tx.user.findMany({
      where: { id: { in: ownerIds } },
      select: { id: true, walletBalanceCents: true, outstandingCents: true },
    }),
    requests.some((r) => r.kind === "reserve")
      ? tx.vehicle.findMany({
          where: { OR: [{ userId: { in: ownerIds } }, { id: { in: vehicleIds } }] },
          select: { id: true, userId: true },
        })
      : [],
    getPricingRulesByLocation(slotIds, tx),
  ]);
  const occupancy = [...rules.values()].some(rulesNeedForecast)
    ? await readOccupancy(
        tx,
        requests.map((r) => r.now),
        windows,
        slotIds,
      )
    : null;

  // The Idempotency-Key lookup comes last, after every read a refusal rests on. On
  // PostgreSQL (READ COMMITTED) each statement sees what had committed when it began: a
  // reservation another server committed in between is then seen by this lookup whenever
  // the slot, window, wallet or occupancy reads saw it, so a retry gets its replay, never "taken".
  const stored = await readStoredReservations(tx, requests);

  const windowsBySlot = new Map<number, BookedWindow[]>();
  for (const row of windowRows) {
    const list = windowsBySlot.get(row.slotId) ?? [];
    list.push({
      reservationId: row.id,
      status: row.status === "active" ? "active" : "upcoming",
      start: row.startTime.getTime(),
      end: row.endTime.getTime(),
    });
    windowsBySlot.set(row.slotId, list);
  }
  return {
    slots: new Map<number, SlotState>(slotRows.map((slot) => [slot.id, slot])),
    windows: windowsBySlot,
    balances: new Map(userRows.map((user) => [user.id, user.walletBalanceCents])),
    debts: new Map(userRows.map((user) => [user.id, user.outstandingCents])),
    vehicles: new Map(vehicleRows.map((vehicle) => [vehicle.id, vehicle])),
    targets,
    rules,
    occupancy,
    stored,
    sweptAt: sweptAt?.getTime() ?? null,
  };
}

/**
 * The reservations and extensions already made with the requests' Idempotency-Keys, with
 * their answers (a key is the owner's, whichever kind of request used it first). A replayed
 * answer shows the reservation as it is now, with the payment and balance of its request.
 */
async function readStoredReservations(
  tx: Tx,
  requests: readonly BookingRequest[],
): Promise<Map<string, StoredReservation>> {
  const keyed = requests.filter((r) => r.idempotency !== null);
  if (keyed.length === 0) return new Map();
  const where = {
    userId: { in: [...new Set(keyed.map((r) => r.ownerId))] },
    idempotencyKey: { in: [...new Set(keyed.map((r) => r.idempotency!.key))] },
  };
  const slot = { select: { slotNumber: true, locationId: true } };
  const [reservations, extensions] = await Promise.all([
    tx.reservation.findMany({
      where,
      include: {
        slot,
        payments: { orderBy: { id: "asc" }, take: 1 },
        walletTransactions: { where: { kind: "charge" }, take: 1 },
      },
    }),
    tx.payment.findMany({ where, include: { reservation: { include: { slot } } } }),
  ]);
  const extensionCharges =
    extensions.length === 0
      ? []
      : await tx.walletTransaction.findMany({
          where: { kind: "extension", paymentId: { in: extensions.map((p) => p.id) } },
        });
  const stored = new Map<string, StoredReservation>();
  for (const row of reservations) {
    const [payment] = row.payments;
    const [charge] = row.walletTransactions;
    if (!payment || !charge) throw new Error(`reservation ${row.id} has no payment or charge`);
    stored.set(idempotencyScope(row.userId, row.idempotencyKey!), {
      slotId: row.slotId,
      durationHours: row.durationHours,
      fingerprint: row.idempotencyRequest,
      result: {
        reservation: toReservationDto(row),
        payment: toPaymentDto(payment),
        walletBalanceCents: charge.balanceAfterCents,
      },
    });
  }
  for (const payment of extensions) {
    const charge = extensionCharges.find((c) => c.paymentId === payment.id);
    if (!charge) throw new Error(`extension payment ${payment.id} has no ledger row`);
    stored.set(idempotencyScope(payment.userId, payment.idempotencyKey!), {
      slotId: payment.reservation.slotId,
      durationHours: payment.reservation.durationHours,
      fingerprint: payment.idempotencyRequest,
      result: {
        reservation: toReservationDto(payment.reservation),
        payment: toPaymentDto(payment),
        walletBalanceCents: charge.balanceAfterCents,
      },
    });
  }
  return stored;
}
