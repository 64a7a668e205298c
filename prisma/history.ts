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
import type { SlotType } from "@/lib/dto";
import { MAX_RESERVATION_HOURS } from "@/lib/validation/limits";
import { HOUR_MS } from "@/lib/time";

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

/**
 * How busy a kind of garage is, in its own local time: the chance that a free slot is taken
 * in a local hour, by hour of day and day of the week, and how long a booking made then lasts.
 */
export type Rhythm = {
  /** By local hour 0..23, on an ordinary weekday. */
  hourly: readonly number[];
  /** Multiplier by local day of the week, Sunday first. */
  weekly: readonly number[];
  /** Hours a booking that starts in local hour `hour` lasts. */
  durationHours: (random: Random, hour: number) => number;
};

function shortStay(random: Random): number {
  const r = random.next();
  if (r < 0.35) return 1;
  if (r < 0.6) return 2;
  if (r < 0.75) return 3;
  if (r < 0.85) return 4;
  if (r < 0.95) return random.int(5, 9);
  return random.int(10, 24);
}

export const RHYTHMS = {
  /** A city-centre garage: commuters arrive 7-9 and stay the working day; quiet weekends. */
  commuter: {
    hourly: [
      0.01, 0.01, 0.01, 0.01, 0.01, 0.03, 0.12, 0.35, 0.5, 0.35, 0.2, 0.18, 0.22, 0.2, 0.16, 0.14,
      0.14, 0.12, 0.08, 0.06, 0.05, 0.04, 0.02, 0.01,
    ],
    weekly: [0.3, 1, 1, 1, 1, 0.95, 0.45],
    durationHours: (random, hour) =>
      hour >= 6 && hour <= 9 && random.next() < 0.7 ? random.int(8, 10) : shortStay(random),
  },
  /** A shopping-centre garage: shoppers from opening to late evening, busiest at weekends. */
  shopping: {
    hourly: [
      0.005, 0.005, 0.005, 0.005, 0.005, 0.005, 0.01, 0.02, 0.05, 0.12, 0.2, 0.24, 0.26, 0.25, 0.24,
      0.22, 0.2, 0.2, 0.18, 0.14, 0.08, 0.03, 0.01, 0.005,
    ],
    weekly: [1.5, 0.55, 0.6, 0.65, 0.75, 1.05, 1.8],
    durationHours: (random) => {
      const r = random.next();
      return r < 0.4 ? 1 : r < 0.75 ? 2 : r < 0.92 ? 3 : random.int(4, 6);
    },
  },
  /** An airport long-stay garage: early and afternoon departures, stays of days. */
  airport: {
    hourly: [
      0.002, 0.002, 0.002, 0.004, 0.01, 0.03, 0.04, 0.035, 0.025, 0.02, 0.02, 0.02, 0.02, 0.025,
      0.03, 0.03, 0.025, 0.02, 0.015, 0.01, 0.008, 0.005, 0.003, 0.002,
    ],
    weekly: [1.1, 0.9, 0.85, 0.85, 1, 1.25, 1.05],
    // Stays of several days are several back-to-back bookings (simulateHistory).
    durationHours: (random) => {
      const r = random.next();
      if (r < 0.15) return random.int(10, 24);
      if (r < 0.75) return 24 * random.int(2, 5) + random.int(-4, 4);
      return 24 * random.int(6, 14) + random.int(-4, 4);
    },
  },
} satisfies Record<string, Rhythm>;

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/**
 * The local day of the week (0 = Sunday) and hour (0..23) of an instant in an IANA time
 * zone, DST included. Memoized by UTC hour, so a simulation pays for Intl once an hour.
 */
export function localClock(timeZone: string): (at: Date) => { weekday: number; hour: number } {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    hour: "numeric",
    minute: "numeric",
    hourCycle: "h23",
  });
  const cache = new Map<number, { weekday: number; hour: number; minute: number }>();
  return (at) => {
    const utcHour = Math.floor(at.getTime() / HOUR_MS);
    let local = cache.get(utcHour);
    if (!local) {
      const parts = Object.fromEntries(
        format.formatToParts(new Date(utcHour * HOUR_MS)).map((p) => [p.type, p.value]),
      );
      local = {
        weekday: WEEKDAYS.indexOf(parts.weekday!),
        hour: Number(parts.hour),
        minute: Number(parts.minute),
      };
      cache.set(utcHour, local);
    }
    // Zones a fraction of an hour off UTC: the local hour this minute of the UTC hour is in.
    const minutes = local.minute + (Math.floor(at.getTime() / 60_000) % 60);
    if (minutes < 60) return { weekday: local.weekday, hour: local.hour };
    const hour = (local.hour + 1) % 24;
    return { weekday: hour === 0 ? (local.weekday + 1) % 7 : local.weekday, hour };
  };
}

/** Chance that a free slot is taken in the hour starting at `time`, in `timeZone`'s clock. */
export function demandAt(rhythm: Rhythm, timeZone: string, time: Date): number {
  const { weekday, hour } = localClock(timeZone)(time);
  return rhythm.hourly[hour]! * rhythm.weekly[weekday]!;
}

/** A location whose slots the history books: its rhythm runs on its own clock. */
export type HistoryLocation = { id: number; timeZone: string; rhythm: Rhythm };

export type HistorySlot = {
  id: number;
  locationId: number;
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
  locations: readonly HistoryLocation[];
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

  if (from % HOUR_MS !== 0) throw new Error("the history starts on a whole UTC hour");
  const hourCount = Math.max(0, Math.ceil((to - from) / HOUR_MS));

  // Every hour of the range once: its UTC date and hour (the utilization buckets), and per
  // location the demand and local hour on that location's clock.
  const dates: string[] = [];
  const utcHours = new Uint8Array(hourCount);
  for (let i = 0; i < hourCount; i++) {
    const at = new Date(from + i * HOUR_MS);
    dates.push(i > 0 && utcHours[i - 1]! !== 23 ? dates[i - 1]! : at.toISOString().slice(0, 10));
    utcHours[i] = at.getUTCHours();
  }
  const clocks = new Map(
    options.locations.map((location) => {
      const clock = localClock(location.timeZone);
      const demand = new Float64Array(hourCount);
      const localHours = new Uint8Array(hourCount);
      for (let i = 0; i < hourCount; i++) {
        const { weekday, hour } = clock(new Date(from + i * HOUR_MS));
        demand[i] = location.rhythm.hourly[hour]! * location.rhythm.weekly[weekday]!;
        localHours[i] = hour;
      }
      return [location.id, { rhythm: location.rhythm, demand, localHours }];
    }),
  );

  // 1. Bookings, slot by slot, hour by hour, never overlapping on a slot. A booking's hours
  //    are the UTC hours its start plus 0, 1, … hours fall in (hoursCovered), and a slot's
  //    next booking starts after the hour its previous one ended in, so every bucket of a
  //    slot holds one booking.
  type Booking = { slotId: number; userId: number; start: number; hours: number; price: number };
  const bookings: Booking[] = [];
  for (const slot of options.slots) {
    if (slot.outOfService) continue;
    const clock = clocks.get(slot.locationId);
    if (!clock) throw new Error(`slot ${slot.id}: location ${slot.locationId} is not listed`);
    const appeal = slot.slotType === "vip" ? 0.55 : slot.slotType === "handicap" ? 0.5 : 1;
    const price = slot.pricePerHourCents;
    for (let i = 0; i < hourCount; i++) {
      if (random.next() >= clock.demand[i]! * appeal) continue;
      const start = from + i * HOUR_MS + random.int(0, 59) * 60_000;
      const hours = clock.rhythm.durationHours(random, clock.localHours[i]!);
      // Near the end, a stay that would run past `to` is not made; a shorter one may be.
      if (start + hours * HOUR_MS > to) continue;
      // A stay longer than the 24 hours a booking may last is booked again as it runs
      // out: back-to-back reservations of one driver on the slot, each paid for.
      const userId = options.pickUserId(random);
      for (let done = 0; done < hours; done += MAX_RESERVATION_HOURS) {
        const part = Math.min(MAX_RESERVATION_HOURS, hours - done);
        bookings.push({
          slotId: slot.id,
          userId,
          start: start + done * HOUR_MS,
          hours: part,
          price,
        });
      }
      for (let h = i; h < i + hours; h++) {
        sink.stat({
          slotId: slot.id,
          date: dates[h]!,
          hour: utcHours[h]!,
          occupancyCount: 1,
          revenueCents: price,
        });
      }
      // The hour this booking ends in is its last bucket; the next may start after it.
      i += hours;
    }
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
