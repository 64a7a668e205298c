// Test data builders for the domain tests. Everything is written through the real
// database (each test file has its own copy), and money only through the domain's own
// topUpWallet, so every balance a builder creates is explained by the ledger.
import { expect } from "vitest";
import { db, transaction } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import type { Role, SlotType } from "@/lib/dto";
import { AppError, type ErrorCode } from "@/lib/errors";
import type { ParkingSlot, User } from "@/lib/generated/prisma/client.ts";
import { topUpWallet } from "@/lib/wallet/service";
import { MAX_TOP_UP_CENTS } from "@/lib/validation/limits";

export const HOUR_MS = 3_600_000;
/** The location of the unit tests' template database (tests/setup/template-db.ts). */
export const TEST_LOCATION_ID = 1;
export const TEST_PASSWORD = "correct-horse-battery";

let sequence = 0;
/** A number unique within the test file, for usernames and slot numbers. */
export function unique(): number {
  sequence += 1;
  return sequence;
}

// Hashing costs tens of milliseconds; one real Argon2id hash serves every user of a file.
let passwordHash: Promise<string> | undefined;
function testPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
}

export type SlotOverrides = {
  locationId?: number;
  slotNumber?: string;
  floor?: number;
  zone?: string;
  type?: SlotType;
  pricePerHourCents?: number;
  outOfService?: boolean;
};

export async function createSlot(overrides: SlotOverrides = {}): Promise<ParkingSlot> {
  const floor = overrides.floor ?? 1;
  const zone = overrides.zone ?? "A";
  const slotNumber =
    overrides.slotNumber ?? `${floor}-${zone}-${String(unique()).padStart(3, "0")}`;
  return transaction((tx) =>
    tx.parkingSlot.create({
      data: {
        locationId: overrides.locationId ?? TEST_LOCATION_ID,
        slotNumber,
        floorNumber: floor,
        zone,
        slotType: overrides.type ?? "regular",
        pricePerHourCents: overrides.pricePerHourCents ?? 300,
        outOfService: overrides.outOfService ?? false,
      },
    }),
  );
}

export async function createSlots(count: number, overrides: SlotOverrides = {}) {
  const slots: ParkingSlot[] = [];
  for (let i = 0; i < count; i++) slots.push(await createSlot(overrides));
  return slots;
}

export type TestUser = Actor & { username: string; email: string };

export type UserOverrides = { username?: string; email?: string; balanceCents?: number };

async function createUser(role: Role, overrides: UserOverrides): Promise<TestUser> {
  const n = unique();
  const username = overrides.username ?? `${role}${n}`;
  const passwordHash = await testPasswordHash();
  const user = await transaction((tx) =>
    tx.user.create({
      data: {
        username,
        email: overrides.email ?? `${username}@example.test`,
        passwordHash,
        role,
        // Staff work at the test location.
        ...(role === "staff" && {
          staffAssignments: { create: { locationId: TEST_LOCATION_ID } },
        }),
      },
    }),
  );
  const actor: TestUser = { id: user.id, role, username, email: user.email };
  let remaining = overrides.balanceCents ?? 0;
  while (remaining > 0) {
    const amountCents = Math.min(remaining, MAX_TOP_UP_CENTS);
    await topUpWallet(actor, { amountCents });
    remaining -= amountCents;
  }
  return actor;
}

/** A driver whose wallet holds `balanceCents`, paid in through real top-ups. */
export function createDriver(overrides: UserOverrides = {}): Promise<TestUser> {
  return createUser("driver", overrides);
}

export function createStaff(overrides: UserOverrides = {}): Promise<TestUser> {
  return createUser("staff", overrides);
}

export function createAdmin(overrides: UserOverrides = {}): Promise<TestUser> {
  return createUser("admin", overrides);
}

export async function walletOf(userId: number): Promise<number> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return user.walletBalanceCents;
}

export async function slotRow(slotId: number): Promise<ParkingSlot> {
  return db.parkingSlot.findUniqueOrThrow({ where: { id: slotId } });
}

/** Rejects with an AppError carrying exactly `code`; returns it for further checks. */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode) {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

const count = (groups: { _count: { _all: number } }[]) =>
  groups.reduce((sum, group) => sum + group._count._all, 0);

/**
 * Everything a failed write must leave untouched: row counts of every table (reservations
 * and payments also per status), every wallet and every slot's availability. Compare a
 * snapshot before and after.
 */
export async function databaseSnapshot() {
  const [slots, users, reservations, payments, ledger, stats] = await Promise.all([
    db.parkingSlot.findMany({ orderBy: { id: "asc" } }),
    db.user.findMany({ orderBy: { id: "asc" } }),
    db.reservation.groupBy({ by: ["status"], _count: { _all: true }, orderBy: { status: "asc" } }),
    db.payment.groupBy({
      by: ["paymentStatus"],
      _count: { _all: true },
      orderBy: { paymentStatus: "asc" },
    }),
    db.walletTransaction.count(),
    db.utilizationStat.aggregate({
      _count: { _all: true },
      _sum: { occupancyCount: true, revenueCents: true },
    }),
  ]);
  return {
    slots: slots.map((s: ParkingSlot) => [s.id, s.isAvailable, s.outOfService]),
    wallets: users.map((u: User) => [u.id, u.walletBalanceCents, u.outstandingCents]),
    reservations: count(reservations),
    payments: count(payments),
    reservationStatuses: reservations,
    paymentStatuses: payments,
    ledger,
    stats,
  };
}

/**
 * The money and occupancy invariants: every wallet equals the sum of its ledger and the
 * last running balance, no running balance is negative, what an account owes equals its
 * debt ledger, a slot is held by at most one
 * active reservation, and is_available says exactly whether one holds it. Violations are
 * collected and compared once, so a seeded database's thousands of rows check quickly.
 */
export async function expectConsistentDatabase(): Promise<void> {
  const problems: string[] = [];
  const users = await db.user.findMany({
    include: { walletTransactions: { orderBy: { id: "asc" } } },
  });
  for (const user of users) {
    let running = 0;
    for (const entry of user.walletTransactions) {
      running += entry.amountCents;
      if (entry.balanceAfterCents !== running || running < 0) {
        problems.push(
          `ledger row ${entry.id} of ${user.username}: balance after ${entry.balanceAfterCents}, running sum ${running}`,
        );
      }
    }
    if (user.walletBalanceCents !== running || user.walletBalanceCents < 0) {
      problems.push(
        `wallet of ${user.username} is ${user.walletBalanceCents}, ledger sum ${running}`,
      );
    }
  }
  // What an account owes equals its debt ledger, whose running balance is never negative.
  const debts = await db.user.findMany({
    include: { debtEntries: { orderBy: { id: "asc" } } },
  });
  for (const user of debts) {
    let owed = 0;
    for (const entry of user.debtEntries) {
      owed += entry.amountCents;
      if (entry.balanceAfterCents !== owed || owed < 0) {
        problems.push(
          `debt row ${entry.id} of ${user.username}: after ${entry.balanceAfterCents}, sum ${owed}`,
        );
      }
    }
    if (user.outstandingCents !== owed) {
      problems.push(`${user.username} owes ${user.outstandingCents}, debt ledger sum ${owed}`);
    }
  }
  const active = await db.reservation.groupBy({
    by: ["slotId"],
    where: { status: "active" },
    _count: { _all: true },
  });
  for (const group of active) {
    if (group._count._all !== 1) {
      problems.push(`slot ${group.slotId} has ${group._count._all} active reservations`);
    }
  }
  const held = new Set(active.map((g) => g.slotId));
  for (const slot of await db.parkingSlot.findMany()) {
    if (slot.isAvailable === held.has(slot.id)) {
      problems.push(
        `slot ${slot.slotNumber}: is_available ${slot.isAvailable}, held ${held.has(slot.id)}`,
      );
    }
  }
  expect(problems).toEqual([]);
}
