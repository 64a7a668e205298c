// Driving a lock race on PostgreSQL from a test: another connection's transaction held open
// until the test commits it, and a wait until some statement is seen blocked on a row lock.
import { createRequire } from "node:module";
import type { PgPool } from "./pg";

type PgClient = {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
};
const pg = createRequire(import.meta.url)("pg") as {
  Client: new (config: { connectionString: string }) => PgClient;
};

/** Lock-race helpers for one database; `observer` reads pg_stat_activity (int8 as number). */
export function lockRace(databaseUrl: string, observer: PgPool) {
  /** Resolves once a statement containing `sql` waits for a row lock in this database. */
  async function waitingOnLock(sql: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const { rows } = await observer.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
        [`%${sql}%`],
      );
      if (rows[0]!.n > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`nothing waited on a lock in: ${sql}`);
  }

  /** Another connection's transaction: `statements` run, kept open until `commit()`. */
  async function openTransaction(statements: [string, unknown[]][]) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query("BEGIN");
    for (const [sql, params] of statements) await client.query(sql, params);
    return {
      commit: async () => {
        await client.query("COMMIT");
        await client.end();
      },
    };
  }

  return { waitingOnLock, openTransaction };
}
