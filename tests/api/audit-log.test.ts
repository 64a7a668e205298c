// GET /api/audit-log (an extension of the contract, docs/audit-log.md): staff read what
// staff did; drivers get 403 and anonymous callers 401; no route writes it, and the
// database the server runs on (SQLite, or PostgreSQL in CI) refuses to change an entry.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Client, registerDriver } from "./client";
import { scalar, writeAsAnotherConnection } from "./db";
import { endAsStaff, reserveFreeSlot, staff } from "./fixtures";
import { newSlot } from "./booking-fixtures";
import { expectError, expectOk, expectUtcIso, ReserveBody } from "./schemas";

const State = z.record(z.string(), z.unknown()).nullable();
const AuditEntry = z.object({
  id: z.int().positive(),
  action: z.enum([
    "wallet_top_up",
    "slot_create",
    "slot_update",
    "pricing_rules_update",
    "reservation_end",
    "reservation_cancel",
    "reservation_extend",
  ]),
  actor: z.object({ id: z.int().positive(), username: z.string() }),
  targetType: z.string(),
  targetId: z.int().positive().nullable(),
  targetLabel: z.string().min(1),
  before: State,
  after: State,
  createdAt: z.string(),
});
const AuditLogBody = z.object({ entries: z.array(AuditEntry), total: z.int().nonnegative() });

async function auditLog(client: Client, query: string) {
  return expectOk(await client.get(`/api/audit-log?${query}`), 200, AuditLogBody);
}

describe("GET /api/audit-log", () => {
  it("shows staff a top-up for another user and a slot change, newest first", async () => {
    const admin = await staff();
    const driver = await registerDriver();
    const started = Date.now();
    expectOk(
      await admin.post("/api/add-balance", { amountCents: 1_234, userId: driver.user!.id }),
      200,
      z.object({ walletBalanceCents: z.literal(1_234) }).passthrough(),
    );
    const topUps = await auditLog(
      admin,
      `action=wallet_top_up&targetType=user&targetId=${driver.user!.id}`,
    );
    expect(topUps.total).toBe(1);
    const [entry] = topUps.entries;
    expect(entry).toMatchObject({
      actor: { id: admin.user!.id, username: "staff" },
      targetLabel: driver.user!.username,
      before: { walletBalanceCents: 0 },
      after: { walletBalanceCents: 1_234, amountCents: 1_234 },
    });
    expectUtcIso(entry!.createdAt);
    expect(Date.parse(entry!.createdAt)).toBeGreaterThanOrEqual(started - 1_000);

    const slot = await newSlot({ pricePerHourCents: 410 });
    expectOk(
      await admin.request("PATCH", `/api/slots/${slot.id}`, {
        json: { pricePerHourCents: 460, outOfService: true },
      }),
      200,
      z.object({ slot: z.object({ id: z.literal(slot.id) }).passthrough() }),
    );
    const slotLog = await auditLog(admin, `targetType=slot&targetId=${slot.id}`);
    expect(slotLog.entries.map((e) => e.action)).toEqual(["slot_update", "slot_create"]);
    expect(slotLog.entries[0]).toMatchObject({
      before: { pricePerHourCents: 410, outOfService: false },
      after: { pricePerHourCents: 460, outOfService: true },
      targetLabel: `slot ${slot.slotNumber}`,
    });

    const page = await auditLog(admin, "limit=1&offset=0");
    expect(page.entries).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.entries[0]!.id).toBe(slotLog.entries[0]!.id);
  });

  it("shows staff extending a driver's reservation, and not the driver extending it", async () => {
    const admin = await staff();
    const driver = await registerDriver(10_000);
    const { reservation } = await reserveFreeSlot(driver);
    const extend = async (client: Client) =>
      expectOk(
        await client.post(`/api/reservations/${reservation.id}/extend`, { hours: 1 }),
        200,
        ReserveBody,
      );
    await extend(driver);
    const byStaff = await extend(admin);
    const log = await auditLog(admin, `targetType=reservation&targetId=${reservation.id}`);
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({
      action: "reservation_extend",
      actor: { id: admin.user!.id, username: "staff" },
      targetLabel: `reservation ${reservation.id}`,
      before: { userId: driver.user!.id, durationHours: 2 },
      after: {
        endTime: byStaff.reservation.endTime,
        durationHours: 3,
        totalAmountCents: byStaff.reservation.totalAmountCents,
        amountCents: byStaff.payment.amountCents,
      },
    });
    await endAsStaff(reservation.id);
  });

  it("refuses drivers (403) and anonymous callers (401)", async () => {
    const driver = await registerDriver();
    expectError(await driver.get("/api/audit-log"), { status: 403, code: "FORBIDDEN" });
    expectError(await new Client().get("/api/audit-log"), {
      status: 401,
      code: "UNAUTHENTICATED",
    });
  });

  it.each([
    ["action=delete_everything", "action"],
    ["targetType=moon", "targetType"],
    ["actorId=0", "actorId"],
    ["targetId=abc", "targetId"],
    ["targetId=2147483648", "targetId"],
    ["from=yesterday", "from"],
    ["limit=0", "limit"],
    ["limit=501", "limit"],
    ["offset=-1", "offset"],
    ["action=slot_update&action=slot_create", "action"],
  ])("answers 400 VALIDATION_ERROR for %s", async (query, field) => {
    const admin = await staff();
    expectError(await admin.get(`/api/audit-log?${query}`), {
      status: 400,
      code: "VALIDATION_ERROR",
      field,
    });
  });

  it("has no route that changes or deletes entries", async () => {
    const admin = await staff();
    const before = await scalar("SELECT COUNT(*) FROM audit_log");
    const [last] = (await auditLog(admin, "limit=1")).entries;
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      for (const path of ["/api/audit-log", `/api/audit-log/${last!.id}`]) {
        const response = await admin.request(method, path, { json: { after: {} } });
        expect([404, 405], `${method} ${path}`).toContain(response.status);
      }
    }
    expect(await scalar("SELECT COUNT(*) FROM audit_log")).toBe(before);
    expect((await auditLog(admin, "limit=1")).entries[0]).toEqual(last);
  });

  it("the server's database refuses UPDATE and DELETE of an entry", async () => {
    const admin = await staff();
    const [last] = (await auditLog(admin, "limit=1")).entries;
    await expect(
      writeAsAnotherConnection("UPDATE audit_log SET after = '{}' WHERE id = ?", last!.id),
    ).rejects.toThrow(/audit log entries cannot be/);
    await expect(
      writeAsAnotherConnection("DELETE FROM audit_log WHERE id = ?", last!.id),
    ).rejects.toThrow(/audit log entries cannot be/);
    expect((await auditLog(admin, "limit=1")).entries[0]).toEqual(last);
  });
});
