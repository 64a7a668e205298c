// The built app as a process a test controls, for the operations tests (tests/ops): start
// it on a given SQLite file and port, kill it with SIGKILL (`kill -9`) in the middle of
// its work, start it again on the same file and port, stop it. Unlike app-server.ts (one
// server per test project over a fresh demo database), the database here outlives each
// process: it is what the tests check after every crash.
import { execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { projectRoot, testTmpDir } from "./paths";
import { spawnAppServer, waitForHealthy } from "./app-server";
import { isPostgresUrl } from "@/lib/db/pg-adapter";

export type AppProcess = {
  readonly baseUrl: string;
  readonly pid: number;
  /** SIGKILL to the server's process group; resolves once it has exited. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
};

/** `database`: a SQLite file's path, or a PostgreSQL URL. */
export function appEnvironment(database: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: isPostgresUrl(database) ? database : `file:${database}`,
    NEXT_TELEMETRY_DISABLED: "1",
    // The demo payment provider, as `npm start` runs it without configuration.
    ALLOW_DEMO_PAYMENTS: "1",
  };
}

/** `prisma migrate deploy` on the database, as `npm start` does before it serves. */
export function migrateDatabase(database: string): void {
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    cwd: projectRoot,
    env: appEnvironment(database),
    stdio: "pipe",
  });
}

function exited(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => server.once("exit", () => resolve()));
}

/**
 * Starts the built server entry on `port` over the database (a SQLite file's path or a
 * PostgreSQL URL); resolves when healthy.
 */
export async function startAppProcess(options: {
  name: string;
  database: string;
  port: number;
}): Promise<AppProcess> {
  if (!fs.existsSync(path.join(projectRoot, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` first (`npm test` does).");
  }
  fs.mkdirSync(testTmpDir, { recursive: true });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const logFile = path.join(testTmpDir, `${options.name}-server-${options.port}.log`);
  // Appended: one log across the restarts of a test.
  const log = fs.openSync(logFile, "a");
  // Its own process group, so that a kill reaches any child it may start.
  const server = spawnAppServer(options.port, appEnvironment(options.database), log, {
    detached: true,
  });
  const done = exited(server).finally(() => fs.closeSync(log));
  const pid = server.pid!;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is gone already
    }
  };
  try {
    await waitForHealthy(baseUrl, server, logFile);
  } catch (error) {
    signalGroup("SIGKILL");
    await done;
    throw error;
  }
  return {
    baseUrl,
    pid,
    kill9: async () => {
      signalGroup("SIGKILL");
      await done;
    },
    stop: async (graceMs = 10_000) => {
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
      await done;
      clearTimeout(timer);
    },
  };
}
