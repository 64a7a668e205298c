// Simulated parking history, shared by the demo seed (prisma/seed.ts, through Prisma) and
// the benchmark dataset (tests/bench/data.ts, bulk SQL): the same demand model and the
// same bookkeeping, so both satisfy every invariant the domain keeps:
// - reservations never overlap on a slot and all end before `to`;
// - one payment per reservation (same id) and one ledger charge referencing it;
// - a driver short of funds tops up first, so balances never go negative and always equal
//   the sum of the ledger, with `balanceAfterCents` the running total;
// - hourly utilization aggregated exactly as recordUtilization() does.
// Rows are handed to a sink as they are made, so a year of history for a thousand slots
// never has to sit in memory as rows.
import { hoursCovered } from "@/lib/reservations/utilization";
import type { SlotType } from "@/lib/dto";

const HOUR_MS = 3_600_000;

/** A small deterministic PRNG (mulberry32), so every generated database looks alike. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
export type Random = ReturnType<typeof createRandom>;

/** Relative demand by UTC hour of day: morning and evening peaks, quiet nights. */
const HOURLY_DEMAND = [
  0.02, 0.01, 0.01, 0.01, 0.02, 0.05, 0.12, 0.3, 0.45, 0.4, 0.3, 0.25, 0.28, 0.25, 0.22, 0.22, 0.28,
  0.38, 0.35, 0.25, 0.15, 0.1, 0.06, 0.03,
];

/** Chance that a free slot is taken in the hour starting at `time` (weekends quieter). */
export function demandAt(time: Date): number {
  const day = time.getUTCDay();
  const weekly = day === 0 ? 0.45 : day === 6 ? 0.6 : day === 5 ? 1.1 : 1;
  return HOURLY_DEMAND[time.getUTCHours()]! * weekly;
}

function sampleDurationHours(random: Random): number {
  const r = random.next();
  if (r < 0.35) return 1;
  if (r < 0.6) return 2;
  if (r < 0.75) return 3;
  if (r < 0.85) return 4;
  if (r < 0.95) return random.int(5, 9);
  return random.int(10, 24);
}

export type HistorySlot = {
  id: number;
  slotType: SlotType;
  pricePerHourCents: number;
  outOfService: boolean;
};

export type HistoryWallet = {
  userId: number;
  /** The first top-up, at the start of the history. */
  openingTopUpCents: number;
  /** Top up exactly what each booking costs, so the balance stays here (demo accounts). */
  keepBalance?: boolean;
};

export type HistoryReservation = {
  /** Also the payment's id. */
  id: number;
  userId: number;
  slotId: number;
  startTime: Date;
  endTime: Date;
  durationHours: number;
  totalAmountCents: number;
};

export type HistoryLedgerEntry = {
  id: number;
  userId: number;
  kind: "top_up" | "charge";
  amountCents: number;
  balanceAfterCents: number;
  /** For charges: the reservation and its payment (same id). */
  reservationId: number | null;
  createdAt: Date;
};

export type HistoryStat = {
  slotId: number;
  date: string;
  hour: number;
  occupancyCount: number;
  revenueCents: number;
};

export type HistorySink = {
  reservation(row: HistoryReservation): void;
  ledger(row: HistoryLedgerEntry): void;
  stat(row: HistoryStat): void;
};

export type HistoryOptions = {
  slots: readonly HistorySlot[];
  wallets: readonly HistoryWallet[];
  /** Who books: called once per booking. */
  pickUserId: (random: Random) => number;
  from: Date;
  /** Every booking ends before this. */
  to: Date;
  random: Random;
  sink: HistorySink;
};

/** Writes the history into `sink`; returns every wallet's final balance by user id. */
export function simulateHistory(options: HistoryOptions): Map<number, number> {
  const { random, sink } = options;
  const from = options.from.getTime();
  const to = options.to.getTime();

  // 1. Bookings, slot by slot, hour by hour, never overlapping on a slot. A slot's hours
  //    are aggregated as its timeline is made (only its own bookings share its buckets).
  type Booking = { slotId: number; userId: number; start: number; hours: number; price: number };
  const bookings: Booking[] = [];
  for (const slot of options.slots) {
    if (slot.outOfService) continue;
    const appeal = slot.slotType === "vip" ? 0.55 : slot.slotType === "handicap" ? 0.5 : 1;
    const stats = new Map<string, HistoryStat>();
    let freeFrom = from;
    for (let hour = from; hour < to; hour += HOUR_MS) {
      if (hour < freeFrom) continue;
      if (random.next() >= demandAt(new Date(hour)) * appeal) continue;
      const start = hour + random.int(0, 59) * 60_000;
      const hours = sampleDurationHours(random);
      if (start + hours * HOUR_MS > to) break;
      const price = slot.pricePerHourCents;
      bookings.push({ slotId: slot.id, userId: options.pickUserId(random), start, hours, price });
      freeFrom = start + hours * HOUR_MS;
      for (const { date, hour: h } of hoursCovered(new Date(start), hours)) {
        const key = `${date}|${h}`;
        const row = stats.get(key) ?? {
          slotId: slot.id,
          date,
          hour: h,
          occupancyCount: 0,
          revenueCents: 0,
        };
        row.occupancyCount += 1;
        row.revenueCents += price;
        stats.set(key, row);
      }
    }
    for (const row of stats.values()) sink.stat(row);
  }
  bookings.sort((a, b) => a.start - b.start || a.slotId - b.slotId);

  // 2. Money, in time order: an opening top-up each, a top-up whenever a wallet runs short.
  const wallets = new Map<number, HistoryWallet & { balance: number }>();
  for (const wallet of options.wallets) wallets.set(wallet.userId, { ...wallet, balance: 0 });
  let ledgerId = 0;
  const topUp = (wallet: { userId: number; balance: number }, amountCents: number, at: Date) => {
    wallet.balance += amountCents;
    sink.ledger({
      id: ++ledgerId,
      userId: wallet.userId,
      kind: "top_up",
      amountCents,
      balanceAfterCents: wallet.balance,
      reservationId: null,
      createdAt: at,
    });
  };
  for (const wallet of wallets.values()) topUp(wallet, wallet.openingTopUpCents, options.from);

  let reservationId = 0;
  for (const booking of bookings) {
    const wallet = wallets.get(booking.userId);
    if (!wallet) throw new Error(`pickUserId returned ${booking.userId}, which has no wallet`);
    const amount = booking.hours * booking.price;
    const startTime = new Date(booking.start);
    const topUpAt = new Date(booking.start - 5 * 60_000);
    if (wallet.keepBalance) topUp(wallet, amount, topUpAt);
    else if (wallet.balance < amount) {
      topUp(wallet, Math.ceil((amount + 3000) / 1000) * 1000, topUpAt);
    }
    const id = ++reservationId;
    sink.reservation({
      id,
      userId: booking.userId,
      slotId: booking.slotId,
      startTime,
      endTime: new Date(booking.start + booking.hours * HOUR_MS),
      durationHours: booking.hours,
      totalAmountCents: amount,
    });
    wallet.balance -= amount;
    sink.ledger({
      id: ++ledgerId,
      userId: booking.userId,
      kind: "charge",
      amountCents: -amount,
      balanceAfterCents: wallet.balance,
      reservationId: id,
      createdAt: startTime,
    });
  }
  return new Map([...wallets.values()].map((w) => [w.userId, w.balance]));
}
