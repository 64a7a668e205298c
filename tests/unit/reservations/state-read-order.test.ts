// The order of the booking state's reads matters on PostgreSQL, where each statement of a
// READ COMMITTED transaction sees what had committed when it began: the Idempotency-Key
// lookup must come after every read a refusal rests on, so that a reservation another
// server commits between two reads is seen by the lookup whenever those reads saw it, and a
// retry gets its replay instead of "slot taken" (the race: tests/api-pg/cross-process.test.ts,
// 40 requests with one key split between two servers).
import { expect, it } from "vitest";
import { db, type Tx } from "@/lib/db/client";
import { readBookingState } from "@/lib/reservations/state";
import type { ReserveRequest } from "@/lib/reservations/decide";
import { createDriver, createSlots } from "../builders";

it("reads the Idempotency-Key's reservations and extensions last, after the slot, window, wallet and price reads", async () => {
  const [slot] = await createSlots(1, { pricePerHourCents: 400 });
  const driver = await createDriver({ balanceCents: 2000 });
  const request: ReserveRequest = {
    kind: "reserve",
    ownerId: driver.id,
    slotId: slot!.id,
    durationHours: 1,
    startTime: undefined,
    expectedTotalCents: undefined,
    vehicleId: undefined,
    now: new Date("2032-06-01T08:00:00.000Z"),
    idempotency: { key: "read-order", fingerprint: "{}" },
  };
  const order: string[] = [];
  const recording = db.$extends({
    query: {
      $allOperations({ model, operation, args, query }) {
        const where = (args as { where?: Record<string, unknown> } | undefined)?.where;
        // The key's reservations, and its extensions (their payments).
        const keyLookup =
          (model === "Reservation" || model === "Payment") &&
          where !== undefined &&
          "idempotencyKey" in where;
        order.push(keyLookup ? "key lookup" : `${model ?? "raw"}.${operation}`);
        return query(args);
      },
    },
  });
  await recording.$transaction(async (tx) => {
    await readBookingState(tx as unknown as Tx, [request], null);
  });
  expect(order.length).toBeGreaterThan(4);
  expect(order.slice(-2), order.join(" → ")).toEqual(["key lookup", "key lookup"]);
  expect(order.filter((read) => read === "key lookup")).toHaveLength(2);
});
