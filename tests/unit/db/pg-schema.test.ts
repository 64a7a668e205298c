// The PostgreSQL schema is derived from prisma/schema.prisma (prisma/postgres/sync.ts):
// fails when someone changes the models without `npm run db:pg:sync`. The `pg` project
// (tests/api-pg/migrations.test.ts) checks on a real server that the PostgreSQL
// migrations build exactly this schema.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { derivedSchema, pgSchemaPath, semicolonsInComments } from "@/prisma/postgres/sync";
import { derivePostgresSchema } from "@/prisma/postgres/derive";

describe("PostgreSQL schema", () => {
  it("is what prisma/schema.prisma derives (run `npm run db:pg:sync` when not)", () => {
    expect(fs.readFileSync(pgSchemaPath, "utf8")).toBe(derivedSchema());
  });

  it("differs from the source only in provider, client output and timestamptz", () => {
    const source = `generator client {
  provider = "prisma-client"
  output   = "../lib/generated/prisma"
}
datasource db {
  provider = "sqlite"
  url      = env("DATABASE_URL")
}
model A {
  id    Int       @id
  at    DateTime  @default(now()) @map("at")
  maybe DateTime?
  cents Int
}
`;
    const derived = derivePostgresSchema(source);
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('output   = "../../lib/generated/prisma-pg"');
    expect(derived).toContain('at    DateTime  @default(now()) @map("at") @db.Timestamptz(3)');
    expect(derived).toContain("maybe DateTime? @db.Timestamptz(3)");
    expect(derived).toContain("cents Int\n");
  });

  it("has no semicolons in migration comments (adapter-pg splits files at each one)", () => {
    expect(semicolonsInComments()).toEqual([]);
  });
});
