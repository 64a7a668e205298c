// A node-postgres pool for tests (pg ships without type declarations: the little used
// here is typed by hand).
import { createRequire } from "node:module";

export type PgPool = {
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: Row[]; rowCount: number | null }>;
  end(): Promise<void>;
};

type TypeParser = (value: string) => unknown;
type PgModule = {
  Pool: new (config: object) => PgPool;
  types: { getTypeParser(oid: number, format?: string): TypeParser };
};

const INT8_OID = 20;

function safeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${value} does not fit a JS number`);
  return n;
}

/**
 * `bigintAsNumber`: read int8 (COUNT(*), SUM of integers) as a number instead of pg's
 * default string, for this pool only (pg's global parsers, which the app shares when both
 * run in one process, stay as they are); a value beyond 2^53 throws.
 */
export function pgPool(
  connectionString: string,
  options: { bigintAsNumber?: boolean } = {},
): PgPool {
  const pg = createRequire(import.meta.url)("pg") as PgModule;
  const types = options.bigintAsNumber
    ? {
        getTypeParser: (oid: number, format?: string): TypeParser =>
          oid === INT8_OID && format !== "binary"
            ? safeInteger
            : pg.types.getTypeParser(oid, format),
      }
    : undefined;
  return new pg.Pool({ connectionString, max: 2, ...(types ? { types } : {}) });
}

/**
 * Drops a test database, ending the sessions still on it. FORCE refuses (42501) while an
 * autovacuum worker is on the database, which a test role may not signal (a database just
 * written to heavily, at the end of a concurrency test): the worker soon ends by itself, so
 * the drop is tried again for up to 10 s.
 */
export async function dropDatabase(admin: PgPool, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "42501" || attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
