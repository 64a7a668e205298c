// The workers of the procs lane's server (tests/setup/procs-server.ts), as its log and
// /proc show them: for tests that stop, kill or wait for a worker.
import { inject } from "vitest";
import { childPids } from "../setup/processes";
import { PROCS_WORKERS } from "../setup/procs-server";
import { readServerLog } from "../setup/server-log";

export const primary = inject("serverPid");
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
