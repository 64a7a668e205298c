// The bench network's garages and their simulated history (prisma/history.ts), run on a
// worker thread and streamed to the thread that writes it: the simulation, about a third of
// the load's time, runs on another core beside the inserts instead of between them. Rows
// cross as numbers in transferred Float64Arrays (cloning row objects costs about as much as
// simulating them), a bounded number of chunks ahead of the writer.
import { Worker, type MessagePort } from "node:worker_threads";
import {
  createRandom,
  RHYTHMS,
  simulateHistory,
  type HistoryLocation,
  type HistorySlot,
} from "@/prisma/history";

/**
 * The garages of a network, in order: the first is the one-garage benchmark's (UTC,
 * commuter rhythm); the others cycle through time zones and rhythms.
 */
const TIME_ZONES = [
  "UTC",
  "America/New_York",
  "Europe/London",
  "Asia/Tokyo",
  "Europe/Berlin",
  "America/Los_Angeles",
  "Australia/Sydney",
];
const NETWORK_RHYTHMS = [RHYTHMS.commuter, RHYTHMS.shopping, RHYTHMS.commuter, RHYTHMS.airport];

export function benchLocation(index: number) {
  const number = String(index + 1).padStart(2, "0");
  return {
    id: index + 1,
    slug: index === 0 ? "main" : `garage-${number}`,
    name: index === 0 ? "Main garage" : `Garage ${number}`,
    timeZone: TIME_ZONES[index % TIME_ZONES.length]!,
    rhythm: NETWORK_RHYTHMS[index % NETWORK_RHYTHMS.length]!,
    // Airports: a gate checks cars in.
    requiresCheckIn: NETWORK_RHYTHMS[index % NETWORK_RHYTHMS.length] === RHYTHMS.airport,
  };
}

/** What the worker simulates: plain data (a rhythm's functions do not cross threads). */
export type SimulationInput = {
  seed: number;
  /** Locations 0 … locations - 1 of benchLocation. */
  locations: number;
  slots: HistorySlot[];
  driverIds: number[];
  /** Epoch milliseconds. */
  from: number;
  to: number;
};

/**
 * A chunk's rows, `width` numbers each:
 * - reservation: id, userId, slotId, start ms, end ms, durationHours, totalAmountCents
 *   (the payment has the same id);
 * - ledger: id, userId, kind (1 charge, 0 top-up), amountCents, balanceAfterCents,
 *   reservationId (0 for none), created ms;
 * - stat: slotId, UTC day number (ms / 86,400,000), hour, occupancyCount, revenueCents.
 */
type SimulatedTable = "reservation" | "ledger" | "stat";
const WIDTH: Record<SimulatedTable, number> = {
  reservation: 7,
  ledger: 7,
  stat: 5,
};
const CHUNK_ROWS = 8192;
/** Chunks the worker may be ahead of the writer (memory: a few MB each). */
const AHEAD = 16;
const DAY_MS = 86_400_000;

type Chunk = { table: SimulatedTable; rows: Float64Array; count: number };
type Done = { balances: [number, number][] };

/** The worker's side (simulate-worker.mjs): simulates and posts chunks, then the balances. */
export function simulateInWorker(input: SimulationInput, port: MessagePort, consumed: Int32Array) {
  const random = createRandom(input.seed);
  // Drawn before the history, in the same order as always: the same seed, the same data.
  const wallets = input.driverIds.map((userId) => ({
    userId,
    openingTopUpCents: random.int(20, 80) * 100,
  }));
  const locations: HistoryLocation[] = Array.from({ length: input.locations }, (_, i) =>
    benchLocation(i),
  );
  let sent = 0;
  const chunks = {} as Record<SimulatedTable, { rows: Float64Array<ArrayBuffer>; count: number }>;
  const fresh = (table: SimulatedTable) =>
    (chunks[table] = { rows: new Float64Array(CHUNK_ROWS * WIDTH[table]), count: 0 });
  const send = (table: SimulatedTable) => {
    const chunk = chunks[table];
    if (chunk.count === 0) return;
    for (;;) {
      const done = Atomics.load(consumed, 0);
      if (sent - done < AHEAD) break;
      Atomics.wait(consumed, 0, done);
    }
    port.postMessage({ table, rows: chunk.rows, count: chunk.count } satisfies Chunk, [
      chunk.rows.buffer,
    ]);
    sent += 1;
    fresh(table);
  };
  /** The next row's first index in `table`'s chunk (sent first when it is full). */
  const slot = (table: SimulatedTable) => {
    if (chunks[table].count === CHUNK_ROWS) send(table);
    return chunks[table].count++ * WIDTH[table];
  };
  for (const table of Object.keys(WIDTH) as SimulatedTable[]) fresh(table);
  const days = new Map<string, number>();

  const balances = simulateHistory({
    locations,
    slots: input.slots,
    wallets,
    pickUserId: (r) => r.pick(input.driverIds),
    from: new Date(input.from),
    to: new Date(input.to),
    random,
    sink: {
      reservation: (r) => {
        const o = slot("reservation");
        const rows = chunks.reservation.rows;
        rows[o] = r.id;
        rows[o + 1] = r.userId;
        rows[o + 2] = r.slotId;
        rows[o + 3] = r.startTime.getTime();
        rows[o + 4] = r.endTime.getTime();
        rows[o + 5] = r.durationHours;
        rows[o + 6] = r.totalAmountCents;
      },
      ledger: (e) => {
        const o = slot("ledger");
        const rows = chunks.ledger.rows;
        rows[o] = e.id;
        rows[o + 1] = e.userId;
        rows[o + 2] = e.kind === "charge" ? 1 : 0;
        rows[o + 3] = e.amountCents;
        rows[o + 4] = e.balanceAfterCents;
        rows[o + 5] = e.reservationId ?? 0;
        rows[o + 6] = e.createdAt.getTime();
      },
      stat: (s) => {
        let day = days.get(s.date);
        if (day === undefined) {
          day = Date.parse(s.date) / DAY_MS;
          days.set(s.date, day);
        }
        const o = slot("stat");
        const rows = chunks.stat.rows;
        rows[o] = s.slotId;
        rows[o + 1] = day;
        rows[o + 2] = s.hour;
        rows[o + 3] = s.occupancyCount;
        rows[o + 4] = s.revenueCents;
      },
    },
  });
  for (const table of Object.keys(WIDTH) as SimulatedTable[]) send(table);
  port.postMessage({ balances: [...balances] } satisfies Done);
}

/** Where the writer takes the rows: plain numbers, as the chunks carry them. */
export type SimulatedRows = {
  /** The payment has the same id. */
  reservation(
    id: number,
    userId: number,
    slotId: number,
    startMs: number,
    endMs: number,
    durationHours: number,
    totalAmountCents: number,
  ): void;
  ledger(
    id: number,
    userId: number,
    kind: "charge" | "top_up",
    amountCents: number,
    balanceAfterCents: number,
    reservationId: number | null,
    createdMs: number,
  ): void;
  /** `dayMs`: the UTC midnight of the bucket's date. */
  stat(
    slotId: number,
    dayMs: number,
    hour: number,
    occupancyCount: number,
    revenueCents: number,
  ): void;
};

/** A chunk's rows handed to `sink` (the reading side of the layout above). */
function readChunk({ table, rows: r, count }: Chunk, sink: SimulatedRows) {
  const width = WIDTH[table];
  for (let o = 0; o < count * width; o += width) {
    if (table === "stat") sink.stat(r[o]!, r[o + 1]! * DAY_MS, r[o + 2]!, r[o + 3]!, r[o + 4]!);
    else if (table === "reservation") {
      sink.reservation(r[o]!, r[o + 1]!, r[o + 2]!, r[o + 3]!, r[o + 4]!, r[o + 5]!, r[o + 6]!);
    } else {
      const kind = r[o + 2] === 1 ? "charge" : "top_up";
      const reservationId = r[o + 5] === 0 ? null : r[o + 5]!;
      sink.ledger(r[o]!, r[o + 1]!, kind, r[o + 3]!, r[o + 4]!, reservationId, r[o + 6]!);
    }
  }
}

/**
 * Simulates `input` on a worker thread, handing each row to `sink` as its chunk arrives (on
 * this thread, in the order the worker wrote them per table); resolves with every wallet's
 * final balance by user id once all rows have been handed over.
 */
export function simulateOnWorker(
  input: SimulationInput,
  sink: SimulatedRows,
): Promise<Map<number, number>> {
  const consumed = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL("./simulate-worker.mjs", import.meta.url), {
    workerData: { input, consumed },
  });
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      reject(error instanceof Error ? error : new Error(String(error)));
      void worker.terminate();
    };
    worker.on("message", (message: Chunk | Done) => {
      if ("balances" in message) {
        resolve(new Map(message.balances));
        return;
      }
      try {
        readChunk(message, sink);
      } catch (error) {
        fail(error);
        return;
      }
      Atomics.add(consumed, 0, 1);
      Atomics.notify(consumed, 0);
    });
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (code !== 0) fail(new Error(`the simulation worker exited with code ${code}`));
    });
  });
}
