// Vitest global setup for the `ops` project (tests/ops: crash and backup tests): one
// migrated database holding a small garage (tests/setup/ops-garage.ts), folded into a
// single file that each test copies, and the port its servers use (each test starts,
// kills and restarts its own: tests/setup/app-process.ts). Tests reach them through
// inject("opsTemplatePath") and inject("baseUrl"), the latter also read by tests/api/client.ts.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { TestProject } from "vitest/node";
import { projectRoot, testTmpDir } from "./paths";
import { freePort } from "./app-server";
import { appEnvironment, migrateDatabase } from "./app-process";

declare module "vitest" {
  export interface ProvidedContext {
    opsTemplatePath: string;
  }
}

export default async function setup(project: TestProject) {
  fs.mkdirSync(testTmpDir, { recursive: true });
  const templatePath = path.join(testTmpDir, `ops-template-${process.pid}.db`);
  const remove = () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(templatePath + suffix, { force: true });
  };
  remove();
  migrateDatabase(templatePath);
  execFileSync("npx", ["tsx", "--conditions=react-server", "tests/setup/ops-garage.ts"], {
    cwd: projectRoot,
    env: appEnvironment(templatePath),
    stdio: "pipe",
  });
  // Fold the WAL into the main file so that a plain copy is complete.
  const database = new Database(templatePath);
  database.pragma("wal_checkpoint(TRUNCATE)");
  database.pragma("journal_mode = DELETE");
  database.close();
  project.provide("opsTemplatePath", templatePath);
  project.provide("baseUrl", `http://127.0.0.1:${await freePort()}`);
  return remove;
}
