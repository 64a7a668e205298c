// Writing the accepted plans of a group with set-based statements (a dozen for the group
// instead of a dozen per request), in the transaction that read the state they were
// decided on. The guards are conditional writes whose row counts are checked against the
// plans:
// 1. every slot a plan books: lock_version bumped from the value read, still in service,
//    and taken (is_available true → false) by a plan that starts now;
// 2. every owner's wallet debited by the sum of their plans, only if it covers it and the
//    owner owes nothing, and left exactly at the balance the decision computed;
// 3. every vehicle a new reservation names: its lock_version bumped, so the row still
//    exists (a DELETE /api/vehicles/{id} bumps it too before it checks for bookings);
// 4. every extended reservation: end, duration and total moved on only from the end read,
//    while it is still booked, upcoming or active and not checked out.
// A count or balance that disagrees means another writer changed what was read (possible
// on PostgreSQL between our read and write; on SQLite the transaction holds the write lock
// from its first statement): the outcome says so and the caller rolls back and decides
// again. Then the reservations, payments and ledger rows go in as multi-row inserts, and
// the utilization hours as one upsert.
import "server-only";
import { randomBytes } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { Tx } from "@/lib/db/client";
import { toPaymentDto, toReservationDto } from "@/lib/dto";
import { hourlyCentsOf, recordUtilization } from "@/lib/reservations/utilization";
import { recordAudit } from "@/lib/audit/service";
import type {
  BookingPlan,
  BookingState,
  ExtendPlan,
  ReservePlan,
  ReserveResult,
} from "@/lib/reservations/decide";

export type Guard = "slots" | "wallets" | "vehicles" | "reservations";
export type WriteOutcome = { ok: true; results: ReserveResult[] } | { ok: false; guard: Guard };

/** Unguessable: 128 random bits, never derived from ids or time. */
function newTransactionId(): string {
  return `txn_${randomBytes(16).toString("hex")}`;
}

const num = (value: unknown) => Number(value);
const time = (value: unknown) => new Date(value as string | number | Date).getTime();

/** Writes `plans` (in decision order); their results in the same order. */
export async function writePlans(
  tx: Tx,
  state: BookingState,
  plans: readonly BookingPlan[],
): Promise<WriteOutcome> {
  if (plans.length === 0) return { ok: true, results: [] };
  if (!(await lockAndTakeSlots(tx, state, plans))) return { ok: false, guard: "slots" };
  if (!(await debitWallets(tx, plans))) return { ok: false, guard: "wallets" };
  const reserves = plans.filter((p): p is ReservePlan => p.kind === "reserve");
  const extensions = plans.filter((p): p is ExtendPlan => p.kind === "extend");
  if (!(await lockVehicles(tx, reserves))) return { ok: false, guard: "vehicles" };
  if (!(await extendReservations(tx, extensions))) return { ok: false, guard: "reservations" };

  const createdIds = await insertReservations(tx, reserves);
  const reservationIds = plans.map((p) =>
    p.kind === "extend" ? p.reservation.id : createdIds.get(p)!,
  );

  const transactionIds = plans.map(() => newTransactionId());
  const paid = await tx.$queryRaw<{ id: unknown; transaction_id: unknown }[]>`
    INSERT INTO payments (reservation_id, user_id, amount_cents, payment_method, kind,
      transaction_id, payment_status, payment_date, idempotency_key, idempotency_request)
    VALUES ${Prisma.join(
      plans.map((p, i) => {
        // A booking's key is on its reservation; an extension's on its payment.
        const key = p.kind === "extend" ? p.idempotency : null;
        return Prisma.sql`(${reservationIds[i]!}, ${p.ownerId}, ${p.totalCents}, 'wallet',
          ${p.kind === "extend" ? Prisma.sql`'extension'` : Prisma.sql`'booking'`},
          ${transactionIds[i]!}, 'completed',
          ${p.createdAt}, ${key?.key ?? null}, ${key?.fingerprint ?? null})`;
      }),
    )}
    RETURNING id, transaction_id`;
  const paymentByTransaction = new Map(
    paid.map((row) => [String(row.transaction_id), num(row.id)]),
  );
  const paymentIds = transactionIds.map((txn) => {
    const paymentId = paymentByTransaction.get(txn);
    if (paymentId === undefined) throw new Error(`no payment row came back for ${txn}`);
    return paymentId;
  });

  // The ledger rows, each with the balance after it (in the group's order).
  await tx.$executeRaw`
    INSERT INTO wallet_transactions (user_id, kind, amount_cents, balance_after_cents,
      payment_id, reservation_id, created_at)
    VALUES ${Prisma.join(
      plans.map(
        (p, i) => Prisma.sql`(${p.ownerId},
          ${p.kind === "extend" ? Prisma.sql`'extension'` : Prisma.sql`'charge'`},
          ${-p.totalCents}, ${p.balanceAfterCents}, ${paymentIds[i]!}, ${reservationIds[i]!},
          ${p.createdAt})`,
      ),
    )}`;
  await recordUtilization(
    tx,
    plans.map((p) => ({
      slotId: p.slot.id,
      startTime: p.kind === "extend" ? p.reservation.endTime : p.startTime,
      hourlyCents: p.hourlyCents,
    })),
  );
  await auditExtensions(tx, extensions);

  return {
    ok: true,
    results: plans.map((p, i) => ({
      reservation: toReservationDto(
        p.kind === "extend"
          ? {
              ...p.reservation,
              endTime: p.endTime,
              durationHours: p.reservation.durationHours + p.hours,
              totalAmountCents: p.reservation.totalAmountCents + p.totalCents,
              slot: { slotNumber: p.slot.slotNumber, locationId: p.slot.locationId },
            }
          : {
              id: reservationIds[i]!,
              userId: p.ownerId,
              slotId: p.slot.id,
              startTime: p.startTime,
              endTime: p.endTime,
              durationHours: p.durationHours,
              totalAmountCents: p.totalCents,
              paymentStatus: "completed",
              status: p.status,
              createdAt: p.createdAt,
              vehicleId: p.vehicleId,
              kind: "booked",
              checkedInAt: null,
              checkedOutAt: null,
              slot: { slotNumber: p.slot.slotNumber, locationId: p.slot.locationId },
            },
      ),
      payment: toPaymentDto({
        id: paymentIds[i]!,
        reservationId: reservationIds[i]!,
        userId: p.ownerId,
        amountCents: p.totalCents,
        paymentMethod: "wallet",
        transactionId: transactionIds[i]!,
        paymentStatus: "completed",
        paymentDate: p.createdAt,
      }),
      walletBalanceCents: p.balanceAfterCents,
    })),
  };
}

/** The new reservations; their ids by plan. Matched back by (slot, start): no two share both. */
async function insertReservations(
  tx: Tx,
  plans: readonly ReservePlan[],
): Promise<Map<ReservePlan, number>> {
  if (plans.length === 0) return new Map();
  const created = await tx.$queryRaw<{ id: unknown; slot_id: unknown; start_time: unknown }[]>`
    INSERT INTO reservations (user_id, slot_id, start_time, end_time, duration_hours,
      total_amount_cents, payment_status, status, hourly_cents, idempotency_key,
      idempotency_request, vehicle_id, created_at)
    VALUES ${Prisma.join(
      plans.map(
        (p) => Prisma.sql`(${p.ownerId}, ${p.slot.id}, ${p.startTime}, ${p.endTime},
          ${p.durationHours}, ${p.totalCents}, 'completed', ${p.status},
          ${JSON.stringify(p.hourlyCents)}, ${p.idempotency?.key ?? null},
          ${p.idempotency?.fingerprint ?? null}, ${p.vehicleId}, ${p.createdAt})`,
      ),
    )}
    RETURNING id, slot_id, start_time`;
  const idBySlotStart = new Map(
    created.map((row) => [`${num(row.slot_id)}@${time(row.start_time)}`, num(row.id)]),
  );
  return new Map(
    plans.map((p) => {
      const id = idBySlotStart.get(`${p.slot.id}@${p.startTime.getTime()}`);
      if (id === undefined) throw new Error(`no reservation row came back for slot ${p.slot.id}`);
      return [p, id];
    }),
  );
}

/** Guard 3: every named vehicle still exists (and is its owner's); its row is locked till commit. */
async function lockVehicles(tx: Tx, plans: readonly ReservePlan[]): Promise<boolean> {
  const owners = new Map<number, number>();
  for (const p of plans) if (p.vehicleId !== null) owners.set(p.vehicleId, p.ownerId);
  if (owners.size === 0) return true;
  const locked = await tx.$queryRaw<{ id: unknown; user_id: unknown }[]>`
    UPDATE vehicles SET lock_version = lock_version + 1
    WHERE id IN (${Prisma.join([...owners.keys()])})
    RETURNING id, user_id`;
  return (
    locked.length === owners.size &&
    locked.every((row) => owners.get(num(row.id)) === num(row.user_id))
  );
}

/** Guard 4: each extended reservation grows from the end it was decided on, once per plan. */
async function extendReservations(tx: Tx, plans: readonly ExtendPlan[]): Promise<boolean> {
  for (const p of plans) {
    const hourly = [...hourlyCentsOf(p.reservation), ...p.hourlyCents];
    const grown = await tx.$executeRaw`
      UPDATE reservations SET end_time = ${p.endTime},
        duration_hours = duration_hours + ${p.hours},
        total_amount_cents = total_amount_cents + ${p.totalCents},
        hourly_cents = ${JSON.stringify(hourly)}
      WHERE id = ${p.reservation.id} AND end_time = ${p.reservation.endTime}
        AND status IN ('upcoming', 'active') AND kind = 'booked' AND checked_out_at IS NULL`;
    if (grown !== 1) return false;
  }
  return true;
}

/** Staff extending another user's reservation: one audit entry each, after the writes. */
async function auditExtensions(tx: Tx, plans: readonly ExtendPlan[]): Promise<void> {
  for (const p of plans) {
    if (!p.auditedActor) continue;
    const before = p.reservation;
    await recordAudit(
      tx,
      p.auditedActor,
      {
        action: "reservation_extend",
        target: { type: "reservation", id: before.id },
        before: {
          userId: before.userId,
          endTime: before.endTime.toISOString(),
          durationHours: before.durationHours,
          totalAmountCents: before.totalAmountCents,
        },
        after: {
          endTime: p.endTime.toISOString(),
          durationHours: before.durationHours + p.hours,
          totalAmountCents: before.totalAmountCents + p.totalCents,
          amountCents: p.totalCents,
        },
      },
      p.createdAt,
    );
  }
}

/** Guard 1: bump every booked slot's lock_version from the value read; take those that start now. */
async function lockAndTakeSlots(
  tx: Tx,
  state: BookingState,
  plans: readonly BookingPlan[],
): Promise<boolean> {
  const booked = [...new Set(plans.map((p) => p.slot.id))];
  const takenNow = [
    ...new Set(
      plans.filter((p) => p.kind === "reserve" && p.status === "active").map((p) => p.slot.id),
    ),
  ];
  const versionIs = Prisma.join(
    booked.map((id) => Prisma.sql`(id = ${id} AND lock_version = ${lockVersionOf(state, id)})`),
    " OR ",
  );
  const take =
    takenNow.length > 0
      ? Prisma.sql`CASE WHEN id IN (${Prisma.join(takenNow)}) THEN false ELSE is_available END`
      : Prisma.sql`is_available`;
  const freeIfTaken =
    takenNow.length > 0
      ? Prisma.sql`(id NOT IN (${Prisma.join(takenNow)}) OR is_available = true)`
      : Prisma.sql`true`;
  const locked = await tx.$queryRaw<{ id: unknown }[]>`
    UPDATE parking_slots SET lock_version = lock_version + 1, is_available = ${take}
    WHERE (${versionIs}) AND out_of_service = false AND ${freeIfTaken}
    RETURNING id`;
  return locked.length === booked.length;
}

function lockVersionOf(state: BookingState, slotId: number): number {
  const slot = state.slots.get(slotId);
  if (!slot) throw new Error(`slot ${slotId} was planned but not read`);
  return slot.lockVersion;
}

/** Guard 2: each owner debited by the sum of their plans, ending where the decision said. */
async function debitWallets(tx: Tx, plans: readonly BookingPlan[]): Promise<boolean> {
  const debits = new Map<number, number>();
  const finalBalances = new Map<number, number>();
  for (const p of plans) {
    debits.set(p.ownerId, (debits.get(p.ownerId) ?? 0) + p.totalCents);
    finalBalances.set(p.ownerId, p.balanceAfterCents);
  }
  const owners = [...debits.keys()];
  // CAST: PostgreSQL cannot infer the type of a parameter that is only a CASE result.
  const debitOf = Prisma.sql`CASE id ${Prisma.join(
    owners.map((id) => Prisma.sql`WHEN ${id} THEN CAST(${debits.get(id)!} AS INTEGER)`),
    " ",
  )} END`;
  const debited = await tx.$queryRaw<{ id: unknown; wallet_balance_cents: unknown }[]>`
    UPDATE users SET wallet_balance_cents = wallet_balance_cents - ${debitOf}
    WHERE id IN (${Prisma.join(owners)}) AND wallet_balance_cents >= ${debitOf}
      AND outstanding_cents = 0
    RETURNING id, wallet_balance_cents`;
  return (
    debited.length === owners.length &&
    debited.every((row) => num(row.wallet_balance_cents) === finalBalances.get(num(row.id)))
  );
}
