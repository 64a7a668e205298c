// `npm start` as an operator runs it, stopped as a process manager stops it: SIGTERM to the
// npm process lets a request in flight finish, stops accepting new connections, and leaves
// no process behind, exiting 0. Runs its own server on its own SQLite file, with `npm start`'s
// default of one worker process per CPU.
import { spawn, type StdioOptions } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "../setup/app-server";
import { projectRoot, testTmpDir } from "../setup/paths";

/** The process and all its descendants now (Linux /proc). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // ended meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** `what` may be a function: read when the wait times out (output gathered meanwhile). */
async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string | (() => string),
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting: ${typeof what === "string" ? what : what()}`);
}

/** `npm start` on `port`, on a fresh SQLite file of its own named after `name`. */
function npmStart(port: number, name: string, stdio: StdioOptions) {
  fs.mkdirSync(testTmpDir, { recursive: true });
  const database = path.join(testTmpDir, `${name}-${process.pid}.db`);
  const removeDatabase = () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(database + suffix, { force: true });
  };
  removeDatabase();
  const npm = spawn("npm", ["start"], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `file:${database}`,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio,
  });
  const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
  let tree: number[] = [];
  return {
    npm,
    exited,
    /** Waits until it serves; then its processes (npm's and every descendant). */
    async serving(what: string | (() => string)): Promise<number[]> {
      await until(
        () =>
          fetch(`http://127.0.0.1:${port}/api/health`).then(
            (r) => r.ok,
            () => false,
          ),
        180_000,
        what,
      );
      return (tree = processTree(npm.pid!));
    },
    /** Kills whatever is left of it, and removes its database. */
    cleanUp() {
      if (npm.exitCode === null) npm.kill("SIGKILL");
      for (const pid of tree) if (alive(pid)) process.kill(pid, "SIGKILL");
      removeDatabase();
    },
  };
}

describe("npm start and SIGTERM", () => {
  it("finishes the request in flight, stops accepting, leaves no process, exits 0", async () => {
    const port = await freePort();
    fs.mkdirSync(testTmpDir, { recursive: true });
    const logFile = path.join(testTmpDir, `start-${port}.log`);
    const log = fs.openSync(logFile, "w");
    const server = npmStart(port, "start", ["ignore", log, log]);
    const { npm, exited } = server;
    try {
      const tree = await server.serving(`npm start to serve (${logFile})`);

      // A sign-in whose body arrives in two parts, the second after the SIGTERM.
      const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request(`http://127.0.0.1:${port}/api/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          agent: false,
        });
        request.on("response", (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => (body += chunk.toString()));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on("error", reject);
        request.write('{"username":"staff",');
        setTimeout(() => {
          npm.kill("SIGTERM");
          void until(async () => !(await accepts(port)), 10_000, "the server to stop accepting")
            .then(() => request.end('"password":"parking-demo"}'))
            .catch(reject);
        }, 500);
      });

      const { status, body } = await answer;
      expect(status, body).toBe(200);
      expect(JSON.parse(body)).toMatchObject({ user: { username: "staff" } });
      expect(await exited, `npm start's exit code (${logFile})`).toBe(0);
      // After the requests, in every worker: the database closed; in the one that runs the
      // scheduled work (docs/processes.md), the expiry sweep stopped first and, with other
      // workers on SQLite, the bookings they forwarded to it finished before the close.
      const stopped = fs
        .readFileSync(logFile, "utf8")
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as { msg?: string; steps?: string[] })
        .filter((line) => line.msg === "stopped")
        .map((line) => line.steps);
      expect(stopped).toHaveLength(os.availableParallelism());
      expect(stopped.filter((steps) => steps?.includes("stop the expiry sweep"))).toEqual([
        [
          "stop the expiry sweep",
          ...(os.availableParallelism() > 1 ? ["finish the bookings other workers forwarded"] : []),
          "close the database",
        ],
      ]);
      for (const steps of stopped) expect(steps?.at(-1)).toBe("close the database");
      await until(() => tree.every((pid) => !alive(pid)), 5_000, "every process to end");
    } finally {
      server.cleanUp();
      fs.closeSync(log);
    }
  }, 240_000);

  it("stops on SIGTERM when nobody reads its log any more", async () => {
    // Its stdout a pipe whose reader went away (a `| tee` that was killed): every log line
    // then fails with EPIPE, and exiting must not wait on writing them.
    const server = npmStart(await freePort(), "start-epipe", ["ignore", "pipe", "pipe"]);
    const { npm, exited } = server;
    let output = "";
    npm.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      const tree = await server.serving(() => `npm start to serve:\n${output}`);
      npm.stdout!.destroy();
      npm.stderr!.destroy();
      npm.kill("SIGTERM");
      const code = await Promise.race([
        exited,
        new Promise<"still running">((r) => setTimeout(() => r("still running"), 30_000)),
      ]);
      expect(code).toBe(0);
      await until(() => tree.every((pid) => !alive(pid)), 5_000, "every process to end");
    } finally {
      server.cleanUp();
    }
  }, 240_000);
});
