// Load for the operations tests: drivers reserving (now and ahead, half with an
// Idempotency-Key), ending and cancelling their own, and topping up; one staff client
// topping up drivers and ending or cancelling their reservations. Every 2xx answer is
// remembered (what the database must hold from then on); a request whose connection broke
// has an unknown outcome and is forgotten, except a keyed reserve, which is retried with
// the same key once the server is back (its answer must be the first one's, if that one
// committed). The controller closes the gate while the server is down.
import { randomUUID } from "node:crypto";
import type { Client } from "../api/client";

export type ReserveAck = {
  reservationId: number;
  userId: number;
  slotId: number;
  totalAmountCents: number;
  paymentId: number;
  transactionId: string;
  idempotencyKey?: string;
};
export type EndAck = { reservationId: number; endTime: string; byStaff: boolean };
export type CancelAck = { reservationId: number; byStaff: boolean };
export type TopUpAck = {
  userId: number;
  amountCents: number;
  walletBalanceCents: number;
  byStaff: boolean;
};

/** Everything the clients were told succeeded. */
export type Acknowledged = {
  reserves: ReserveAck[];
  ends: EndAck[];
  cancels: CancelAck[];
  topUps: TopUpAck[];
};

/** A small seeded PRNG (mulberry32): each client's choices are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Body = Record<string, unknown>;
type Reservation = { id: number; userId: number; slotId: number; totalAmountCents: number };
type ReserveAnswer = {
  reservation: Reservation & { status: string };
  payment: { id: number; transactionId: string };
};

export class Load {
  readonly acknowledged: Acknowledged = { reserves: [], ends: [], cancels: [], topUps: [] };
  /** Answers by status ("network" for a broken connection). */
  readonly statuses = new Map<string, number>();
  inFlight = 0;
  private running = false;
  private gate: Promise<void> = Promise.resolve();
  private openGate: () => void = () => {};
  private loops: Promise<void>[] = [];
  /** Reservations each user is known to hold, by status, for ending and cancelling. */
  private readonly active = new Map<number, Set<number>>();
  private readonly upcoming = new Map<number, Set<number>>();
  private readonly pendingRetries: { client: Client; body: Body; key: string }[] = [];

  constructor(
    private readonly drivers: Client[],
    private readonly staff: Client,
    private readonly slotIds: number[],
  ) {}

  start(): void {
    this.running = true;
    this.loops = [
      ...this.drivers.map((client, i) => this.loop(client, prng(1000 + i), false)),
      this.loop(this.staff, prng(7), true),
    ];
  }

  /** No new request starts until open(); requests already sent go on. */
  close(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  open(): void {
    this.openGate();
  }

  /** Resolves once no request is in flight (after close(), requests stop starting). */
  async settled(): Promise<void> {
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 10));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.open();
    await Promise.all(this.loops);
  }

  count(status: string): number {
    return this.statuses.get(status) ?? 0;
  }

  private async send(client: Client, method: string, path: string, body?: Body, key?: string) {
    await this.gate;
    this.inFlight += 1;
    try {
      const response = await client.request(method, path, {
        ...(body !== undefined && { json: body }),
        ...(key !== undefined && { headers: { "idempotency-key": key } }),
      });
      this.statuses.set(String(response.status), this.count(String(response.status)) + 1);
      return response;
    } catch {
      this.statuses.set("network", this.count("network") + 1);
      return null;
    } finally {
      this.inFlight -= 1;
    }
  }

  private held(map: Map<number, Set<number>>, userId: number): Set<number> {
    let set = map.get(userId);
    if (!set) map.set(userId, (set = new Set()));
    return set;
  }

  private async reserve(client: Client, body: Body, key: string | undefined) {
    const response = await this.send(client, "POST", "/api/reserve", body, key);
    if (response === null) {
      if (key !== undefined) this.pendingRetries.push({ client, body, key });
      return;
    }
    if (response.status !== 201) return;
    const { reservation, payment } = response.body as ReserveAnswer;
    this.acknowledged.reserves.push({
      reservationId: reservation.id,
      userId: reservation.userId,
      slotId: reservation.slotId,
      totalAmountCents: reservation.totalAmountCents,
      paymentId: payment.id,
      transactionId: payment.transactionId,
      ...(key !== undefined && { idempotencyKey: key }),
    });
    const held = reservation.status === "upcoming" ? this.upcoming : this.active;
    this.held(held, reservation.userId).add(reservation.id);
  }

  private pick<T>(random: () => number, items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
  }

  private async end(client: Client, ownerId: number, reservationId: number, byStaff: boolean) {
    const response = await this.send(client, "POST", "/api/end-reservation", { reservationId });
    if (response === null) return;
    this.held(this.active, ownerId).delete(reservationId);
    if (response.status !== 200) return;
    const { reservation } = response.body as { reservation: { endTime: string } };
    this.acknowledged.ends.push({ reservationId, endTime: reservation.endTime, byStaff });
  }

  private async cancel(client: Client, ownerId: number, reservationId: number, byStaff: boolean) {
    const response = await this.send(client, "POST", `/api/reservations/${reservationId}/cancel`);
    if (response === null) return;
    this.held(this.upcoming, ownerId).delete(reservationId);
    if (response.status === 200) this.acknowledged.cancels.push({ reservationId, byStaff });
  }

  private async topUp(client: Client, userId: number, amountCents: number, byStaff: boolean) {
    const body = byStaff ? { amountCents, userId } : { amountCents };
    const response = await this.send(client, "POST", "/api/add-balance", body);
    if (response?.status !== 200) return;
    const { walletBalanceCents } = response.body as { walletBalanceCents: number };
    this.acknowledged.topUps.push({ userId, amountCents, walletBalanceCents, byStaff });
  }

  /** Keyed reserves whose connection broke, sent again with the same key. */
  private async retryPending(): Promise<void> {
    for (const retry of this.pendingRetries.splice(0)) {
      await this.reserve(retry.client, retry.body, retry.key);
    }
  }

  /** [owner, reservation] pairs of every driver's known reservations in `map`. */
  private everyones(map: Map<number, Set<number>>): [number, number][] {
    return [...map].flatMap(([owner, ids]) => [...ids].map((id): [number, number] => [owner, id]));
  }

  private async staffStep(client: Client, random: () => number): Promise<void> {
    const p = random();
    const running =
      p >= 0.4 && p < 0.8 ? this.pick(random, this.everyones(this.active)) : undefined;
    const ahead = p >= 0.8 ? this.pick(random, this.everyones(this.upcoming)) : undefined;
    if (running) await this.end(client, running[0], running[1], true);
    else if (ahead) await this.cancel(client, ahead[0], ahead[1], true);
    else {
      const owner = this.pick(random, this.drivers)!.user!.id;
      await this.topUp(client, owner, 100 + Math.floor(random() * 3_000), true);
    }
  }

  private async driverStep(client: Client, random: () => number): Promise<void> {
    const me = client.user!.id;
    const p = random();
    const running =
      p >= 0.5 && p < 0.65 ? this.pick(random, [...this.held(this.active, me)]) : undefined;
    const ahead =
      p >= 0.65 && p < 0.75 ? this.pick(random, [...this.held(this.upcoming, me)]) : undefined;
    if (running !== undefined) return this.end(client, me, running, false);
    if (ahead !== undefined) return this.cancel(client, me, ahead, false);
    if (p >= 0.75) return this.topUp(client, me, 100 + Math.floor(random() * 4_000), false);
    const slotId = this.pick(random, this.slotIds)!;
    const durationHours = 1 + Math.floor(random() * 3);
    const key = random() < 0.5 ? randomUUID() : undefined;
    if (p < 0.35 || p >= 0.5) return this.reserve(client, { slotId, durationHours }, key);
    // Ahead: 2..72 hours from now, on a whole minute.
    const offset = (2 + Math.floor(random() * 70)) * 3_600_000;
    const startTime = new Date(Math.ceil((Date.now() + offset) / 60_000) * 60_000).toISOString();
    return this.reserve(client, { slotId, durationHours, startTime }, key);
  }

  private async loop(client: Client, random: () => number, isStaff: boolean): Promise<void> {
    while (this.running) {
      await this.retryPending();
      // Every step sends a request (or waits at the gate), so no loop spins without I/O.
      if (isStaff) await this.staffStep(client, random);
      else await this.driverStep(client, random);
    }
  }
}
