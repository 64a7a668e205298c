// Vitest global setup for the `pg` project (only when PG_TEST_URL is set): a throwaway
// PostgreSQL database on PG_TEST_URL's server, migrated with prisma/postgres/migrations
// and demo-seeded, served by TWO app servers of the build on different ports, as several
// app servers behind a load balancer would be; the first runs two worker processes.
// Tests reach them through inject("pgBaseUrls") and the database through
// inject("pgDatabaseUrl").
import { execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { projectRoot, testTmpDir } from "./paths";
import { dropDatabase, pgPool } from "./pg";
import { freePort, spawnAppServer, waitForHealthy } from "./app-server";

declare module "vitest" {
  export interface ProvidedContext {
    pgBaseUrls: string[];
    pgDatabaseUrl: string;
  }
}

/** The same server and credentials as `url`, another database. */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  const adminUrl = process.env.PG_TEST_URL;
  if (!adminUrl) throw new Error("The pg test project needs PG_TEST_URL.");
  if (!fs.existsSync(path.join(projectRoot, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` first.");
  }
  const database = `parking_test_${process.pid}`;
  const databaseUrl = withDatabase(adminUrl, database);
  const admin = pgPool(adminUrl);
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.query(`CREATE DATABASE ${database}`);

  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: databaseUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    // The demo payment provider, as `npm start` runs it without configuration.
    ALLOW_DEMO_PAYMENTS: "1",
  };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: projectRoot, env, stdio: "pipe" });
  execFileSync("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"], {
    cwd: projectRoot,
    env,
    stdio: "pipe",
  });

  fs.mkdirSync(testTmpDir, { recursive: true });
  const servers: { server: ChildProcess; log: number }[] = [];
  const baseUrls: string[] = [];
  const stop = async () => {
    for (const { server, log } of servers) {
      if (server.exitCode === null) {
        server.kill("SIGTERM");
        await new Promise((r) => server.once("exit", r).once("error", r));
      }
      fs.closeSync(log);
    }
    await dropDatabase(admin, database);
    await admin.end();
  };
  try {
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      const logFile = path.join(testTmpDir, `pg-server-${i}-${port}.log`);
      const log = fs.openSync(logFile, "w");
      // The first is a multi-process server (a primary and two workers, as `npm start` runs
      // on a multi-core machine), the second a single process.
      const server = spawnAppServer(port, { ...env, WEB_CONCURRENCY: i === 0 ? "2" : "1" }, log);
      servers.push({ server, log });
      await waitForHealthy(baseUrl, server, logFile, 120_000);
      baseUrls.push(baseUrl);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide("pgBaseUrls", baseUrls);
  project.provide("pgDatabaseUrl", databaseUrl);
  return stop;
}
