// Prisma CLI configuration. Prisma's native engines cannot be downloaded here, so the
// CLI runs the JavaScript schema engine over the same better-sqlite3 driver adapter the
// app uses at run time (see README, "Migrations").
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createSqliteAdapterFactory, DEFAULT_DATABASE_URL } from "./lib/db/sqlite-adapter";

const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
// schema.prisma reads env("DATABASE_URL"); give it the same default.
process.env.DATABASE_URL = databaseUrl;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => createSqliteAdapterFactory(databaseUrl),
});
