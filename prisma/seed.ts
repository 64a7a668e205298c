// Demo data (../shared/API.md, "demo seed"): 3 floors of slots of all four types, the
// accounts staff/alice/bob/admin (password "parking-demo"), 40 more drivers, 60 days of past
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
import { syncIdSequences } from "@/lib/db/dialect";
import { hashPassword } from "@/lib/auth/password";
import { reserveSlot } from "@/lib/reservations/service";
import { createRandom, demandAt, simulateHistory } from "@/prisma/history";
import { topUpWallet } from "@/lib/wallet/service";
import type { SlotType } from "@/lib/dto";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { applyDefaultLocationSettings } from "@/lib/locations/defaults";

export const DEMO_PASSWORD = "parking-demo";
const DEMO_DRIVER_WALLET_CENTS = 10_000;
const HISTORY_DAYS = 60;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

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

export function demoSlots(): Omit<Prisma.ParkingSlotCreateManyInput, "locationId">[] {
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

export async function seedDemoData(now: Date = new Date()): Promise<{ seeded: boolean }> {
  const existing = (await db.user.count()) + (await db.parkingSlot.count());
  if (existing > 0) return { seeded: false };
  const random = createRandom(20261124);
  const demoHash = await hashPassword(DEMO_PASSWORD);

  const historyStart = new Date(
    Math.floor(now.getTime() / DAY_MS) * DAY_MS - (HISTORY_DAYS - 1) * DAY_MS,
  );
  // Everything in the history ends before the reservations that run now begin.
  const historyEnd = new Date(now.getTime() - 60_000);

  await transaction(async (tx) => {
    const location = await tx.location.create({
      data: {
        slug: "main",
        name: "Main garage",
        address: "1 Main Street",
        timeZone: "UTC",
        createdAt: historyStart,
      },
    });
    await tx.parkingSlot.createMany({
      data: demoSlots().map((s) => ({ ...s, locationId: location.id, createdAt: historyStart })),
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
      // Last, so that the v1 accounts keep the ids they always had.
      { username: "admin", email: "admin@parking.example", role: "admin" as const },
    ];
    await tx.user.createMany({
      data: accounts.map((a) => ({ ...a, passwordHash: demoHash, createdAt: historyStart })),
    });
  });

  const slots = await db.parkingSlot.findMany({ orderBy: { id: "asc" } });
  const users = await db.user.findMany({ orderBy: { id: "asc" } });
  const staff = users.find((u) => u.username === "staff")!;
  // Staff work at every location (API.md: so v1 behaviour holds).
  await transaction(async (tx) => {
    const locations = await tx.location.findMany({ select: { id: true } });
    await tx.staffAssignment.createMany({
      data: locations.map(({ id }) => ({ userId: staff.id, locationId: id })),
    });
  });
  const drivers = users.filter((u) => u.role === "driver");
  const namedDrivers = drivers.filter((u) => u.username === "alice" || u.username === "bob");
  const crowd = drivers.filter((u) => !namedDrivers.includes(u));

  // 1. Past reservations with their payments, ledger and utilization (prisma/history.ts).
  //    Alice and Bob top up exactly what they spend, so they end where the demo says.
  const reservations: Prisma.ReservationCreateManyInput[] = [];
  const payments: Prisma.PaymentCreateManyInput[] = [];
  const ledger: Prisma.WalletTransactionCreateManyInput[] = [];
  const stats: Prisma.UtilizationStatCreateManyInput[] = [];
  const balances = simulateHistory({
    slots,
    wallets: drivers.map((d) => {
      const named = namedDrivers.includes(d);
      return {
        userId: d.id,
        openingTopUpCents: named ? DEMO_DRIVER_WALLET_CENTS : random.int(20, 80) * 100,
        keepBalance: named,
      };
    }),
    pickUserId: (r) => (r.next() < 0.04 ? r.pick(namedDrivers) : r.pick(crowd)).id,
    from: historyStart,
    to: historyEnd,
    random,
    sink: {
      reservation: (r) => {
        reservations.push({
          ...r,
          status: "completed",
          paymentStatus: "completed",
          createdAt: r.startTime,
        });
        payments.push({
          id: r.id,
          reservationId: r.id,
          userId: r.userId,
          amountCents: r.totalAmountCents,
          paymentMethod: "wallet",
          transactionId: `txn_${randomBytes(16).toString("hex")}`,
          paymentDate: r.startTime,
        });
      },
      ledger: (entry) => ledger.push({ ...entry, paymentId: entry.reservationId }),
      stat: (row) => stats.push(row),
    },
  });

  await transaction(
    async (tx) => {
      await tx.reservation.createMany({ data: reservations });
      await tx.payment.createMany({ data: payments });
      await tx.walletTransaction.createMany({ data: ledger });
      await tx.utilizationStat.createMany({ data: stats });
      // The history carries its own ids: PostgreSQL's sequences must move past them.
      await syncIdSequences(tx, [
        "reservations",
        "payments",
        "wallet_transactions",
        "utilization_stats",
      ]);
      for (const [userId, walletBalanceCents] of balances) {
        await tx.user.update({ where: { id: userId }, data: { walletBalanceCents } });
      }
      // Tens of thousands of rows: over a network (PostgreSQL) this takes longer than the
      // 15 s a request's transaction may.
    },
    { timeoutMs: 300_000 },
  );

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
  await applyDefaultLocationSettings();
  const started = Date.now();
  const { seeded } = await seedDemoData();
  console.log(
    seeded
      ? `Seeded demo data in ${((Date.now() - started) / 1000).toFixed(1)} s.`
      : "Database already has data; seed skipped.",
  );
  await db.$disconnect();
}
