// The primary's queue of connections waiting for a worker (server/connection-dispatcher.ts)
// while none serves (all starting, or replaced after a crash: up to 30 s): bounded like a
// listen backlog, so a flood then costs connections, not the primary's file descriptors.
// And a connection handed to a worker that died before taking it. Real sockets; the worker
// side is driven end to end in tests/procs/workers.test.ts.
import type { Worker } from "node:cluster";
import { EventEmitter } from "node:events";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CONNECTION_TAKEN_MESSAGE } from "@/lib/processes";
import { ConnectionDispatcher } from "@/server/connection-dispatcher";

const open: net.Socket[] = [];
let server: net.Server | null = null;

afterEach(async () => {
  for (const socket of open.splice(0)) socket.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A listening server whose connections go to `dispatcher`, as the primary's do. */
async function serve(dispatcher: ConnectionDispatcher): Promise<{
  connect: () => Promise<{ client: net.Socket; accepted: net.Socket }>;
}> {
  const accepted: net.Socket[] = [];
  const arrivals: ((socket: net.Socket) => void)[] = [];
  server = net.createServer({ pauseOnConnect: true }, (socket) => {
    open.push(socket);
    dispatcher.dispatch(socket);
    const arrival = arrivals.shift();
    if (arrival) arrival(socket);
    else accepted.push(socket);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    connect: async () => {
      const arrived = new Promise<net.Socket>((resolve) => {
        const early = accepted.shift();
        if (early) resolve(early);
        else arrivals.push(resolve);
      });
      const client = net.connect(port, "127.0.0.1");
      client.on("error", () => {});
      open.push(client);
      await new Promise((resolve) => client.once("connect", resolve));
      return { client, accepted: await arrived };
    },
  };
}

const closed = (client: net.Socket) =>
  new Promise<void>((resolve) => {
    if (client.destroyed) resolve();
    client.once("close", () => resolve());
  });

describe("ConnectionDispatcher without a worker", () => {
  it("keeps up to its bound of connections waiting and closes the next at once", async () => {
    const dispatcher = new ConnectionDispatcher(2);
    const { connect } = await serve(dispatcher);
    const first = await connect();
    const second = await connect();
    const third = await connect();
    await closed(third.client);
    expect(third.accepted.destroyed).toBe(true);
    expect([first.accepted.destroyed, second.accepted.destroyed]).toEqual([false, false]);
    expect(dispatcher.waiting).toBe(2);
  });

  it("does not count a connection whose client left while it waited", async () => {
    const dispatcher = new ConnectionDispatcher(2);
    const { connect } = await serve(dispatcher);
    const first = await connect();
    const second = await connect();
    first.accepted.destroy();
    const third = await connect();
    expect(third.accepted.destroyed).toBe(false);
    expect(second.accepted.destroyed).toBe(false);
    expect(dispatcher.waiting).toBe(2);
  });

  it("closes every waiting connection at shutdown", async () => {
    const dispatcher = new ConnectionDispatcher(2);
    const { connect } = await serve(dispatcher);
    const first = await connect();
    dispatcher.closeWaiting();
    await closed(first.client);
    expect(dispatcher.waiting).toBe(0);
  });
});

/**
 * A stand-in for node:cluster's Worker (Node's object, not ours): the events the dispatcher
 * listens to, and the connections it was handed.
 */
class FakeWorker extends EventEmitter {
  connected = true;
  dead = false;
  handed: net.Socket[] = [];
  isConnected = () => this.connected;
  isDead = () => this.dead;
  send = (_message: unknown, socket: net.Socket) => {
    this.handed.push(socket);
    return true;
  };
  /** Exits now; its channel closes later, after `messages` still on their way. */
  exit(messages: unknown[] = []) {
    this.dead = true;
    this.emit("exit", null, "SIGKILL");
    for (const message of messages) this.emit("message", message);
    this.connected = false;
    this.emit("disconnect");
  }
}

const asWorker = (fake: FakeWorker) => fake as unknown as Worker;
const TAKEN = { type: CONNECTION_TAKEN_MESSAGE };

describe("ConnectionDispatcher when a worker dies", () => {
  async function setUp() {
    const dispatcher = new ConnectionDispatcher();
    const { connect } = await serve(dispatcher);
    const [a, b] = [new FakeWorker(), new FakeWorker()];
    a.on("exit", () => dispatcher.remove(asWorker(a)));
    dispatcher.add(asWorker(a));
    const first = await connect();
    expect(a.handed).toEqual([first.accepted]);
    return { dispatcher, a, b, first };
  }

  it("hands a connection the dead worker never took to the next worker", async () => {
    const { dispatcher, a, b, first } = await setUp();
    a.exit();
    expect(first.accepted.destroyed).toBe(false);
    expect(dispatcher.waiting).toBe(1);
    dispatcher.add(asWorker(b));
    expect(b.handed).toEqual([first.accepted]);
    expect(dispatcher.waiting).toBe(0);
  });

  it("closes one whose 'taken' arrives after the exit: the dead worker had it", async () => {
    const { dispatcher, a, b, first } = await setUp();
    a.exit([TAKEN]);
    await closed(first.client);
    dispatcher.add(asWorker(b));
    expect(b.handed).toEqual([]);
  });

  it("closes it at shutdown instead of handing it again", async () => {
    const { dispatcher, a, first } = await setUp();
    dispatcher.closeWaiting();
    a.exit();
    await closed(first.client);
    expect(dispatcher.waiting).toBe(0);
  });
});
