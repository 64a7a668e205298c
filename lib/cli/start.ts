// `npm start`: migrate the database, seed the demo data when it is empty, build the app
// if no build exists, and serve it on PORT (default 3000). DATABASE_URL picks SQLite
// (`file:…`) or PostgreSQL (`postgresql://…`); prisma.config.ts picks the matching schema
// and migrations.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_DATABASE_URL, databaseFilePath } from "@/lib/db/sqlite-adapter";
import { isPostgresUrl } from "@/lib/db/pg-adapter";
import { serverNodeOptions } from "./server-node-options";

const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
process.env.DATABASE_URL = databaseUrl;

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`\`${command} ${args.join(" ")}\` failed.`);
    process.exit(result.status ?? 1);
  }
}

/**
 * SESSION_SECRET is required when NODE_ENV=production is set by the operator. For a
 * local `npm start` without one, generate a secret once and keep it beside the
 * database, so that sign-ins survive restarts.
 */
function ensureSessionSecret(): void {
  if (process.env.SESSION_SECRET) return;
  if (process.env.NODE_ENV === "production") {
    console.error("SESSION_SECRET must be set (32+ characters) when NODE_ENV=production.");
    process.exit(1);
  }
  // Beside the SQLite file, or in ./data for PostgreSQL. Several app servers must share
  // one SESSION_SECRET (set it), or a session signed by one is refused by the others.
  const directory = isPostgresUrl(databaseUrl)
    ? path.resolve("data")
    : path.dirname(path.resolve(databaseFilePath(databaseUrl)));
  const file = path.join(directory, "session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
    console.warn(`SESSION_SECRET is not set: generated a development secret in ${file}.`);
  }
  process.env.SESSION_SECRET = fs.readFileSync(file, "utf8").trim();
}

ensureSessionSecret();
run("npx", ["prisma", "migrate", "deploy"]);
run("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"]);
if (!fs.existsSync(path.join(".next", "BUILD_ID"))) run("npx", ["next", "build"]);

const server = spawn("npx", ["next", "start", "--port", process.env.PORT || "3000"], {
  stdio: "inherit",
  env: { ...process.env, NODE_OPTIONS: serverNodeOptions() },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code) => process.exit(code ?? 0));
