// Idempotency-Key on POST /api/reservations/{id}/extend, by the same rules as on reserve: a
// retry with the same key and body answers the first result and extends (and charges) once,
// also when the retries arrive in parallel; the same key with another body is 409 CONFLICT.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { registerDriver, type ApiResponse, type Client } from "./client";
import { expectInvariants, scalar, snapshot, walletBalance } from "./db";
import {
  baselineSnapshot,
  endAsStaff,
  freeSlots,
  reserve,
  reserveFreeSlot,
  staff,
} from "./fixtures";
import { expectError, expectOk, ReserveBody } from "./schemas";

function extend(
  client: Client,
  reservationId: number,
  body: { hours: number; expectedTotalCents?: number },
  idempotencyKey?: string,
): Promise<ApiResponse> {
  return client.post(
    `/api/reservations/${reservationId}/extend`,
    body,
    idempotencyKey === undefined ? {} : { headers: { "idempotency-key": idempotencyKey } },
  );
}

function extensionsOf(reservationId: number): Promise<number> {
  return scalar(
    "SELECT COUNT(*) FROM wallet_transactions WHERE reservation_id = ? AND kind = 'extension'",
    reservationId,
  );
}

const id = (client: Client) => client.user!.id;

describe("Idempotency-Key on POST /api/reservations/{id}/extend", () => {
  it("answers the first result on a retry and extends once", async () => {
    const driver = await registerDriver(10_000);
    const { reservation } = await reserveFreeSlot(driver);
    const key = randomUUID();
    const first = expectOk(
      await extend(driver, reservation.id, { hours: 1 }, key),
      200,
      ReserveBody,
    );
    expect(first.reservation.durationHours).toBe(2);
    const afterFirst = await baselineSnapshot();
    for (let i = 0; i < 3; i++) {
      const retry = expectOk(
        await extend(driver, reservation.id, { hours: 1 }, key),
        200,
        ReserveBody,
      );
      expect(retry).toEqual(first);
    }
    expect(await snapshot()).toEqual(afterFirst);
    expect(await extensionsOf(reservation.id)).toBe(1);
    expect(await walletBalance(id(driver))).toBe(first.walletBalanceCents);
    await expectInvariants();
    await endAsStaff(reservation.id);
  });

  it("answers 409 CONFLICT to the same key with another body, or used to reserve", async () => {
    const driver = await registerDriver(20_000);
    const { reservation } = await reserveFreeSlot(driver);
    const other = await reserveFreeSlot(driver);
    const key = randomUUID();
    expectOk(await extend(driver, reservation.id, { hours: 1 }, key), 200, ReserveBody);
    const [keyedSlot, freeOne] = await freeSlots(2);
    const reserveKey = randomUUID();
    const keyed = expectOk(
      await reserve(driver, { slotId: keyedSlot!.id, durationHours: 1 }, reserveKey),
      201,
      ReserveBody,
    );
    const before = await baselineSnapshot();
    const conflicts: [string, ApiResponse][] = [
      ["more hours", await extend(driver, reservation.id, { hours: 2 }, key)],
      ["a price", await extend(driver, reservation.id, { hours: 1, expectedTotalCents: 1 }, key)],
      ["another reservation", await extend(driver, other.reservation.id, { hours: 1 }, key)],
      ["a reserve's key", await extend(driver, reservation.id, { hours: 1 }, reserveKey)],
      [
        "an extend's key on reserve",
        await reserve(driver, { slotId: freeOne!.id, durationHours: 1 }, key),
      ],
    ];
    for (const [name, response] of conflicts) {
      expect(response.status, name).toBe(409);
      expectError(response, { status: 409, code: "CONFLICT" });
    }
    expect(await snapshot()).toEqual(before);
    expect(await extensionsOf(other.reservation.id)).toBe(0);
    for (const r of [reservation, other.reservation, keyed.reservation]) await endAsStaff(r.id);
  });

  it.each([
    ["empty", ""],
    ["with a space inside", "abc def"],
    ["256 characters long", "k".repeat(256)],
    ["not ASCII", "clé-é"],
  ])("rejects a key that is %s with 400 and changes nothing", async (_name, key) => {
    const driver = await registerDriver(10_000);
    const { reservation } = await reserveFreeSlot(driver);
    const before = await baselineSnapshot();
    expectError(await extend(driver, reservation.id, { hours: 1 }, key), {
      status: 400,
      code: "VALIDATION_ERROR",
    });
    expect(await snapshot()).toEqual(before);
    await endAsStaff(reservation.id);
  });

  it("10 parallel extends with one key extend once and charge once", async () => {
    const driver = await registerDriver(10_000);
    const { reservation } = await reserveFreeSlot(driver);
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => extend(driver, reservation.id, { hours: 1 }, key)),
    );
    const bodies = responses.map((r) => expectOk(r, 200, ReserveBody));
    expect(new Set(bodies.map((b) => b.payment.transactionId)).size).toBe(1);
    expect(new Set(bodies.map((b) => b.walletBalanceCents)).size).toBe(1);
    expect(bodies.every((b) => b.reservation.durationHours === 2)).toBe(true);
    expect(await extensionsOf(reservation.id)).toBe(1);
    expect(
      await scalar("SELECT duration_hours FROM reservations WHERE id = ?", reservation.id),
    ).toBe(2);
    expect(await walletBalance(id(driver))).toBe(bodies[0]!.walletBalanceCents);
    await expectInvariants();
    await endAsStaff(reservation.id);
  });

  it("a key staff use for a driver's reservation is the driver's", async () => {
    const admin = await staff();
    const driver = await registerDriver(10_000);
    const { reservation } = await reserveFreeSlot(driver);
    const key = randomUUID();
    const first = expectOk(
      await extend(admin, reservation.id, { hours: 1 }, key),
      200,
      ReserveBody,
    );
    const again = expectOk(
      await extend(driver, reservation.id, { hours: 1 }, key),
      200,
      ReserveBody,
    );
    expect(again).toEqual(first);
    expect(await extensionsOf(reservation.id)).toBe(1);
    await endAsStaff(reservation.id);
  });
});
