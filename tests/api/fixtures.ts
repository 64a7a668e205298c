// Shared set-up for the API tests: a staff client, finding free slots (and freeing some
// when the seeded "running now" reservations hold too many), and reserving.
import { expect } from "vitest";
import { Client, login, type ApiResponse } from "./client";
import { nextClockTransition, snapshot } from "./db";
import {
  expectOk,
  ReservationBody,
  ReservationsBody,
  ReserveBody,
  SlotsBody,
  type Reservation,
  type Slot,
} from "./schemas";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

let staffClient: Promise<Client> | undefined;

/** The seeded staff user, signed in once per test file. */
export function staff(): Promise<Client> {
  staffClient ??= login("staff");
  return staffClient;
}

let adminClient: Promise<Client> | undefined;

/** The seeded admin (every garage), signed in once per test file. */
function admin(): Promise<Client> {
  adminClient ??= login("admin");
  return adminClient;
}

/** Every slot of the network, page by page (a page holds at most 500). */
export async function allSlots(): Promise<Slot[]> {
  const anyone = await staff();
  const slots: Slot[] = [];
  for (let total = Infinity; slots.length < total;) {
    const body = expectOk(
      await anyone.get(`/api/slots?available=all&limit=500&offset=${slots.length}`),
      200,
      SlotsBody,
    );
    if (body.slots.length === 0) break;
    slots.push(...body.slots);
    total = body.total;
  }
  expect(new Set(slots.map((s) => s.id)).size).toBe(slots.length);
  return slots;
}

export async function slotById(slotId: number): Promise<Slot> {
  const slot = (await allSlots()).find((s) => s.id === slotId);
  if (!slot) throw new Error(`slot ${slotId} not listed`);
  return slot;
}

/**
 * Every reservation in the network with `status`, page by page: an admin's list, as staff
 * see only their garages'.
 */
async function reservationsWith(status: "active" | "upcoming"): Promise<Reservation[]> {
  const anyone = await admin();
  const reservations: Reservation[] = [];
  for (let total = Infinity; reservations.length < total;) {
    const body = expectOk(
      await anyone.get(
        `/api/reservations?status=${status}&limit=500&offset=${reservations.length}`,
      ),
      200,
      ReservationsBody,
    );
    if (body.reservations.length === 0) break;
    reservations.push(...body.reservations);
    total = body.total;
  }
  return reservations;
}

/** The longest booking the API takes, in hours: a slot free this long suits any test. */
const LONGEST_BOOKING_HOURS = 24;

/**
 * `count` slots that are free to book from now for `hours` and match `accept`: free now and
 * not booked ahead within the window (the seed books slots 1–72 h ahead). When fewer are
 * free, the admin ends running reservations on matching slots (an ordinary API action), so the
 * tests do not depend on how busy the seed made "now".
 */
export async function freeSlots(
  count: number,
  accept: (slot: Slot) => boolean = () => true,
  hours = LONGEST_BOOKING_HOURS,
): Promise<Slot[]> {
  const slots = (await allSlots()).filter((s) => !s.outOfService && accept(s));
  if (slots.length < count) throw new Error(`only ${slots.length} in-service slots match`);
  const now = Date.now();
  const [running, upcoming] = await Promise.all([
    reservationsWith("active"),
    reservationsWith("upcoming"),
  ]);
  const bookedInWindow = new Set(
    [...running, ...upcoming]
      .filter((r) => Date.parse(r.startTime) < now + hours * HOUR_MS && Date.parse(r.endTime) > now)
      .map((r) => r.slotId),
  );
  const free = slots.filter((s) => s.isAvailable && !bookedInWindow.has(s.id));
  if (free.length < count) {
    const network = await admin();
    const held = new Set(slots.filter((s) => !s.isAvailable).map((s) => s.id));
    const toEnd = running.filter((r) => held.has(r.slotId));
    if (toEnd.length === 0) throw new Error("no running reservation to end on a matching slot");
    for (const reservation of toEnd.slice(0, count - free.length)) {
      expectOk(
        await network.post("/api/end-reservation", { reservationId: reservation.id }),
        200,
        ReservationBody,
      );
    }
    return freeSlots(count, accept, hours);
  }
  return free.slice(0, count);
}

export async function freeSlot(
  accept?: (slot: Slot) => boolean,
  hours = LONGEST_BOOKING_HOURS,
): Promise<Slot> {
  const [slot] = await freeSlots(1, accept, hours);
  return slot!;
}

export function reserve(
  client: Client,
  body: { slotId: number; durationHours: number; userId?: number },
  idempotencyKey?: string,
): Promise<ApiResponse> {
  return client.post(
    "/api/reserve",
    body,
    idempotencyKey === undefined ? {} : { headers: { "idempotency-key": idempotencyKey } },
  );
}

/** Reserves a free slot for `client` and returns the contract-checked result. */
export async function reserveFreeSlot(client: Client, durationHours = 1) {
  const slot = await freeSlot();
  return {
    slot,
    ...expectOk(await reserve(client, { slotId: slot.id, durationHours }), 201, ReserveBody),
  };
}

/** Ends a reservation as staff (cleanup that gives slots back for later tests). */
export async function endAsStaff(reservationId: number): Promise<ApiResponse> {
  return (await staff()).post("/api/end-reservation", { reservationId });
}

/** Within this long of a clock transition, a baseline waits for it first. */
const QUIET_MS = 3_000;
/** lib/reservations/expiry.ts sweeps at most once a second per process. */
const SWEEP_THROTTLE_MS = 1_000;

/**
 * A snapshot for a "this request changed nothing" check. The database also changes with the
 * clock (another test's booking starting or ending, swept by the next read), which is not the
 * request's doing: a transition due within QUIET_MS is waited out and swept first, so the
 * check measures the request alone and loses none of its strictness.
 */
export async function baselineSnapshot(): Promise<Awaited<ReturnType<typeof snapshot>>> {
  for (let round = 0; ; round++) {
    const next = await nextClockTransition();
    if (next === undefined || next > Date.now() + QUIET_MS) return snapshot();
    if (round === 20) throw new Error("baselineSnapshot: the clock never went quiet");
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, next - Date.now()) + SWEEP_THROTTLE_MS + 100),
    );
    // Any read of the slots sweeps before it looks (lib/slots/queries.ts).
    expectOk(await new Client().get("/api/slots?limit=1"), 200, SlotsBody);
  }
}
