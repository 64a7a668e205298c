// Prisma CLI configuration. Prisma's native engines cannot be downloaded here, so the
// CLI runs the JavaScript schema engine over the same driver adapter the app uses at run
// time (see README, "Migrations"). DATABASE_URL picks the database: `file:…` is SQLite
// (prisma/schema.prisma and prisma/migrations), `postgresql://…` is PostgreSQL (the
// schema and migrations derived from it in prisma/postgres, docs/scaling-out.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createSqliteAdapterFactory, DEFAULT_DATABASE_URL } from "./lib/db/sqlite-adapter";
import { createPgAdapterFactory, isPostgresUrl } from "./lib/db/pg-adapter";

const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
// schema.prisma reads env("DATABASE_URL"); give it the same default.
process.env.DATABASE_URL = databaseUrl;
const postgres = isPostgresUrl(databaseUrl);
const schemaDir = postgres ? path.join("prisma", "postgres") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(schemaDir, "schema.prisma"),
  migrations: { path: path.join(schemaDir, "migrations") },
  adapter: async () =>
    postgres
      ? createPgAdapterFactory(databaseUrl, { forMigrations: true, poolMax: 2 })
      : createSqliteAdapterFactory(databaseUrl, { forMigrations: true }),
});
