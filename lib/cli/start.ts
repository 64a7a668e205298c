// `npm start`: migrate the database, seed the demo data when it is empty, build the app
// if no build exists, and serve it on PORT (default 3000). DATABASE_URL picks SQLite
// (`file:…`) or PostgreSQL (`postgresql://…`); prisma.config.ts picks the matching schema
// and migrations.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_DATABASE_URL } from "@/lib/db/sqlite-adapter";
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
