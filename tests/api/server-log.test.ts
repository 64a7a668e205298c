// The server's log: structured lines carrying the request id, and a client that goes away
// mid-request is an ordinary event (one info line), not an error.
import net from "node:net";
import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { baseUrl, Client } from "./client";
import { readServerLog, type LogLine } from "../setup/server-log";

const logFile = inject("serverLogFile");

/** Sends `head` (and `body`) on a raw connection, then drops it after `dropAfterMs`. */
async function sendAndDrop(head: string, body: string, dropAfterMs: number): Promise<void> {
  const { port } = new URL(baseUrl);
  await new Promise<void>((resolve) => {
    const socket = net.connect(Number(port), "127.0.0.1", () => {
      socket.write(head + body);
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, dropAfterMs);
    });
    socket.on("error", () => resolve());
  });
}

async function linesOf(requestId: string, settleMs = 1_000): Promise<LogLine[]> {
  await new Promise((r) => setTimeout(r, settleMs));
  return readServerLog(logFile).lines.filter((line) => line.reqId === requestId);
}

describe("the server log", () => {
  it("writes one access line per request with its id, method, path and status", async () => {
    const requestId = `log-${randomUUID()}`;
    await new Client().get("/api/health?x=1", { headers: { "x-request-id": requestId } });
    const lines = await linesOf(requestId, 300);
    expect(lines).toEqual([
      expect.objectContaining({
        level: "info",
        method: "GET",
        url: "/api/health?x=1",
        status: 200,
        reqId: requestId,
      }),
    ]);
  });

  it("logs a client gone mid-body as one info line, no error, no 'aborted' noise", async () => {
    const requestId = `drop-${randomUUID()}`;
    const head =
      `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: 1000\r\nX-Request-Id: ${requestId}\r\n\r\n`;
    const before = readServerLog(logFile).lines.length;
    await sendAndDrop(head, '{"username":"sta', 300);
    const lines = await linesOf(requestId);
    expect(lines.map((l) => l.level)).toEqual(["info"]);
    expect(lines[0]).toMatchObject({ aborted: true, method: "POST" });
    const after = readServerLog(logFile).lines.slice(before);
    expect(after.filter((l) => l.level === "error" || l.level === "fatal")).toEqual([]);
    expect(JSON.stringify(after)).not.toMatch(/ECONNRESET|Error: aborted/);
  });

  it("logs a client gone before a page's answer ended as info only", async () => {
    const requestId = `drop-page-${randomUUID()}`;
    const head = `GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: ${requestId}\r\n\r\n`;
    await sendAndDrop(head, "", 5);
    const lines = await linesOf(requestId);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.level !== "info" && l.level !== "debug")).toEqual([]);
  });

  it("keeps everything it writes structured (JSON lines with a level)", () => {
    const { lines, unstructured } = readServerLog(logFile);
    expect(unstructured).toEqual([]);
    expect(lines.length).toBeGreaterThan(0);
  });
});
