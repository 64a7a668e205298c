import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { splitSqlStatements } from "@/lib/db/sql-script";

describe("splitSqlStatements", () => {
  it("splits at the semicolons that end statements", () => {
    expect(splitSqlStatements("CREATE TABLE a (x INT);\n\nSELECT 1;  ")).toEqual([
      "CREATE TABLE a (x INT)",
      "SELECT 1",
    ]);
  });

  it("keeps semicolons inside strings, identifiers, comments and $$ bodies", () => {
    const fn = `CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO t VALUES ('a;b');
  RETURN NULL;
END
$$`;
    const tagged = `DO $body$ BEGIN PERFORM 1; PERFORM '$$'; END $body$`;
    const script = [
      `-- a comment; with a semicolon\nSELECT 'x;''y' AS "odd;name"`,
      `/* block; /* nested; */ still; */ SELECT 2`,
      fn,
      tagged,
      `SELECT $1::int`,
    ].join(";\n");
    expect(splitSqlStatements(script)).toEqual([
      `-- a comment; with a semicolon\nSELECT 'x;''y' AS "odd;name"`,
      `/* block; /* nested; */ still; */ SELECT 2`,
      fn,
      tagged,
      `SELECT $1::int`,
    ]);
  });

  it("drops statements that are only comments", () => {
    expect(splitSqlStatements("-- just a note;\n;\nSELECT 1;\n-- trailing")).toEqual(["SELECT 1"]);
  });

  it("gives the roll-up migration its ten triggers as whole statements", () => {
    const dir = path.resolve(import.meta.dirname, "../../../prisma/postgres/migrations");
    const name = fs.readdirSync(dir).find((n) => n.endsWith("_analytics_rollups"))!;
    const statements = splitSqlStatements(
      fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"),
    );
    const functions = statements.filter((s) => s.includes("CREATE FUNCTION"));
    expect(functions).toHaveLength(10);
    for (const fn of functions) expect(fn).toMatch(/RETURN NULL;\nEND\n\$\$$/);
    expect(statements.filter((s) => s.includes("CREATE TRIGGER"))).toHaveLength(10);
  });
});
