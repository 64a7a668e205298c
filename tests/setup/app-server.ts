// The production app for tests that talk to it over HTTP (API tests, browser tests): the
// server entry `npm start` runs (scripts/server-process.ts: the build `npm test` makes
// first, same Node options), on a free port, over its own freshly migrated and demo-seeded
// database (on SQLite a copy of one seeded per run). Each vitest project's global setup
// starts its own.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { serverEntryPath, serverProcessEnv } from "../../scripts/server-process";
import { projectRoot, testTmpDir } from "./paths";
import { dropDatabase, pgPool } from "./pg";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databasePath: string;
    /** The server's DATABASE_URL: `file:…` (SQLite) or `postgresql://…`. */
    databaseUrl: string;
    /** Where the server's stdout and stderr go. */
    serverLogFile: string;
    /** The server process (to read its memory use). */
    serverPid: number;
  }
}

export type AppServer = {
  baseUrl: string;
  /** The SQLite file; unused when the server runs on PostgreSQL (see databaseUrl). */
  databasePath: string;
  databaseUrl: string;
  logFile: string;
  pid: number;
  /** SIGTERM, wait for the exit, remove the database; resolves with the exit code. */
  stop: () => Promise<number | null>;
};

/**
 * For the servers the suites share: new password hashes at Argon2id's smallest cost
 * (lib/auth/password.ts), since the suites sign up and in thousands of times. OWASP's cost,
 * what every deployment uses, is the default that tests/unit/auth/password.test.ts checks,
 * and servers a test starts on its own (`npm start`, the Stripe one) run with it.
 */
export const CHEAP_PASSWORD_HASHES = { PASSWORD_HASH_COST: "minimal" } as const;

/** A port nothing listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `baseUrl` answers /api/health; fails when the server exits or time is up. */
export async function waitForHealthy(
  baseUrl: string,
  server: ChildProcess,
  logFile: string,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) break;
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The app did not become healthy; see ${logFile}`);
}

/**
 * Spawns the built server entry on `port` (127.0.0.1) with `env`, its output to `log`, as
 * `npm start` does once the database is migrated and seeded. One process unless `env` sets
 * WEB_CONCURRENCY (a test's server does not depend on the machine's CPU count).
 */
export function spawnAppServer(
  port: number,
  env: NodeJS.ProcessEnv,
  log: number,
  options: { detached?: boolean } = {},
): ChildProcess {
  if (!fs.existsSync(serverEntryPath(projectRoot))) {
    throw new Error("No server entry in the build: run `npm run build` first.");
  }
  return spawn(process.execPath, [serverEntryPath(projectRoot)], {
    cwd: projectRoot,
    env: serverProcessEnv({
      WEB_CONCURRENCY: "1",
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
    }),
    stdio: ["ignore", log, log],
    detached: options.detached,
  });
}

/**
 * A migrated, demo-seeded SQLite file for the servers of this vitest run to copy: seeding
 * takes ~20 s, and the api, e2e and procs servers' databases start the same. Made by the
 * first server that needs it, folded into one file (no WAL) so that a copy is complete,
 * removed when the run's process exits. Such a file is what a restored backup looks like:
 * the procs server's workers switch it to WAL together as they start.
 */
function seededSqliteTemplate(env: NodeJS.ProcessEnv): string {
  const template = path.join(testTmpDir, `seeded-${process.pid}.db`);
  if (fs.existsSync(template)) return template;
  const making = `${template}.${randomUUID()}`;
  const withTemplate = { ...env, DATABASE_URL: `file:${making}` };
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    cwd: projectRoot,
    env: withTemplate,
    stdio: "pipe",
  });
  execFileSync("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"], {
    cwd: projectRoot,
    env: withTemplate,
    stdio: "pipe",
  });
  const database = new Database(making);
  database.pragma("wal_checkpoint(TRUNCATE)");
  database.pragma("journal_mode = DELETE");
  database.close();
  fs.renameSync(making, template);
  process.once("exit", () => fs.rmSync(template, { force: true }));
  return template;
}

/** Starts the built app over a new database named after `name` (e.g. "api", "e2e"). */
export async function startAppServer(
  name: string,
  options: { workers?: number } = {},
): Promise<AppServer> {
  if (!fs.existsSync(path.join(projectRoot, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` first (`npm test` does).");
  }
  fs.mkdirSync(testTmpDir, { recursive: true });
  const databasePath = path.join(testTmpDir, `${name}-${process.pid}.db`);
  let databaseUrl = `file:${databasePath}`;
  let removeDatabase = async () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databasePath + suffix, { force: true });
  };
  // API_PG_URL: run on a throwaway PostgreSQL database on that server instead (.ci/postgres
  // runs the whole API project so; tests/api/db.ts reads whichever database databaseUrl names).
  const pgAdminUrl = process.env.API_PG_URL;
  if (pgAdminUrl) {
    const database = `parking_${name}_${process.pid}`;
    const admin = pgPool(pgAdminUrl);
    const drop = () => dropDatabase(admin, database);
    await drop();
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(pgAdminUrl);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    removeDatabase = async () => {
      await drop();
      await admin.end();
    };
  } else await removeDatabase();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: databaseUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    // The demo payment provider, as `npm start` runs it without configuration.
    ALLOW_DEMO_PAYMENTS: "1",
    WEB_CONCURRENCY: String(options.workers ?? 1),
    ...CHEAP_PASSWORD_HASHES,
  };
  if (pgAdminUrl) {
    execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: projectRoot, env, stdio: "pipe" });
    execFileSync("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"], {
      cwd: projectRoot,
      env,
      stdio: "pipe",
    });
  } else fs.copyFileSync(seededSqliteTemplate(env), databasePath);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(testTmpDir, `${name}-server-${port}.log`);
  const log = fs.openSync(logFile, "w");
  const server = spawnAppServer(port, env, log);
  try {
    await waitForHealthy(baseUrl, server, logFile);
  } catch (error) {
    server.kill("SIGTERM");
    throw error;
  }

  return {
    baseUrl,
    databasePath,
    databaseUrl,
    logFile,
    pid: server.pid!,
    stop: async () => {
      if (server.exitCode === null) {
        server.kill("SIGTERM");
        await new Promise((r) => server.once("exit", r).once("error", r));
      }
      fs.closeSync(log);
      await removeDatabase();
      return server.exitCode;
    },
  };
}
