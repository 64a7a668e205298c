import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
// The function Next.js answers every route and page with: flushHeaders, then the chunks.
import { pipeToNodeResponse } from "next/dist/server/pipe-readable";
import { createAppServer, type AppServer } from "@/server/http-server";

let app: AppServer | undefined;
afterEach(async () => {
  await app?.close(1_000);
  app = undefined;
});

/** Serves `chunks` as Next.js streams a body; counts the writes each connection makes. */
async function serveStreamed(chunks: string[], delayMs = 0) {
  const writes: number[] = [];
  app = createAppServer(async (_req, res) => {
    res.setHeader("Content-Type", "application/json");
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (const chunk of chunks) {
          if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
          controller.enqueue(new TextEncoder().encode(chunk));
        }
        controller.close();
      },
    });
    await pipeToNodeResponse(body, res);
  });
  app.server.on("connection", (socket: net.Socket) => {
    // What reaches the kernel: one call of either is one write(2)/writev(2).
    const index = writes.push(0) - 1;
    const counted = socket as unknown as Record<"_write" | "_writev", (...args: unknown[]) => void>;
    for (const name of ["_write", "_writev"] as const) {
      const original = counted[name].bind(socket);
      counted[name] = (...args) => {
        writes[index]!++;
        original(...args);
      };
    }
  });
  await new Promise<void>((resolve) => app!.server.listen(0, "127.0.0.1", resolve));
  const { port } = app.server.address() as AddressInfo;
  return { port, writes };
}

/** One request over a raw connection; resolves with what the server sent, read by read. */
function fetchRaw(port: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () =>
      socket.write("GET /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
    );
    const reads: string[] = [];
    socket.setEncoding("utf8");
    socket.on("data", (data: string) => reads.push(data));
    socket.on("end", () => resolve(reads));
    socket.on("error", reject);
  });
}

describe("the app server's writes", () => {
  it("sends an answer's headers, body and end in one write", async () => {
    const { port, writes } = await serveStreamed(['{"ok":true}']);
    const text = (await fetchRaw(port)).join("");
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text).toMatch(/\r\n\r\nb\r\n\{"ok":true\}\r\n0\r\n\r\n$/);
    expect(writes).toEqual([1]);
  });

  it("still sends a stream's headers when its first chunk is on the way", async () => {
    const { port, writes } = await serveStreamed(["[1", ",2]"], 30);
    const reads = await fetchRaw(port);
    // The headers and the first chunk arrive before the second chunk is made.
    expect(reads[0]).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\n2\r\n\[1\r\n$/);
    expect(reads.join("")).toMatch(/\r\n\r\n2\r\n\[1\r\n3\r\n,2\]\r\n0\r\n\r\n$/);
    // Headers with the first chunk; the second chunk with the end.
    expect(writes).toEqual([2]);
  });
});
