// Runs before each unit test file: give it a fresh copy of the migrated template
// database, so test files never share state and can run in parallel.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll } from "vitest";
import { templateDatabasePath, testTmpDir } from "./paths";

const file = path.join(testTmpDir, `unit-${randomUUID()}.db`);
fs.copyFileSync(templateDatabasePath, file);
process.env.DATABASE_URL = `file:${file}`;
// The Prisma client is cached on globalThis; make sure this file gets its own.
delete (globalThis as { prisma?: unknown }).prisma;

afterAll(async () => {
  const { db } = await import("@/lib/db/client");
  await db.$disconnect();
  delete (globalThis as { prisma?: unknown }).prisma;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});
