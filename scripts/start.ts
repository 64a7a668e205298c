// `npm start`: migrate the database, seed the demo data when it is empty, build the app when
// there is no build or its sources changed since (scripts/build-freshness.ts), then run the
// app server (server/main.ts, built to .next/app-server/) on PORT (default 3000) as a child
// process with a bounded heap per process: WEB_CONCURRENCY worker processes, default one
// per CPU (docs/processes.md). DATABASE_URL picks SQLite (`file:…`) or PostgreSQL
// (`postgresql://…`); prisma.config.ts picks the matching schema and migrations.
//
// SIGTERM and SIGINT are passed to the server, which shuts down gracefully (every worker);
// this process exits with its exit code, so nothing is left running.
import { fork, spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { DEFAULT_DATABASE_URL } from "@/lib/db/sqlite-adapter";
import { workerCount } from "@/lib/processes";
import { serverEntryPath, serverProcessEnv } from "./server-process";
import { staleBuildReason } from "./build-freshness";

const root = path.resolve(import.meta.dirname, "..");
const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
process.env.DATABASE_URL = databaseUrl;
// A wrong WEB_CONCURRENCY fails before the migration, not after the build.
try {
  workerCount(process.env.WEB_CONCURRENCY, os.availableParallelism());
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`\`${command} ${args.join(" ")}\` failed.`);
    process.exit(result.status ?? 1);
  }
}

run("npx", ["prisma", "migrate", "deploy"]);
run("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"]);
const stale = staleBuildReason(root);
if (stale) {
  console.log(`Building the app: ${stale}.`);
  run("npm", ["run", "build"]);
}

// Without a payment provider configured, `npm start` is the demo: its server may hand out
// demo money (lib/env.ts refuses that in production otherwise). ALLOW_DEMO_PAYMENTS=0 opts out.
if (!process.env.PAYMENT_PROVIDER && !process.env.ALLOW_DEMO_PAYMENTS) {
  process.env.ALLOW_DEMO_PAYMENTS = "1";
  console.log('No PAYMENT_PROVIDER set: top-ups are demo money (README, "Money in").');
}

// execArgv: [] keeps this process's TypeScript loader and react-server condition out of the
// server, which runs plain JavaScript (scripts/build-server.ts).
const server = fork(serverEntryPath(root), [], {
  cwd: root,
  execArgv: [],
  env: serverProcessEnv({ ...process.env, NODE_ENV: "production" }),
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
