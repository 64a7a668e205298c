// The primary's queue of connections waiting for a worker (server/connection-dispatcher.ts)
// while none serves (all starting, or replaced after a crash: up to 30 s): bounded like a
// listen backlog, so a flood then costs connections, not the primary's file descriptors.
// Real sockets; the worker side is driven end to end in tests/procs/workers.test.ts.
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
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
