// The audit log of staff actions: each audited action writes exactly one entry (who, what,
// when, before and after) in its own transaction; a refused or failed action writes none;
// actions that are not staff overrides write none; entries cannot be changed or deleted.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listAuditLog } from "@/lib/audit/queries";
import { setPricingRules } from "@/lib/pricing/service";
import { cancelReservation, endReservation, reserveSlot } from "@/lib/reservations/service";
import { extendReservation } from "@/lib/reservations/extend";
import { createSlot as createSlotAsStaff, updateSlot } from "@/lib/slots/service";
import { DEFAULT_PRICING_RULES } from "@/lib/validation/pricing";
import { topUpWallet } from "@/lib/wallet/service";
import {
  HOUR_MS,
  createDriver,
  createSlot,
  createStaff,
  expectAppError,
  TEST_LOCATION_ID,
  unique,
} from "../builders";

const T0 = new Date("2032-03-04T10:00:00.000Z");
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);

/** Entries written since `afterId`, oldest first, with their JSON parsed. */
async function entriesSince(afterId: number) {
  const rows = await db.auditLogEntry.findMany({
    where: { id: { gt: afterId } },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => ({
    ...row,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
  }));
}

async function lastEntryId(): Promise<number> {
  const last = await db.auditLogEntry.findFirst({ orderBy: { id: "desc" } });
  return last?.id ?? 0;
}

/** Runs `action` and returns the entries it wrote (also when it failed). */
async function auditedBy(action: () => Promise<unknown>) {
  const mark = await lastEntryId();
  const outcome = await action().then(
    () => undefined,
    (error: unknown) => error,
  );
  return { entries: await entriesSince(mark), error: outcome };
}

describe("wallet top-ups", () => {
  it("staff topping up another user's wallet writes who, what, when, before and after", async () => {
    const staff = await createStaff();
    const driver = await createDriver({ balanceCents: 700 });
    const { entries } = await auditedBy(() =>
      topUpWallet(staff, { amountCents: 2_500, userId: driver.id }, T0),
    );
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: staff.id,
        action: "wallet_top_up",
        targetType: "user",
        targetId: driver.id,
        before: { walletBalanceCents: 700 },
        after: { walletBalanceCents: 3_200, amountCents: 2_500 },
        createdAt: T0,
      }),
    ]);
  });

  it("a driver's own top-up and staff's own top-up are not audited", async () => {
    const staff = await createStaff();
    const driver = await createDriver();
    const own = await auditedBy(() => topUpWallet(driver, { amountCents: 100 }, T0));
    const staffOwn = await auditedBy(() =>
      topUpWallet(staff, { amountCents: 100, userId: staff.id }, T0),
    );
    expect(own.entries).toEqual([]);
    expect(staffOwn.entries).toEqual([]);
  });

  it("a refused top-up for another user (unknown user, bad amount) writes none", async () => {
    const staff = await createStaff();
    const driver = await createDriver();
    const unknown = await auditedBy(() =>
      topUpWallet(staff, { amountCents: 100, userId: 999_999 }, T0),
    );
    expect(unknown.entries).toEqual([]);
    await expectAppError(Promise.reject(unknown.error), "NOT_FOUND");
    const tooMuch = await auditedBy(() =>
      topUpWallet(staff, { amountCents: 100_001, userId: driver.id }, T0),
    );
    expect(tooMuch.entries).toEqual([]);
    await expectAppError(Promise.reject(tooMuch.error), "VALIDATION_ERROR");
  });
});

describe("slots", () => {
  it("creating a slot writes its settings as `after`, with no `before`", async () => {
    const staff = await createStaff();
    const slotNumber = `7-Q-${unique()}`;
    let slotId = 0;
    const { entries } = await auditedBy(async () => {
      slotId = (
        await createSlotAsStaff(
          staff,
          { slotNumber, floor: 7, zone: "Q", type: "electric", pricePerHourCents: 450 },
          T0,
        )
      ).id;
    });
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: staff.id,
        action: "slot_create",
        targetType: "slot",
        targetId: slotId,
        before: null,
        after: {
          slotNumber,
          floor: 7,
          zone: "Q",
          type: "electric",
          pricePerHourCents: 450,
          outOfService: false,
          outOfServiceReason: null,
        },
        createdAt: T0,
      }),
    ]);
  });

  it("a refused slot creation (number taken, driver) writes none", async () => {
    const staff = await createStaff();
    const driver = await createDriver();
    const existing = await createSlot();
    const input = {
      slotNumber: existing.slotNumber,
      floor: 1,
      zone: "A",
      type: "regular" as const,
      pricePerHourCents: 300,
    };
    const taken = await auditedBy(() => createSlotAsStaff(staff, input, T0));
    await expectAppError(Promise.reject(taken.error), "CONFLICT");
    expect(taken.entries).toEqual([]);
    const byDriver = await auditedBy(() =>
      createSlotAsStaff(driver, { ...input, slotNumber: `8-Z-${unique()}` }, T0),
    );
    await expectAppError(Promise.reject(byDriver.error), "FORBIDDEN");
    expect(byDriver.entries).toEqual([]);
  });

  it("an action whose entry cannot be written does not happen (one transaction)", async () => {
    // A staff actor whose user row does not exist: the entry's foreign key fails, and the
    // slot created before it in the same transaction must be rolled back with it.
    const ghost = { id: 987_654, role: "staff" as const };
    const slotNumber = `6-G-${unique()}`;
    const { entries, error } = await auditedBy(() =>
      createSlotAsStaff(
        ghost,
        { slotNumber, floor: 6, zone: "G", type: "regular", pricePerHourCents: 300 },
        T0,
      ),
    );
    expect(error).toBeDefined();
    expect(entries).toEqual([]);
    expect(await db.parkingSlot.findFirst({ where: { slotNumber } })).toBeNull();
  });

  it("changing a slot writes its settings before and after", async () => {
    const staff = await createStaff();
    const slot = await createSlot({ pricePerHourCents: 300, zone: "C", type: "regular" });
    const { entries } = await auditedBy(() =>
      updateSlot(
        staff,
        slot.id,
        { pricePerHourCents: 520, outOfService: true, reason: "Resurfacing" },
        T0,
      ),
    );
    const unchanged = {
      slotNumber: slot.slotNumber,
      floor: slot.floorNumber,
      zone: "C",
      type: "regular",
    };
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: staff.id,
        action: "slot_update",
        targetType: "slot",
        targetId: slot.id,
        before: {
          ...unchanged,
          pricePerHourCents: 300,
          outOfService: false,
          outOfServiceReason: null,
        },
        after: {
          ...unchanged,
          pricePerHourCents: 520,
          outOfService: true,
          outOfServiceReason: "Resurfacing",
        },
        createdAt: T0,
      }),
    ]);
  });

  it("a refused slot change (unknown slot, driver) writes none", async () => {
    const staff = await createStaff();
    const driver = await createDriver();
    const slot = await createSlot();
    const unknown = await auditedBy(() => updateSlot(staff, 999_999, { zone: "X" }, T0));
    await expectAppError(Promise.reject(unknown.error), "NOT_FOUND");
    expect(unknown.entries).toEqual([]);
    const byDriver = await auditedBy(() => updateSlot(driver, slot.id, { zone: "X" }, T0));
    await expectAppError(Promise.reject(byDriver.error), "FORBIDDEN");
    expect(byDriver.entries).toEqual([]);
  });
});

describe("pricing rules", () => {
  it("each change writes the rules before and after (none before the first)", async () => {
    const staff = await createStaff();
    await db.pricingSettings.deleteMany();
    const first = { ...DEFAULT_PRICING_RULES, enabled: true };
    const second = { ...first, minMultiplier: 0.8 };
    const { entries } = await auditedBy(async () => {
      await setPricingRules(staff, first, T0);
      await setPricingRules(staff, second, at(HOUR_MS));
    });
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: staff.id,
        action: "pricing_rules_update",
        targetType: "pricing_rules",
        // The rules are a location's: the entry names it.
        targetId: TEST_LOCATION_ID,
        before: null,
        after: first,
        createdAt: T0,
      }),
      expect.objectContaining({ before: first, after: second, createdAt: at(HOUR_MS) }),
    ]);
  });

  it("refused rules (invalid, driver) write none", async () => {
    const staff = await createStaff();
    const driver = await createDriver();
    const invalid = await auditedBy(() =>
      setPricingRules(staff, { ...DEFAULT_PRICING_RULES, minMultiplier: 50 }, T0),
    );
    expect(invalid.error).toBeDefined();
    expect(invalid.entries).toEqual([]);
    const byDriver = await auditedBy(() => setPricingRules(driver, DEFAULT_PRICING_RULES, T0));
    await expectAppError(Promise.reject(byDriver.error), "FORBIDDEN");
    expect(byDriver.entries).toEqual([]);
  });
});

describe("manual overrides of reservations", () => {
  async function booked(startOffsetMs: number) {
    const driver = await createDriver({ balanceCents: 10_000 });
    const slot = await createSlot({ pricePerHourCents: 400 });
    const { reservation } = await reserveSlot(
      driver,
      {
        slotId: slot.id,
        durationHours: 2,
        ...(startOffsetMs > 0 && { startTime: at(startOffsetMs) }),
      },
      T0,
    );
    return { driver, reservation };
  }

  it("staff ending another user's reservation writes the override", async () => {
    const staff = await createStaff();
    const { driver, reservation } = await booked(0);
    const endedAt = at(30 * 60_000);
    const { entries } = await auditedBy(() => endReservation(staff, reservation.id, endedAt));
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: staff.id,
        action: "reservation_end",
        targetType: "reservation",
        targetId: reservation.id,
        before: { userId: driver.id, status: "active", endTime: reservation.endTime },
        after: { status: "completed", endTime: endedAt.toISOString() },
        createdAt: endedAt,
      }),
    ]);
    // Ending it again is refused and writes nothing more.
    const again = await auditedBy(() => endReservation(staff, reservation.id, at(HOUR_MS)));
    await expectAppError(Promise.reject(again.error), "RESERVATION_NOT_ACTIVE");
    expect(again.entries).toEqual([]);
  });

  it("staff cancelling another user's upcoming reservation writes the override", async () => {
    const staff = await createStaff();
    const { driver, reservation } = await booked(3 * HOUR_MS);
    const { entries } = await auditedBy(() => cancelReservation(staff, reservation.id, T0));
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: staff.id,
        action: "reservation_cancel",
        targetType: "reservation",
        targetId: reservation.id,
        before: { userId: driver.id, status: "upcoming", paymentStatus: "completed" },
        after: { status: "cancelled", paymentStatus: "refunded", refundCents: 800 },
        createdAt: T0,
      }),
    ]);
    const again = await auditedBy(() => cancelReservation(staff, reservation.id, T0));
    await expectAppError(Promise.reject(again.error), "RESERVATION_NOT_ACTIVE");
    expect(again.entries).toEqual([]);
  });

  it("staff extending another user's reservation writes the override, once per extension", async () => {
    const staff = await createStaff();
    const { driver, reservation } = await booked(0);
    const now = at(10 * 60_000);
    const extend = () =>
      extendReservation(staff, reservation.id, { hours: 1, idempotencyKey: `x-${unique()}` }, now);
    const { entries } = await auditedBy(extend);
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: staff.id,
        action: "reservation_extend",
        targetType: "reservation",
        targetId: reservation.id,
        before: {
          userId: driver.id,
          endTime: reservation.endTime,
          durationHours: 2,
          totalAmountCents: 800,
        },
        after: {
          endTime: at(3 * HOUR_MS).toISOString(),
          durationHours: 3,
          totalAmountCents: 1200,
          amountCents: 400,
        },
        createdAt: now,
      }),
    ]);
    // A replay of the same request extends nothing and writes nothing; a refusal neither.
    const key = `x-${unique()}`;
    const first = await auditedBy(() =>
      extendReservation(staff, reservation.id, { hours: 1, idempotencyKey: key }, now),
    );
    expect(first.entries).toHaveLength(1);
    const replay = await auditedBy(() =>
      extendReservation(staff, reservation.id, { hours: 1, idempotencyKey: key }, now),
    );
    expect(replay.error).toBeUndefined();
    expect(replay.entries).toEqual([]);
    const refused = await auditedBy(() =>
      extendReservation(staff, reservation.id, { hours: 1, expectedTotalCents: 1 }, now),
    );
    await expectAppError(Promise.reject(refused.error), "PRICE_CHANGED");
    expect(refused.entries).toEqual([]);
  });

  it("a driver extending their own writes none", async () => {
    const { driver, reservation } = await booked(0);
    const own = await auditedBy(() =>
      extendReservation(driver, reservation.id, { hours: 1 }, at(60_000)),
    );
    expect(own.error).toBeUndefined();
    expect(own.entries).toEqual([]);
  });

  it("a driver ending or cancelling their own writes none", async () => {
    const running = await booked(0);
    const upcoming = await booked(3 * HOUR_MS);
    const ended = await auditedBy(() =>
      endReservation(running.driver, running.reservation.id, at(60_000)),
    );
    const cancelled = await auditedBy(() =>
      cancelReservation(upcoming.driver, upcoming.reservation.id, T0),
    );
    expect(ended.error).toBeUndefined();
    expect(cancelled.error).toBeUndefined();
    expect([...ended.entries, ...cancelled.entries]).toEqual([]);
  });
});

describe("entries cannot be changed or deleted", () => {
  it("the database refuses UPDATE and DELETE on the audit log", async () => {
    const staff = await createStaff();
    const driver = await createDriver();
    await topUpWallet(staff, { amountCents: 100, userId: driver.id }, T0);
    const entry = await db.auditLogEntry.findFirstOrThrow({ orderBy: { id: "desc" } });
    await expect(
      db.$executeRaw`UPDATE audit_log SET after = '{}' WHERE id = ${entry.id}`,
    ).rejects.toThrow(/audit log entries cannot be changed/);
    await expect(db.$executeRaw`DELETE FROM audit_log WHERE id = ${entry.id}`).rejects.toThrow(
      /audit log entries cannot be deleted/,
    );
    await expect(db.auditLogEntry.deleteMany()).rejects.toThrow();
    expect(await db.auditLogEntry.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
  });
});

describe("listAuditLog", () => {
  it("lists newest first with the actor's username, filters and pages; staff only", async () => {
    const staff = await createStaff();
    const other = await createStaff();
    const driver = await createDriver();
    await topUpWallet(staff, { amountCents: 100, userId: driver.id }, T0);
    const slot = await createSlot();
    await updateSlot(staff, slot.id, { zone: "N" }, at(1_000));
    await topUpWallet(other, { amountCents: 200, userId: driver.id }, at(2_000));

    const mine = await listAuditLog(staff, { actorId: staff.id, limit: 50, offset: 0 });
    expect(mine.total).toBe(2);
    expect(mine.entries.map((e) => e.action)).toEqual(["slot_update", "wallet_top_up"]);
    expect(mine.entries[0]).toMatchObject({
      actor: { id: staff.id, username: staff.username },
      targetType: "slot",
      targetId: slot.id,
      before: { zone: slot.zone },
      after: { zone: "N" },
      createdAt: at(1_000).toISOString(),
    });

    const topUps = await listAuditLog(staff, {
      action: "wallet_top_up",
      targetType: "user",
      targetId: driver.id,
      limit: 1,
      offset: 0,
    });
    expect(topUps.total).toBe(2);
    expect(topUps.entries).toHaveLength(1);
    expect(topUps.entries[0]?.actor.id).toBe(other.id);
    const secondPage = await listAuditLog(staff, {
      action: "wallet_top_up",
      targetType: "user",
      targetId: driver.id,
      limit: 1,
      offset: 1,
    });
    expect(secondPage.entries[0]?.actor.id).toBe(staff.id);

    const window = await listAuditLog(staff, {
      targetType: "user",
      targetId: driver.id,
      from: at(1_000),
      to: at(3_000),
      limit: 50,
      offset: 0,
    });
    expect(window.entries.map((e) => e.actor.id)).toEqual([other.id]);

    await expectAppError(listAuditLog(driver, { limit: 50, offset: 0 }), "FORBIDDEN");
  });
});
