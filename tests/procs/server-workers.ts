// The workers of the procs lane's server (tests/setup/procs-server.ts), as its log and
// /proc show them: for tests that stop, kill or wait for a worker.
import http from "node:http";
import { inject } from "vitest";
import { childPids } from "../setup/processes";
import { PROCS_WORKERS } from "../setup/procs-server";
import { readServerLog } from "../setup/server-log";

export const primary = inject("serverPid");
const baseUrl = inject("baseUrl");
const logFile = inject("serverLogFile");

export async function until<T>(
  what: string,
  probe: () => T | undefined,
  { timeoutMs = 60_000, everyMs = 100 } = {},
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function readyLines() {
  return readServerLog(logFile).lines.filter((line) => line.msg === "ready to serve");
}

/** Waits until the process `pid` has logged `message`. */
export function untilLogged(pid: number, message: string) {
  return until(`process ${pid} to log "${message}"`, () =>
    readServerLog(logFile).lines.some((line) => line.pid === pid && line.msg === message)
      ? true
      : undefined,
  );
}

/** The worker pids that logged they are ready to serve (server/serve.ts). */
export function readyPids(): Set<number> {
  return new Set(readyLines().map((line) => Number(line.pid)));
}

/** The pid of the running worker with this index (lib/processes.ts), ready to serve. */
export function workerPid(index: number): number {
  const running = childPids(primary);
  const pid = readyLines()
    .filter((line) => line.worker === index && running.includes(Number(line.pid)))
    .map((line) => Number(line.pid))
    .at(-1);
  if (pid === undefined) throw new Error(`no worker ${index} is ready to serve`);
  return pid;
}

/**
 * Waits until the primary again runs its full count of workers, none of them `gone`, and
 * every one of them ready to serve (forked is not enough: the next test would kill a worker
 * that is still starting).
 */
export function untilAllReady(gone: number[] = []) {
  return until("a replacement worker, ready to serve", () => {
    const now = childPids(primary);
    const ready = readyPids();
    const full = now.length === PROCS_WORKERS && now.every((pid) => !gone.includes(pid));
    return full && now.every((pid) => ready.has(pid)) ? now : undefined;
  });
}

/**
 * The status of a GET of `path` on a new connection, not one from fetch's pool: a pooled
 * connection may be one a killed worker held, lost with it (a client resends on a new one),
 * while what a test asks is whether the server still takes and answers new connections.
 */
export function statusOnNewConnection(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(path, baseUrl), { agent: false }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}
