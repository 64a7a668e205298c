// Demo data (../shared/API.md, "demo seed"): 3 floors of slots of all four types, the
// accounts staff/alice/bob (password "parking-demo"), 40 more drivers, 60 days of past
// reservations with a daily and weekly rhythm, and some reservations running now.
//
// History is written by a bulk path that keeps every invariant the domain keeps: one
// payment and one ledger charge per reservation, a top-up whenever a wallet runs short,
// balances equal to their ledger sums, no overlapping bookings per slot, and hourly
// utilization aggregated exactly as recordUtilization() does. Reservations running now
// go through the domain's reserveSlot() itself. Runs only on an empty database.
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { db, transaction } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { reserveSlot } from "@/lib/reservations/service";
import { hoursCovered } from "@/lib/reservations/utilization";
import { topUpWallet } from "@/lib/wallet/service";
import type { SlotType } from "@/lib/dto";
import type { Prisma } from "@/lib/generated/prisma/client.ts";

export const DEMO_PASSWORD = "parking-demo";
const DEMO_DRIVER_WALLET_CENTS = 10_000;
const HISTORY_DAYS = 60;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A small deterministic PRNG (mulberry32), so every seeded database looks alike. */
function createRandom(seed: number) {
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
type Random = ReturnType<typeof createRandom>;

const FLOORS = [1, 2, 3];
const ZONES = ["A", "B", "C", "D"];
const SLOTS_PER_ZONE = 10;
const BASE_PRICE_CENTS: Record<SlotType, number> = {
  regular: 300,
  handicap: 200,
  vip: 800,
  electric: 450,
};

function slotTypeFor(zone: string, index: number): SlotType {
  if (index === 0) return "handicap"; // nearest the lifts in every zone
  if (index >= SLOTS_PER_ZONE - 2) return "electric"; // chargers at the far wall
  if (zone === "A" && index <= 2) return "vip";
  return "regular";
}

export function demoSlots(): Prisma.ParkingSlotCreateManyInput[] {
  return FLOORS.flatMap((floor) =>
    ZONES.flatMap((zone) =>
      Array.from({ length: SLOTS_PER_ZONE }, (_, index) => {
        const slotType = slotTypeFor(zone, index);
        // Ground floor costs more; higher floors are cheaper by 25 cents a level.
        const pricePerHourCents = BASE_PRICE_CENTS[slotType] + (FLOORS.length - floor) * 25;
        return {
          slotNumber: `${floor}-${zone}-${String(index + 1).padStart(3, "0")}`,
          floorNumber: floor,
          zone,
          slotType,
          pricePerHourCents,
          // Two bays closed for repairs, to show out-of-service slots.
          outOfService:
            (floor === 2 && zone === "C" && index === 4) ||
            (floor === 3 && zone === "B" && index === 6),
        };
      }),
    ),
  );
}

/** Relative demand by UTC hour of day: morning and evening peaks, quiet nights. */
const HOURLY_DEMAND = [
  0.02, 0.01, 0.01, 0.01, 0.02, 0.05, 0.12, 0.3, 0.45, 0.4, 0.3, 0.25, 0.28, 0.25, 0.22, 0.22, 0.28,
  0.38, 0.35, 0.25, 0.15, 0.1, 0.06, 0.03,
];

function demandAt(time: Date): number {
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

type Wallet = { userId: number; balance: number; keepAt?: number };

export async function seedDemoData(now: Date = new Date()): Promise<{ seeded: boolean }> {
  const existing = (await db.user.count()) + (await db.parkingSlot.count());
  if (existing > 0) return { seeded: false };
  const random = createRandom(20261124);
  const demoHash = await hashPassword(DEMO_PASSWORD);

  const historyStart = new Date(
    Math.floor(now.getTime() / DAY_MS) * DAY_MS - (HISTORY_DAYS - 1) * DAY_MS,
  );
  // Everything in the history ends before the reservations that run now begin.
  const historyEnd = now.getTime() - 60_000;

  await transaction(async (tx) => {
    await tx.parkingSlot.createMany({
      data: demoSlots().map((s) => ({ ...s, createdAt: historyStart })),
    });
    const accounts = [
      { username: "staff", email: "staff@parking.example", role: "staff" as const },
      { username: "alice", email: "alice@parking.example", vehicleNumber: "KA01AB1234" },
      { username: "bob", email: "bob@parking.example", vehicleNumber: "KA02CD5678" },
      ...Array.from({ length: 40 }, (_, i) => ({
        username: `driver${String(i + 1).padStart(2, "0")}`,
        email: `driver${String(i + 1).padStart(2, "0")}@parking.example`,
        vehicleNumber: `KA03EF${String(1000 + i)}`,
      })),
    ];
    await tx.user.createMany({
      data: accounts.map((a) => ({ ...a, passwordHash: demoHash, createdAt: historyStart })),
    });
  });

  const slots = await db.parkingSlot.findMany({ orderBy: { id: "asc" } });
  const users = await db.user.findMany({ orderBy: { id: "asc" } });
  const staff = users.find((u) => u.username === "staff")!;
  const drivers = users.filter((u) => u.role === "driver");
  const namedDrivers = drivers.filter((u) => u.username === "alice" || u.username === "bob");
  const crowd = drivers.filter((u) => !namedDrivers.includes(u));

  // 1. Past reservations, slot by slot, hour by hour, never overlapping on a slot.
  type Booking = { slotId: number; userId: number; start: Date; hours: number; price: number };
  const bookings: Booking[] = [];
  for (const slot of slots.filter((s) => !s.outOfService)) {
    const typeAppeal = slot.slotType === "vip" ? 0.55 : slot.slotType === "handicap" ? 0.5 : 1;
    let freeFrom = historyStart.getTime();
    for (let hour = historyStart.getTime(); hour < historyEnd; hour += HOUR_MS) {
      if (hour < freeFrom) continue;
      if (random.next() >= demandAt(new Date(hour)) * typeAppeal) continue;
      const start = hour + random.int(0, 59) * 60_000;
      const hours = sampleDurationHours(random);
      if (start + hours * HOUR_MS > historyEnd) break;
      const user = random.next() < 0.04 ? random.pick(namedDrivers) : random.pick(crowd);
      bookings.push({
        slotId: slot.id,
        userId: user.id,
        start: new Date(start),
        hours,
        price: slot.pricePerHourCents,
      });
      freeFrom = start + hours * HOUR_MS;
    }
  }
  bookings.sort((a, b) => a.start.getTime() - b.start.getTime());

  // 2. Money: every wallet starts with a top-up; a driver short of funds tops up first.
  //    Alice and Bob top up exactly what they spend, so they end where the demo says.
  const wallets = new Map<number, Wallet>(
    drivers.map((d) => [
      d.id,
      {
        userId: d.id,
        balance: 0,
        keepAt: namedDrivers.includes(d) ? DEMO_DRIVER_WALLET_CENTS : undefined,
      },
    ]),
  );
  const ledger: Prisma.WalletTransactionCreateManyInput[] = [];
  const topUp = (wallet: Wallet, amountCents: number, at: Date) => {
    wallet.balance += amountCents;
    ledger.push({
      id: ledger.length + 1,
      userId: wallet.userId,
      kind: "top_up",
      amountCents,
      balanceAfterCents: wallet.balance,
      createdAt: at,
    });
  };
  for (const wallet of wallets.values()) {
    topUp(wallet, wallet.keepAt ?? random.int(20, 80) * 100, historyStart);
  }
  const reservations: Prisma.ReservationCreateManyInput[] = [];
  const payments: Prisma.PaymentCreateManyInput[] = [];
  const stats = new Map<
    string,
    { slotId: number; date: string; hour: number; occupancyCount: number; revenueCents: number }
  >();
  for (const booking of bookings) {
    const wallet = wallets.get(booking.userId)!;
    const amount = booking.hours * booking.price;
    const topUpAt = new Date(booking.start.getTime() - 5 * 60_000);
    if (wallet.keepAt !== undefined) topUp(wallet, amount, topUpAt);
    else if (wallet.balance < amount)
      topUp(wallet, Math.ceil((amount + 3000) / 1000) * 1000, topUpAt);
    const id = reservations.length + 1;
    const end = new Date(booking.start.getTime() + booking.hours * HOUR_MS);
    reservations.push({
      id,
      userId: booking.userId,
      slotId: booking.slotId,
      startTime: booking.start,
      endTime: end,
      durationHours: booking.hours,
      totalAmountCents: amount,
      status: "completed",
      paymentStatus: "completed",
      createdAt: booking.start,
    });
    payments.push({
      id,
      reservationId: id,
      userId: booking.userId,
      amountCents: amount,
      paymentMethod: "wallet",
      transactionId: `txn_${randomBytes(16).toString("hex")}`,
      paymentDate: booking.start,
    });
    wallet.balance -= amount;
    ledger.push({
      id: ledger.length + 1,
      userId: booking.userId,
      kind: "charge",
      amountCents: -amount,
      balanceAfterCents: wallet.balance,
      paymentId: id,
      reservationId: id,
      createdAt: booking.start,
    });
    for (const { date, hour } of hoursCovered(booking.start, booking.hours)) {
      const key = `${booking.slotId}|${date}|${hour}`;
      const row = stats.get(key) ?? {
        slotId: booking.slotId,
        date,
        hour,
        occupancyCount: 0,
        revenueCents: 0,
      };
      row.occupancyCount += 1;
      row.revenueCents += booking.price;
      stats.set(key, row);
    }
  }

  await transaction(async (tx) => {
    await tx.reservation.createMany({ data: reservations });
    await tx.payment.createMany({ data: payments });
    await tx.walletTransaction.createMany({ data: ledger });
    await tx.utilizationStat.createMany({ data: [...stats.values()] });
    for (const wallet of wallets.values()) {
      await tx.user.update({
        where: { id: wallet.userId },
        data: { walletBalanceCents: wallet.balance },
      });
    }
  });

  // 3. Reservations running now, made by the domain itself (staff booking for drivers).
  const staffActor = { id: staff.id, role: staff.role };
  const inService = slots.filter((s) => !s.outOfService);
  const occupiedNow = inService.filter(() => random.next() < demandAt(now) * 1.2 + 0.3);
  for (const slot of occupiedNow) {
    const driver = random.pick(crowd);
    const durationHours = random.int(1, 6);
    await topUpWallet(
      staffActor,
      { amountCents: slot.pricePerHourCents * durationHours, userId: driver.id },
      now,
    );
    await reserveSlot(staffActor, { slotId: slot.id, durationHours, userId: driver.id }, now);
  }
  return { seeded: true };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const started = Date.now();
  const { seeded } = await seedDemoData();
  console.log(
    seeded
      ? `Seeded demo data in ${((Date.now() - started) / 1000).toFixed(1)} s.`
      : "Database already has data; seed skipped.",
  );
  await db.$disconnect();
}
