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

export function pgPool(connectionString: string): PgPool {
  const pg = createRequire(import.meta.url)("pg") as {
    Pool: new (config: object) => PgPool;
  };
  return new pg.Pool({ connectionString, max: 2 });
}
