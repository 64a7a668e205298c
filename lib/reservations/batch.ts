// Group commit for reserve-and-pay. Reserve requests that arrive while a reserve
// transaction is running (or in the same tick) are taken together into ONE transaction
// with set-based statements: a dozen statements for the whole group instead of a dozen
// per request, which is what a Prisma statement (~0.7 ms of CPU each) makes expensive.
//
// Each request still gets its own exact answer. The group is decided in memory, request by
// request in arrival order, exactly as if each had run alone in that order (the order the
// transaction queue would have given them): slot exists and is in service, window free
// (against the database AND the requests decided before it in the group), the quote under
// the current rules (quotePrice, the function quoteForSlot uses), price check, the slot free now, the wallet covers it (the balance left by earlier requests of
// the same user). Refused requests write nothing and do not affect the others. The
// accepted ones are then written by conditional statements whose row counts are checked:
// the slot's lock_version bump and take (WHERE lock_version = what we read, and free),
// the wallet debit (WHERE balance ≥ amount), then multi-row inserts of reservations,
// payments and ledger rows, and one utilization upsert. If anything in the transaction
// fails (another process wrote in between, a unique index objects), the whole group rolls
// back and every request of it runs again alone on the one-request path, so no request's
// failure can affect another's. Requests with an Idempotency-Key, or with an injected
// forecast (tests), always take the one-request path, and so does every request while the
// pricing rules have occupancy tiers: those prices need the occupancy forecast
// (lib/pricing/forecast.ts), which only quoteForSlot computes, so there is one price
// computation; pricing is off by default, so the group commit stays the common path.
import "server-only";
import { randomBytes } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { transaction, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { toPaymentDto, toReservationDto, type SlotType } from "@/lib/dto";
import { advanceReservations } from "@/lib/reservations/expiry";
import { hoursCovered } from "@/lib/reservations/utilization";
import { parsePricingRules, rulesNeedForecast } from "@/lib/pricing/service";
import { quotePrice } from "@/lib/pricing/quote";
import type { PricingRules } from "@/lib/validation/pricing";

/** Most requests in one transaction (bounds statement size and the group's latency). */
export const MAX_GROUP = 64;

export type GroupedReserve = {
  ownerId: number;
  slotId: number;
  durationHours: number;
  startTime: Date;
  endTime: Date;
  expectedTotalCents?: number;
  now: Date;
};

export type GroupedResult = {
  reservation: ReturnType<typeof toReservationDto>;
  payment: ReturnType<typeof toPaymentDto>;
  walletBalanceCents: number;
};

type Pending = {
  request: GroupedReserve;
  /** The one-request path, for when the group's transaction fails. */
  alone: () => Promise<GroupedResult>;
  resolve: (result: GroupedResult) => void;
  reject: (error: unknown) => void;
};

const queue: Pending[] = [];
let running = false;

/** Reserves through the group commit; resolves with this request's own result. */
export function reserveGrouped(
  request: GroupedReserve,
  alone: () => Promise<GroupedResult>,
): Promise<GroupedResult> {
  return new Promise((resolve, reject) => {
    queue.push({ request, alone, resolve, reject });
    if (!running) {
      running = true;
      // Let the requests that arrived in this tick join the first group.
      setImmediate(drain);
    }
  });
}

async function drain(): Promise<void> {
  while (queue.length > 0) {
    const group = queue.splice(0, MAX_GROUP);
    let outcomes: Outcome[];
    try {
      outcomes = await transaction((tx) =>
        reserveGroup(
          tx,
          group.map((p) => p.request),
        ),
      );
    } catch {
      // The group rolled back as a whole: each request on its own, one after another.
      for (const pending of group) await pending.alone().then(pending.resolve, pending.reject);
      continue;
    }
    outcomes.forEach((outcome, i) => {
      const pending = group[i]!;
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    });
  }
  running = false;
}

type Outcome = { ok: true; result: GroupedResult } | { ok: false; error: AppError };

type SlotRow = {
  id: number;
  locationId: number;
  slotNumber: string;
  pricePerHourCents: number;
  slotType: SlotType;
  outOfService: boolean;
  isAvailable: boolean;
  lockVersion: number;
};

type Window = { status: string; start: number; end: number };

const num = (value: unknown) => Number(value);
const bool = (value: unknown) => value === true || Number(value) === 1;
const time = (value: unknown) => new Date(value as string | Date).getTime();

/** Unguessable: 128 random bits, never derived from ids or time. */
function newTransactionId(): string {
  return `txn_${randomBytes(16).toString("hex")}`;
}

class NeedsSweep extends Error {
  constructor(readonly now: Date) {
    super("a reservation is due for the expiry sweep");
  }
}

/** Thrown inside the transaction when a guard's row count disagrees with the plan. */
class GroupConflict extends Error {}

/**
 * Thrown inside the transaction when the rules have occupancy tiers: the group rolls back
 * (it has written nothing) and each request runs on the one-request path.
 */
class NeedsOneRequestPath extends Error {}

async function reserveGroup(tx: Tx, requests: GroupedReserve[]): Promise<Outcome[]> {
  // A slot held by a reservation whose time is up (or freed by one that should have
  // started) needs the sweep first, as the one-request path does; then plan again.
  for (let sweeps = 0; ; sweeps++) {
    try {
      return await planAndWrite(tx, requests, sweeps < 3);
    } catch (error) {
      if (!(error instanceof NeedsSweep)) throw error;
      await advanceReservations(tx, error.now);
    }
  }
}

async function planAndWrite(
  tx: Tx,
  requests: GroupedReserve[],
  maySweep: boolean,
): Promise<Outcome[]> {
  const slotIds = [...new Set(requests.map((r) => r.slotId))];
  const ownerIds = [...new Set(requests.map((r) => r.ownerId))];
  const [slotRows, ruleRows, windowRows, userRows] = await Promise.all([
    tx.$queryRaw<Record<string, unknown>[]>`
      SELECT id, location_id, slot_number, price_per_hour_cents, slot_type, out_of_service,
        is_available, lock_version
      FROM parking_slots WHERE id IN (${Prisma.join(slotIds)})`,
    tx.$queryRaw<{ location_id: unknown; rules: string }[]>`
      SELECT r.location_id, r.rules FROM pricing_rules r
      WHERE r.location_id IN (SELECT s.location_id FROM parking_slots s
        WHERE s.id IN (${Prisma.join(slotIds)}))`,
    tx.$queryRaw<Record<string, unknown>[]>`
      SELECT slot_id, status, start_time, end_time FROM reservations
      WHERE slot_id IN (${Prisma.join(slotIds)}) AND status IN ('upcoming', 'active')`,
    tx.$queryRaw<Record<string, unknown>[]>`
      SELECT id, wallet_balance_cents FROM users WHERE id IN (${Prisma.join(ownerIds)})`,
  ]);
  const slots = new Map<number, SlotRow>(
    slotRows.map((row) => [
      num(row.id),
      {
        id: num(row.id),
        locationId: num(row.location_id),
        slotNumber: String(row.slot_number),
        pricePerHourCents: num(row.price_per_hour_cents),
        slotType: row.slot_type as SlotType,
        outOfService: bool(row.out_of_service),
        isAvailable: bool(row.is_available),
        lockVersion: num(row.lock_version),
      },
    ]),
  );
  const windows = new Map<number, Window[]>();
  for (const row of windowRows) {
    const list = windows.get(num(row.slot_id)) ?? [];
    list.push({ status: String(row.status), start: time(row.start_time), end: time(row.end_time) });
    windows.set(num(row.slot_id), list);
  }
  const balances = new Map(userRows.map((row) => [num(row.id), num(row.wallet_balance_cents)]));
  // Each location's rules; a location without a row prices as listed.
  const rulesByLocation = new Map<number, PricingRules>(
    ruleRows.map((row) => [num(row.location_id), parsePricingRules(row.rules)]),
  );
  const rulesOf = (slot: SlotRow) =>
    rulesByLocation.get(slot.locationId) ?? parsePricingRules(null);
  if ([...rulesByLocation.values()].some(rulesNeedForecast)) {
    // Occupancy tiers price by the occupancy forecast, which quoteForSlot computes: the
    // group goes down the one-request path so that there is one price computation.
    throw new NeedsOneRequestPath();
  }

  type Accepted = {
    index: number;
    request: GroupedReserve;
    slot: SlotRow;
    startsNow: boolean;
    totalCents: number;
    hourlyCents: number[];
    balanceAfter: number;
  };
  const accepted: Accepted[] = [];
  const outcomes: (Outcome | null)[] = requests.map(() => null);
  const taken = new Set<number>();
  const refuse = (index: number, error: AppError) => {
    outcomes[index] = { ok: false, error };
  };

  requests.forEach((request, index) => {
    const { slotId, now } = request;
    const slot = slots.get(slotId);
    if (!slot) return refuse(index, new AppError("NOT_FOUND", `Slot ${slotId} does not exist.`));
    if (slot.outOfService) {
      return refuse(index, new AppError("SLOT_UNAVAILABLE", "This slot is out of service."));
    }
    const start = request.startTime.getTime();
    const end = request.endTime.getTime();
    const list = windows.get(slotId) ?? [];
    const clash = list.some(
      (w) => w.start < end && w.end > start && !(w.status === "active" && w.end <= now.getTime()),
    );
    if (clash) {
      return refuse(
        index,
        new AppError("SLOT_UNAVAILABLE", "This slot is already booked for part of that time."),
      );
    }
    const quote = quotePrice(
      { pricePerHourCents: slot.pricePerHourCents, type: slot.slotType },
      request.startTime,
      request.durationHours,
      rulesOf(slot),
      // No occupancy tiers here (those went down the one-request path): never consulted.
      () => 0,
    );
    if (
      request.expectedTotalCents !== undefined &&
      request.expectedTotalCents !== quote.totalCents
    ) {
      return refuse(
        index,
        new AppError(
          "PRICE_CHANGED",
          "The price of this reservation has changed since it was quoted; nothing was charged.",
          {
            expectedTotalCents: request.expectedTotalCents,
            totalCents: quote.totalCents,
            breakdown: quote.breakdown,
          },
        ),
      );
    }
    const startsNow = start === now.getTime();
    if (startsNow && (!slot.isAvailable || taken.has(slotId))) {
      // Held by a reservation that has run out (or freed one that is due): the sweep
      // would change this answer, as it does on the one-request path.
      const due = list.some(
        (w) =>
          (w.status === "active" && w.end <= now.getTime()) ||
          (w.status === "upcoming" && w.start <= now.getTime()),
      );
      if (due && maySweep && !taken.has(slotId)) throw new NeedsSweep(now);
      return refuse(index, new AppError("SLOT_UNAVAILABLE", "This slot has just been taken."));
    }
    const balance = balances.get(request.ownerId);
    if (balance === undefined) {
      return refuse(index, new AppError("NOT_FOUND", `User ${request.ownerId} does not exist.`));
    }
    if (balance < quote.totalCents) {
      return refuse(
        index,
        new AppError("INSUFFICIENT_FUNDS", "The wallet balance does not cover this reservation.", {
          walletBalanceCents: balance,
          requiredCents: quote.totalCents,
        }),
      );
    }
    balances.set(request.ownerId, balance - quote.totalCents);
    list.push({ status: startsNow ? "active" : "upcoming", start, end });
    windows.set(slotId, list);
    if (startsNow) taken.add(slotId);
    accepted.push({
      index,
      request,
      slot,
      startsNow,
      totalCents: quote.totalCents,
      hourlyCents: quote.breakdown.map((h) => h.cents),
      balanceAfter: balance - quote.totalCents,
    });
  });

  if (accepted.length > 0) await writeAccepted(tx, accepted, taken, balances, outcomes);
  return outcomes.map((outcome) => {
    if (!outcome) throw new Error("a grouped reserve request was left undecided");
    return outcome;
  });

  async function writeAccepted(
    tx: Tx,
    rows: Accepted[],
    takenNow: Set<number>,
    finalBalances: Map<number, number>,
    results: (Outcome | null)[],
  ) {
    // 1. Lock (bump lock_version from what we read) and take the slots that start now.
    const touched = [...new Set(rows.map((a) => a.slot.id))];
    const versionIs = Prisma.join(
      touched.map(
        (id) => Prisma.sql`(id = ${id} AND lock_version = ${slots.get(id)!.lockVersion})`,
      ),
      " OR ",
    );
    const takenIds = [...takenNow];
    const take =
      takenIds.length > 0
        ? Prisma.sql`CASE WHEN id IN (${Prisma.join(takenIds)}) THEN false ELSE is_available END`
        : Prisma.sql`is_available`;
    const freeIfTaken =
      takenIds.length > 0
        ? Prisma.sql`(id NOT IN (${Prisma.join(takenIds)}) OR (is_available = true AND out_of_service = false))`
        : Prisma.sql`true`;
    const locked = await tx.$queryRaw<{ id: unknown }[]>`
      UPDATE parking_slots SET lock_version = lock_version + 1, is_available = ${take}
      WHERE (${versionIs}) AND ${freeIfTaken}
      RETURNING id`;
    if (locked.length !== touched.length) throw new GroupConflict();

    // 2. Debit each owner's wallet by the sum of their accepted requests, guarded.
    const debits = new Map<number, number>();
    for (const a of rows) {
      debits.set(a.request.ownerId, (debits.get(a.request.ownerId) ?? 0) + a.totalCents);
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
      RETURNING id, wallet_balance_cents`;
    if (
      debited.length !== owners.length ||
      debited.some((row) => num(row.wallet_balance_cents) !== finalBalances.get(num(row.id)))
    ) {
      throw new GroupConflict();
    }

    // 3. The reservations (ids come back in VALUES order: one statement, one connection).
    const created = await tx.$queryRaw<{ id: unknown; slot_id: unknown }[]>`
      INSERT INTO reservations (user_id, slot_id, start_time, end_time, duration_hours,
        total_amount_cents, payment_status, status, hourly_cents, created_at)
      VALUES ${Prisma.join(
        rows.map(
          (a) => Prisma.sql`(${a.request.ownerId}, ${a.slot.id}, ${a.request.startTime},
            ${a.request.endTime}, ${a.request.durationHours}, ${a.totalCents}, 'completed',
            ${a.startsNow ? "active" : "upcoming"}, ${JSON.stringify(a.hourlyCents)},
            ${a.request.now})`,
        ),
      )}
      RETURNING id, slot_id`;
    const reservationIds = created.map((row) => ({ id: num(row.id), slotId: num(row.slot_id) }));
    reservationIds.sort((a, b) => a.id - b.id);
    if (reservationIds.some((row, i) => row.slotId !== rows[i]!.slot.id)) {
      throw new GroupConflict();
    }

    // 4. Their payments.
    const transactionIds = rows.map(() => newTransactionId());
    const paid = await tx.$queryRaw<{ id: unknown }[]>`
      INSERT INTO payments (reservation_id, user_id, amount_cents, payment_method,
        transaction_id, payment_status, payment_date)
      VALUES ${Prisma.join(
        rows.map(
          (a, i) => Prisma.sql`(${reservationIds[i]!.id}, ${a.request.ownerId}, ${a.totalCents},
            'wallet', ${transactionIds[i]!}, 'completed', ${a.request.now})`,
        ),
      )}
      RETURNING id`;
    const paymentIds = paid.map((row) => num(row.id)).sort((a, b) => a - b);
    if (paymentIds.length !== rows.length) throw new GroupConflict();

    // 5. The ledger rows, each with the balance after it (in the group's order).
    await tx.$executeRaw`
      INSERT INTO wallet_transactions (user_id, kind, amount_cents, balance_after_cents,
        payment_id, reservation_id, created_at)
      VALUES ${Prisma.join(
        rows.map(
          (a, i) => Prisma.sql`(${a.request.ownerId}, 'charge', ${-a.totalCents}, ${a.balanceAfter},
            ${paymentIds[i]!}, ${reservationIds[i]!.id}, ${a.request.now})`,
        ),
      )}`;

    // 6. Utilization: one upsert for every (slot, date, hour) the group covers.
    const hours = new Map<
      string,
      { slotId: number; date: string; hour: number; count: number; cents: number }
    >();
    for (const a of rows) {
      hoursCovered(a.request.startTime, a.request.durationHours).forEach(({ date, hour }, i) => {
        const key = `${a.slot.id}|${date}|${hour}`;
        const row = hours.get(key) ?? { slotId: a.slot.id, date, hour, count: 0, cents: 0 };
        row.count += 1;
        row.cents += a.hourlyCents[i]!;
        hours.set(key, row);
      });
    }
    await tx.$executeRaw`
      INSERT INTO utilization_stats (slot_id, date, hour, occupancy_count, revenue_cents)
      VALUES ${Prisma.join(
        [...hours.values()].map(
          (h) => Prisma.sql`(${h.slotId}, ${h.date}, ${h.hour}, ${h.count}, ${h.cents})`,
        ),
      )}
      ON CONFLICT (slot_id, date, hour) DO UPDATE SET
        occupancy_count = utilization_stats.occupancy_count + excluded.occupancy_count,
        revenue_cents = utilization_stats.revenue_cents + excluded.revenue_cents`;

    rows.forEach((a, i) => {
      const reservationId = reservationIds[i]!.id;
      results[a.index] = {
        ok: true,
        result: {
          reservation: toReservationDto({
            id: reservationId,
            userId: a.request.ownerId,
            slotId: a.slot.id,
            startTime: a.request.startTime,
            endTime: a.request.endTime,
            durationHours: a.request.durationHours,
            totalAmountCents: a.totalCents,
            paymentStatus: "completed",
            status: a.startsNow ? "active" : "upcoming",
            idempotencyKey: null,
            idempotencyRequest: null,
            hourlyCents: JSON.stringify(a.hourlyCents),
            kind: "booked",
            vehicleId: null,
            checkedInAt: null,
            checkedOutAt: null,
            createdAt: a.request.now,
            slot: { slotNumber: a.slot.slotNumber },
          }),
          payment: toPaymentDto({
            id: paymentIds[i]!,
            reservationId,
            userId: a.request.ownerId,
            amountCents: a.totalCents,
            paymentMethod: "wallet",
            kind: "booking",
            transactionId: transactionIds[i]!,
            paymentStatus: "completed",
            paymentDate: a.request.now,
          }),
          walletBalanceCents: a.balanceAfter,
        },
      };
    });
  }
}
