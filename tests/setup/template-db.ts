// Vitest global setup for unit tests: migrate one template database with the checked-in
// migrations; every test file then works on its own copy (tests/setup/unit-db.ts).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { projectRoot, templateDatabasePath, testTmpDir } from "./paths";

export default function setup() {
  fs.mkdirSync(testTmpDir, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"])
    fs.rmSync(templateDatabasePath + suffix, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: `file:${templateDatabasePath}` },
    stdio: "pipe",
  });
  // Fold the WAL into the main file so that a plain copy is complete.
  execFileSync(
    "node",
    [
      "-e",
      // One location (id 1) that the builders put slots and staff in (tests/unit/builders.ts).
      `const D=require("better-sqlite3");const d=new D(${JSON.stringify(templateDatabasePath)});d.exec("INSERT INTO locations (id, slug, name, address, time_zone) VALUES (1, 'test', 'Test garage', '1 Test Street', 'UTC')");d.pragma("wal_checkpoint(TRUNCATE)");d.pragma("journal_mode=DELETE");d.close();`,
    ],
    { cwd: projectRoot },
  );
}
