// Idempotency-Key on POST /api/reserve: a retry returns the first result and charges once,
// also when the retries arrive in parallel.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { registerDriver, type Client } from "./client";
import { expectInvariants, rows, scalar, snapshot, walletBalance } from "./db";
import { baselineSnapshot, freeSlot, freeSlots, reserve, staff } from "./fixtures";
import { expectError, expectOk, ReserveBody } from "./schemas";

function reservationsWithKey(userId: number, key: string): Promise<number> {
  return scalar(
    "SELECT COUNT(*) FROM reservations WHERE user_id = ? AND idempotency_key = ?",
    userId,
    key,
  );
}

function chargesOf(userId: number): Promise<number> {
  return scalar(
    "SELECT COUNT(*) FROM wallet_transactions WHERE user_id = ? AND kind = 'charge'",
    userId,
  );
}

const id = (client: Client) => client.user!.id;

describe("Idempotency-Key on POST /api/reserve", () => {
  it("returns the first result on a retry and charges once", async () => {
    const driver = await registerDriver(10_000);
    const slot = await freeSlot((s) => s.pricePerHourCents * 2 <= 10_000);
    const key = randomUUID();
    const first = expectOk(
      await reserve(driver, { slotId: slot.id, durationHours: 2 }, key),
      201,
      ReserveBody,
    );
    const afterFirst = await baselineSnapshot();
    for (let i = 0; i < 3; i++) {
      const retry = expectOk(
        await reserve(driver, { slotId: slot.id, durationHours: 2 }, key),
        201,
        ReserveBody,
      );
      expect(retry.reservation.id).toBe(first.reservation.id);
      expect(retry.payment).toEqual(first.payment);
      expect(retry.reservation).toEqual(first.reservation);
      expect(retry.walletBalanceCents).toBe(first.walletBalanceCents);
    }
    expect(await snapshot()).toEqual(afterFirst);
    expect(await walletBalance(id(driver))).toBe(10_000 - 2 * slot.pricePerHourCents);
    expect(await chargesOf(id(driver))).toBe(1);
    expect(await reservationsWithKey(id(driver), key)).toBe(1);
  });

  it("answers 409 CONFLICT when the same key comes with a different body", async () => {
    const driver = await registerDriver(20_000);
    const [slot, otherSlot] = await freeSlots(2, (s) => s.pricePerHourCents * 2 <= 10_000);
    const key = randomUUID();
    expectOk(await reserve(driver, { slotId: slot!.id, durationHours: 1 }, key), 201, ReserveBody);
    const before = await baselineSnapshot();
    expectError(await reserve(driver, { slotId: otherSlot!.id, durationHours: 1 }, key), {
      status: 409,
      code: "CONFLICT",
    });
    expectError(await reserve(driver, { slotId: slot!.id, durationHours: 2 }, key), {
      status: 409,
      code: "CONFLICT",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("scopes keys to the user: another user's same key makes their own reservation", async () => {
    const [one, two] = [await registerDriver(10_000), await registerDriver(10_000)];
    const [slotA, slotB] = await freeSlots(2, (s) => s.pricePerHourCents <= 10_000);
    const key = `shared-${randomUUID()}`;
    const first = expectOk(
      await reserve(one, { slotId: slotA!.id, durationHours: 1 }, key),
      201,
      ReserveBody,
    );
    const second = expectOk(
      await reserve(two, { slotId: slotB!.id, durationHours: 1 }, key),
      201,
      ReserveBody,
    );
    expect(second.reservation.id).not.toBe(first.reservation.id);
    expect(second.reservation.userId).toBe(id(two));
    expect(await chargesOf(id(one))).toBe(1);
    expect(await chargesOf(id(two))).toBe(1);
  });

  it("a request without a key is not deduplicated", async () => {
    const driver = await registerDriver(10_000);
    const [slotA, slotB] = await freeSlots(2, (s) => s.pricePerHourCents <= 5_000);
    const a = expectOk(
      await reserve(driver, { slotId: slotA!.id, durationHours: 1 }),
      201,
      ReserveBody,
    );
    const b = expectOk(
      await reserve(driver, { slotId: slotB!.id, durationHours: 1 }),
      201,
      ReserveBody,
    );
    expect(a.reservation.id).not.toBe(b.reservation.id);
    expect(await chargesOf(id(driver))).toBe(2);
  });

  it.each([
    ["empty", ""],
    ["with a space inside", "abc def"],
    ["256 characters long", "k".repeat(256)],
    ["10000 characters long", "k".repeat(10_000)],
    ["not ASCII", "clé-é"],
    ["with a tab inside", "abc\tdef"],
  ])("rejects a key that is %s with 400 and changes nothing", async (_name, key) => {
    const driver = await registerDriver(10_000);
    const slot = await freeSlot((s) => s.pricePerHourCents <= 10_000);
    const before = await baselineSnapshot();
    const response = await reserve(driver, { slotId: slot.id, durationHours: 1 }, key);
    expectError(response, { status: 400, code: "VALIDATION_ERROR" });
    expect(await snapshot()).toEqual(before);
  });

  it("accepts a key of 255 printable characters", async () => {
    const driver = await registerDriver(10_000);
    const slot = await freeSlot((s) => s.pricePerHourCents <= 10_000);
    const key = `${randomUUID()}!~`.padEnd(255, "#");
    const first = expectOk(
      await reserve(driver, { slotId: slot.id, durationHours: 1 }, key),
      201,
      ReserveBody,
    );
    const again = expectOk(
      await reserve(driver, { slotId: slot.id, durationHours: 1 }, key),
      201,
      ReserveBody,
    );
    expect(again.reservation.id).toBe(first.reservation.id);
  });

  it("20 parallel requests with one key make one reservation and one charge", async () => {
    const driver = await registerDriver(10_000);
    const slot = await freeSlot((s) => s.pricePerHourCents <= 10_000);
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => reserve(driver, { slotId: slot.id, durationHours: 1 }, key)),
    );
    const bodies = responses.map((r) => expectOk(r, 201, ReserveBody));
    const ids = new Set(bodies.map((b) => b.reservation.id));
    expect(ids.size).toBe(1);
    expect(new Set(bodies.map((b) => b.payment.transactionId)).size).toBe(1);
    expect(await reservationsWithKey(id(driver), key)).toBe(1);
    expect(await chargesOf(id(driver))).toBe(1);
    expect(await scalar("SELECT COUNT(*) FROM payments WHERE user_id = ?", id(driver))).toBe(1);
    expect(await walletBalance(id(driver))).toBe(10_000 - slot.pricePerHourCents);
    expect(bodies.every((b) => b.walletBalanceCents === 10_000 - slot.pricePerHourCents)).toBe(
      true,
    );
    await expectInvariants();
  });

  it("a key used by staff for a driver belongs to that driver's reservation", async () => {
    const admin = await staff();
    const driver = await registerDriver(10_000);
    const slot = await freeSlot((s) => s.pricePerHourCents <= 10_000);
    const key = randomUUID();
    const body = { slotId: slot.id, durationHours: 1, userId: id(driver) };
    const first = expectOk(await reserve(admin, body, key), 201, ReserveBody);
    const again = expectOk(await reserve(admin, body, key), 201, ReserveBody);
    expect(again.reservation.id).toBe(first.reservation.id);
    expect(await chargesOf(id(driver))).toBe(1);
    expect(
      await rows("SELECT user_id FROM reservations WHERE id = ?", first.reservation.id),
    ).toEqual([{ user_id: id(driver) }]);
  });
});
