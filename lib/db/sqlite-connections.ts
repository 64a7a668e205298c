// The app's two SQLite connections per process, behind one driver adapter:
// - a WRITER: every transaction runs on it, one at a time (our own queue), and starts with
//   BEGIN IMMEDIATE, so it holds the database's write lock from its first statement: a
//   transaction that reads first and writes later can never be refused the lock halfway
//   (with a plain BEGIN the upgrade fails at once with SQLITE_BUSY when another process
//   has written meanwhile). When another process holds the lock, BEGIN IMMEDIATE is
//   retried with a growing, jittered pause, without blocking the event loop (the writer's
//   busy_timeout is 0: SQLite's own busy wait sleeps inside the synchronous driver call),
//   until BUSY_DEADLINE_MS have passed. In a worker of a multi-process app server the
//   worker first waits its turn for the machine's write lock (machine-write-lock.ts), so
//   the workers' transactions alternate instead of racing for the file's lock;
// - a READER (opened read-only): every statement outside a transaction whose prepared
//   statement is read-only (SQLite says so exactly: sqlite3_stmt_readonly). In WAL mode it
//   sees the last commit and never an open transaction's writes. A statement that would
//   write outside a transaction runs on the writer as a transaction of its own.
// Prepared statements are kept per connection and reused: Prisma's adapter prepares every
// statement anew, while an app sends the same few SQL texts again and again.
import type {
  SqlDriverAdapter,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { acquireMachineWriteLock } from "./machine-write-lock";

/** How long a writer keeps asking for a lock another process holds. */
const BUSY_DEADLINE_MS = 10_000;

type RawStatement = {
  readonly reader: boolean;
  readonly readonly: boolean;
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  columns(): unknown[];
  raw(on?: boolean): RawStatement;
  pluck(on?: boolean): RawStatement;
  safeIntegers(on?: boolean): RawStatement;
};
export type RawDatabase = {
  prepare(sql: string): RawStatement;
  exec(sql: string): unknown;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  readonly inTransaction: boolean;
};

/** How many distinct SQL texts keep their prepared statement (IN lists vary in length). */
const PREPARED_STATEMENTS_KEPT = 1000;

/** The better-sqlite3 handle under Prisma's adapter (a public field of its class). */
function rawDatabaseOf(adapter: SqlDriverAdapter): RawDatabase {
  const database = (adapter as unknown as { client?: RawDatabase }).client;
  if (!database || typeof database.prepare !== "function") {
    throw new Error("the better-sqlite3 adapter no longer exposes its database handle");
  }
  return database;
}

/** A prepare() that keeps the statements of the SQL texts it has seen (the last ones). */
function preparedOnce(
  database: RawDatabase,
  configure: (statement: RawStatement) => RawStatement = (statement) => statement,
): (sql: string) => RawStatement {
  const statements = new Map<string, RawStatement>();
  return (sql: string): RawStatement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = configure(database.prepare(sql));
      statements.set(sql, statement);
      if (statements.size > PREPARED_STATEMENTS_KEPT) {
        statements.delete(statements.keys().next().value as string);
      }
    }
    return statement;
  };
}

/**
 * Makes the adapter's prepare() reuse the statement of an SQL text seen before, and
 * returns that cached prepare. better-sqlite3's bind() works once per statement, so what
 * the adapter gets back passes its arguments on every call instead. The adapter only runs
 * statements to completion (run, all), never iterates, so one statement is never used
 * twice at once.
 */
function reusePreparedStatements(adapter: SqlDriverAdapter): (sql: string) => RawStatement {
  const holder = adapter as unknown as { client: RawDatabase };
  const database = rawDatabaseOf(adapter);
  const prepared = preparedOnce(database);
  const reusable = (statement: RawStatement) => ({
    reader: statement.reader,
    run: (...params: unknown[]) => statement.run(...params),
    bind: (params: unknown[]) => ({
      reader: statement.reader,
      run: () => statement.run(params),
      columns: () => statement.columns(),
      raw: () => ({ all: () => statement.raw(true).all(params) }),
    }),
  });
  holder.client = new Proxy(database, {
    get(target, property) {
      if (property === "prepare") return (sql: string) => reusable(prepared(sql));
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return prepared;
}

/** A FIFO lock: one transaction at a time on the writer connection. */
class Queue {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => turn);
    return ready;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Prisma maps this kind to P1008; lib/db/client.ts answers it as SERVICE_BUSY.
const busyTimeout = () => new DriverAdapterError({ kind: "SocketTimeout" });

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/**
 * BEGIN IMMEDIATE, waiting for another process's write lock by retrying: pauses grow from
 * 1 ms to 50 ms with jitter (so processes that wait together do not retry in step).
 */
async function beginImmediate(database: RawDatabase, deadline: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      database.exec("BEGIN IMMEDIATE");
      return;
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() >= deadline) {
        throw busyTimeout();
      }
      const pause = Math.min(50, 2 ** attempt);
      await sleep(pause / 2 + Math.random() * pause);
    }
  }
}

export class ReadWriteSqliteAdapter implements SqlDriverAdapter {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #reader: SqlDriverAdapter;
  readonly #writer: SqlDriverAdapter;
  readonly #readerPrepared: (sql: string) => RawStatement;
  // readNow's statements, its own (the adapter's answer in arrays, with bigints): rows as
  // objects with numbers, as Prisma's $queryRaw gives them.
  readonly #readNowPrepared: (sql: string) => RawStatement;
  readonly #writerDatabase: RawDatabase;
  // PRAGMA data_version, prepared once: read on every cached read (database.pragma()
  // prepares the statement anew on each call).
  readonly #readerVersion: RawStatement;
  readonly #writerVersion: RawStatement;
  readonly #queue = new Queue();
  #disposed = false;

  constructor(reader: SqlDriverAdapter, writer: SqlDriverAdapter) {
    this.adapterName = writer.adapterName;
    this.#reader = reader;
    this.#writer = writer;
    // The handles themselves, before reusePreparedStatements puts its own in their place.
    const readerDatabase = rawDatabaseOf(reader);
    this.#writerDatabase = rawDatabaseOf(writer);
    this.#readerVersion = readerDatabase.prepare("PRAGMA data_version").pluck();
    this.#writerVersion = this.#writerDatabase.prepare("PRAGMA data_version").pluck();
    this.#readNowPrepared = preparedOnce(readerDatabase, (statement) =>
      statement.safeIntegers(false),
    );
    this.#readerPrepared = reusePreparedStatements(reader);
    reusePreparedStatements(writer);
  }

  /**
   * Moves whenever another connection commits: for the reader that includes this
   * process's own writer, so it tells of every commit, here and elsewhere.
   */
  readerDataVersion(): number {
    return Number(this.#readerVersion.get());
  }

  /** Moves only when another process commits (this process writes on this connection). */
  writerDataVersion(): number {
    return Number(this.#writerVersion.get());
  }

  /**
   * Runs a read-only statement on the reader at once (lib/db/read-now.ts): the last
   * commit's rows, as objects; null once disconnected (Prisma reconnects on its next
   * query). A statement that would write is refused, not run.
   */
  readNow(sql: string, values: readonly unknown[]): unknown[] | null {
    if (this.#disposed) return null;
    const statement = this.#readNowPrepared(sql);
    if (!statement.readonly) throw new Error("readNow runs only read-only statements");
    return statement.all(...values);
  }

  #readsOnly(sql: string): boolean {
    try {
      return this.#readerPrepared(sql).readonly;
    } catch {
      // Not preparable on the reader (e.g. a table it has not seen yet): the writer
      // will report the real error or run it.
      return false;
    }
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    if (this.#readsOnly(query.sql)) return this.#reader.queryRaw(query);
    return this.#alone((tx) => tx.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    if (this.#readsOnly(query.sql)) return this.#reader.executeRaw(query);
    return this.#alone((tx) => tx.executeRaw(query));
  }

  /** Runs a script on the writer as it is (its own transaction control, if any). */
  async executeScript(script: string): Promise<void> {
    const release = await this.#queue.acquire();
    try {
      await this.#writer.executeScript(script);
    } finally {
      release();
    }
  }

  async startTransaction(): Promise<Transaction> {
    const releaseHere = await this.#queue.acquire();
    const deadline = Date.now() + BUSY_DEADLINE_MS;
    let releaseMachine = () => {};
    const release = () => {
      releaseMachine();
      releaseHere();
    };
    try {
      // Other workers of this app server first (lib/db/machine-write-lock.ts), then the file.
      releaseMachine = await acquireMachineWriteLock(BUSY_DEADLINE_MS, busyTimeout);
      await beginImmediate(this.#writerDatabase, deadline);
    } catch (error) {
      release();
      throw error;
    }
    const writer = this.#writer;
    let open = true;
    const close = () => {
      if (open) release();
      open = false;
      return Promise.resolve();
    };
    return {
      provider: this.provider,
      adapterName: this.adapterName,
      // Prisma sends COMMIT / ROLLBACK through executeRaw below, then calls these.
      options: { usePhantomQuery: false },
      queryRaw: (query) => writer.queryRaw(query),
      executeRaw: (query) => writer.executeRaw(query),
      commit: close,
      rollback: close,
    };
  }

  /** A write outside a transaction: a transaction of its own on the writer. */
  async #alone<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const tx = await this.startTransaction();
    try {
      const result = await work(tx);
      await tx.executeRaw({ sql: "COMMIT", args: [], argTypes: [] });
      await tx.commit();
      return result;
    } catch (error) {
      // SQLite may have rolled back by itself (some errors end the transaction).
      if (this.#writerDatabase.inTransaction) this.#writerDatabase.exec("ROLLBACK");
      await tx.rollback();
      throw error;
    }
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    await Promise.all([this.#reader.dispose(), this.#writer.dispose()]);
  }
}
