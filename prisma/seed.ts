// Demo data (../shared/API.md, "demo seed"): a network of three garages in three time zones
// (prisma/demo-locations.ts) with slots of all four types on 3 floors and more, the accounts
// staff/alice/bob/admin (password "parking-demo"), 40 more drivers, 60 days of past
// reservations in each garage's local rhythm, and reservations running now and upcoming.
//
// History is written by a bulk path that keeps every invariant the domain keeps: one
// payment and one ledger charge per reservation, a top-up whenever a wallet runs short,
// balances equal to their ledger sums, no overlapping bookings per slot, hourly
// utilization aggregated exactly as recordUtilization() does, and the analytics roll-ups
// rebuilt from those rows once. Reservations running now and upcoming go through the
// domain's reserveSlot() itself. Runs only on an empty database.
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { db, transaction, type Tx } from "@/lib/db/client";
import { dialect, syncIdSequences } from "@/lib/db/dialect";
import { hashPassword } from "@/lib/auth/password";
import { reserveSlot } from "@/lib/reservations/service";
import { topUpWallet } from "@/lib/wallet/service";
import { rebuildRollupStatements } from "@/lib/analytics/rollups";
import { applyDefaultLocationSettings } from "@/lib/locations/defaults";
import { createRandom, demandAt, simulateHistory, type Random } from "@/prisma/history";
import { DEMO_LOCATIONS, demoSlotsOf } from "@/prisma/demo-locations";
import { HOUR_MS, DAY_MS } from "@/lib/time";

export { demoSlots } from "@/prisma/demo-locations";

export const DEMO_PASSWORD = "parking-demo";
const DEMO_DRIVER_WALLET_CENTS = 10_000;
const HISTORY_DAYS = 60;
/** Upcoming bookings per location, starting within the next three days. */
const UPCOMING_PER_LOCATION = 8;

type SqlValue = number | string | boolean | Date | null;

/** A value as an SQL literal both databases read into the column's type. */
function literal(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
    return String(value);
  }
  // Prisma's text form of a DateTime on SQLite; PostgreSQL reads it as a timestamptz.
  const text = value instanceof Date ? value.toISOString().replace("Z", "+00:00") : value;
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Multi-row INSERTs of literal rows, a thousand a statement: tens of thousands of rows
 * row by row (or through createMany's bound parameters) take most of the seed's time,
 * over a network to PostgreSQL most of all.
 */
async function insertRows(tx: Tx, table: string, columns: string[], rows: SqlValue[][]) {
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows
      .slice(i, i + 1000)
      .map((row) => `(${row.map(literal).join(", ")})`)
      .join(",\n");
    await tx.$executeRawUnsafe(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values}`);
  }
}

const HISTORY_TABLES = ["reservations", "payments", "wallet_transactions", "utilization_stats"];

/**
 * Turns off the triggers on the history tables (the analytics roll-ups', which would
 * update the roll-ups row by row) and returns what turns them on again as they were. In
 * a transaction, so nobody else ever sees the tables without them.
 */
async function suspendTriggers(tx: Tx): Promise<() => Promise<void>> {
  if (dialect() === "postgres") {
    const each = (verb: string) =>
      HISTORY_TABLES.map((t) => tx.$executeRawUnsafe(`ALTER TABLE "${t}" ${verb} TRIGGER USER`));
    await Promise.all(each("DISABLE"));
    return async () => {
      await Promise.all(each("ENABLE"));
    };
  }
  const triggers = await tx.$queryRawUnsafe<{ name: string; sql: string }[]>(
    `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${HISTORY_TABLES.map((t) => `'${t}'`).join(", ")})`,
  );
  for (const { name } of triggers) await tx.$executeRawUnsafe(`DROP TRIGGER "${name}"`);
  return async () => {
    for (const { sql } of triggers) await tx.$executeRawUnsafe(sql);
  };
}

export async function seedDemoData(now: Date = new Date()): Promise<{ seeded: boolean }> {
  const existing =
    (await db.user.count()) + (await db.parkingSlot.count()) + (await db.location.count());
  if (existing > 0) return { seeded: false };
  const random = createRandom(20261124);
  const demoHash = await hashPassword(DEMO_PASSWORD);

  const historyStart = new Date(
    Math.floor(now.getTime() / DAY_MS) * DAY_MS - (HISTORY_DAYS - 1) * DAY_MS,
  );
  // Everything in the history ends before the reservations that run now begin.
  const historyEnd = new Date(now.getTime() - 60_000);

  await transaction(async (tx) => {
    for (const location of DEMO_LOCATIONS) {
      const { id } = await tx.location.create({
        data: {
          slug: location.slug,
          name: location.name,
          address: location.address,
          timeZone: location.timeZone,
          requiresCheckIn: location.requiresCheckIn,
          createdAt: historyStart,
        },
      });
      await tx.parkingSlot.createMany({
        data: demoSlotsOf(location).map((s) => ({ ...s, locationId: id, createdAt: historyStart })),
      });
    }
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
    // Staff work at every location (API.md: so v1 behaviour holds); admins need no rows.
    const staff = await tx.user.findUniqueOrThrow({ where: { username: "staff" } });
    const locations = await tx.location.findMany({ select: { id: true } });
    await tx.staffAssignment.createMany({
      data: locations.map(({ id }) => ({ userId: staff.id, locationId: id })),
    });
    // Vehicles: alice and bob own ALICE1 and BOB1 (API.md), before the history.
    for (const [username, plate] of [
      ["alice", "ALICE1"],
      ["bob", "BOB1"],
    ] as const) {
      const owner = await tx.user.findUniqueOrThrow({ where: { username } });
      await tx.vehicle.create({ data: { userId: owner.id, plate, createdAt: historyStart } });
    }
  });

  const locations = await db.location.findMany({ orderBy: { id: "asc" } });
  const slots = await db.parkingSlot.findMany({ orderBy: { id: "asc" } });
  const users = await db.user.findMany({ orderBy: { id: "asc" } });
  const staff = users.find((u) => u.username === "staff")!;
  const drivers = users.filter((u) => u.role === "driver");
  const namedDrivers = drivers.filter((u) => u.username === "alice" || u.username === "bob");
  const crowd = drivers.filter((u) => !namedDrivers.includes(u));
  const demoOf = new Map(
    locations.map((l) => [l.id, DEMO_LOCATIONS.find((d) => d.slug === l.slug)!]),
  );

  // 1. Past reservations with their payments, ledger and utilization (prisma/history.ts).
  //    Alice and Bob top up exactly what they spend, so they end where the demo says.
  const rows = {
    reservations: [] as SqlValue[][],
    payments: [] as SqlValue[][],
    ledger: [] as SqlValue[][],
    stats: [] as SqlValue[][],
  };
  let statId = 0;
  const balances = simulateHistory({
    locations: locations.map((l) => ({
      id: l.id,
      timeZone: l.timeZone,
      rhythm: demoOf.get(l.id)!.rhythm,
    })),
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
        const common = [r.id, r.userId];
        rows.reservations.push([
          ...common,
          r.slotId,
          r.startTime,
          r.endTime,
          r.durationHours,
          r.totalAmountCents,
          "completed",
          "completed",
          r.startTime,
        ]);
        rows.payments.push([
          ...common,
          r.id,
          r.totalAmountCents,
          "wallet",
          `txn_${randomBytes(16).toString("hex")}`,
          "completed",
          r.startTime,
        ]);
      },
      ledger: (e) =>
        rows.ledger.push([
          e.id,
          e.userId,
          e.kind,
          e.amountCents,
          e.balanceAfterCents,
          e.reservationId,
          e.reservationId,
          e.createdAt,
        ]),
      stat: (u) =>
        rows.stats.push([++statId, u.slotId, u.date, u.hour, u.occupancyCount, u.revenueCents]),
    },
  });

  const of = dialect();
  await transaction(
    async (tx) => {
      // The roll-ups are rebuilt from the loaded rows once instead of row by row, and the
      // triggers restored before this commits.
      const restoreTriggers = await suspendTriggers(tx);
      await insertRows(
        tx,
        "reservations",
        [
          "id",
          "user_id",
          "slot_id",
          "start_time",
          "end_time",
          "duration_hours",
          "total_amount_cents",
          "payment_status",
          "status",
          "created_at",
        ],
        rows.reservations,
      );
      await insertRows(
        tx,
        "payments",
        [
          "id",
          "user_id",
          "reservation_id",
          "amount_cents",
          "payment_method",
          "transaction_id",
          "payment_status",
          "payment_date",
        ],
        rows.payments,
      );
      await insertRows(
        tx,
        "wallet_transactions",
        [
          "id",
          "user_id",
          "kind",
          "amount_cents",
          "balance_after_cents",
          "payment_id",
          "reservation_id",
          "created_at",
        ],
        rows.ledger,
      );
      await insertRows(
        tx,
        "utilization_stats",
        ["id", "slot_id", "date", "hour", "occupancy_count", "revenue_cents"],
        rows.stats,
      );
      for (const statement of rebuildRollupStatements(of)) await tx.$executeRawUnsafe(statement);
      await restoreTriggers();
      // The history carries its own ids: PostgreSQL's sequences must move past them.
      await syncIdSequences(tx, HISTORY_TABLES);
      for (const [userId, walletBalanceCents] of balances) {
        await tx.user.update({ where: { id: userId }, data: { walletBalanceCents } });
      }
      // Hundreds of thousands of rows: over a network (PostgreSQL) this takes longer than
      // the 15 s a request's transaction may.
    },
    { timeoutMs: 300_000 },
  );

  // 2. Reservations running now and upcoming, made by the domain itself (staff booking
  //    for drivers of the crowd; Alice and Bob keep their 10000 cents).
  await bookThroughTheDomain({ staff, crowd, slots, locations, demoOf, random, now });
  return { seeded: true };
}

type Booking = { slotId: number; userId: number; startTime?: Date; durationHours: number };

async function bookThroughTheDomain(input: {
  staff: { id: number; role: "driver" | "staff" | "admin" };
  crowd: { id: number }[];
  slots: { id: number; locationId: number; outOfService: boolean; pricePerHourCents: number }[];
  locations: { id: number; timeZone: string }[];
  demoOf: Map<number, (typeof DEMO_LOCATIONS)[number]>;
  random: Random;
  now: Date;
}) {
  const { staff, crowd, slots, locations, demoOf, random, now } = input;
  const bookings: Booking[] = [];
  for (const location of locations) {
    const demo = demoOf.get(location.id)!;
    const share =
      demo.occupiedNow.base +
      demo.occupiedNow.scale * demandAt(demo.rhythm, location.timeZone, now);
    const inService = slots.filter((s) => s.locationId === location.id && !s.outOfService);
    const free: typeof inService = [];
    for (const slot of inService) {
      if (random.next() < share) {
        bookings.push({
          slotId: slot.id,
          userId: random.pick(crowd).id,
          durationHours: random.int(1, demo.requiresCheckIn ? 24 : 6),
        });
      } else free.push(slot);
    }
    for (let i = 0; i < UPCOMING_PER_LOCATION && free.length > 0; i++) {
      const [slot] = free.splice(random.int(0, free.length - 1), 1);
      bookings.push({
        slotId: slot!.id,
        userId: random.pick(crowd).id,
        startTime: new Date(
          Math.ceil(now.getTime() / HOUR_MS) * HOUR_MS + random.int(1, 72) * HOUR_MS,
        ),
        durationHours: random.int(1, demo.requiresCheckIn ? 24 : 4),
      });
    }
  }
  // One top-up per driver for everything they book (at most MAX_TOP_UP_CENTS at a time).
  const price = new Map(slots.map((s) => [s.id, s.pricePerHourCents]));
  const owed = new Map<number, number>();
  for (const b of bookings) {
    owed.set(b.userId, (owed.get(b.userId) ?? 0) + price.get(b.slotId)! * b.durationHours);
  }
  const actor = { id: staff.id, role: staff.role };
  for (const [userId, cents] of owed) {
    for (let left = cents; left > 0; left -= 100_000) {
      await topUpWallet(actor, { amountCents: Math.min(left, 100_000), userId }, now);
    }
  }
  // All at once: the group commit (lib/reservations/batch.ts) writes them a few dozen to a
  // transaction, each decided as if alone.
  await Promise.all(
    bookings.map(({ slotId, userId, startTime, durationHours }) =>
      reserveSlot(actor, { slotId, userId, startTime, durationHours }, now),
    ),
  );
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
