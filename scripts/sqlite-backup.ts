// Online backup and restore of the app's SQLite file (`npm run db:backup`,
// `npm run db:restore`; docs/backup.md). PostgreSQL is backed up with its own tools
// (pg_dump / pg_restore), which these refuse to stand in for.
//
// Backup: SQLite's online backup API (better-sqlite3's backup()) from a read-only
// connection, while the app serves. It copies every page in ONE step, so the copy is the
// database as of one committed transaction (a step-wise copy restarts whenever another
// connection writes, which under load may be always). WAL mode lets the app keep writing
// meanwhile. The copy is written beside its final name, checked, made a single
// self-contained file (journal_mode=DELETE) and only then renamed into place.
//
// Restore: into the app's database file, only while nothing has it open (the app must be
// stopped: an exclusive lock proves it), after checking the backup; the database it
// replaces is kept beside it, never deleted.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { BUSY_TIMEOUT_MS, DEFAULT_DATABASE_URL, databaseFilePath } from "@/lib/db/sqlite-adapter";
import { isPostgresUrl } from "@/lib/db/pg-adapter";

/** A refusal the CLI reports as a message and exit code 1 (no stack trace). */
export class BackupError extends Error {}

export const DEFAULT_BACKUP_DIR = path.join("data", "backups");

/** sqlite3_backup_step's page count is capped at this; more than any file holds. */
const ALL_PAGES = 0x7fffffff;

/** The SQLite file DATABASE_URL names (default as the app's); refuses PostgreSQL. */
export function databaseFileFromEnv(databaseUrl = process.env.DATABASE_URL): string {
  const url = databaseUrl || DEFAULT_DATABASE_URL;
  if (isPostgresUrl(url)) {
    throw new BackupError(
      "DATABASE_URL is a PostgreSQL database: back it up with pg_dump and restore it with " +
        'pg_restore (README, "Backups"). These commands handle the SQLite file only.',
    );
  }
  const file = databaseFilePath(url);
  if (file === ":memory:") throw new BackupError("An in-memory database has nothing to back up.");
  return path.resolve(file);
}

/** UTC, sortable, safe in file names: 2026-12-05T04:53:00.123Z → 20261205T045300123Z. */
function fileTimestamp(now: Date): string {
  return now.toISOString().replace(/[-:.]/g, "");
}

/** What is wrong with a file as a copy of the app's database (nothing: an empty list). */
function backupProblems(file: string): string[] {
  if (!fs.existsSync(file)) return [`${file} does not exist`];
  let database: Database.Database;
  try {
    database = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return [`${file} cannot be opened as SQLite: ${(error as Error).message}`];
  }
  try {
    const integrity = database.pragma("integrity_check", { simple: false }) as {
      integrity_check: string;
    }[];
    const problems = integrity
      .map((row) => row.integrity_check)
      .filter((message) => message !== "ok")
      .slice(0, 5);
    const migrated = database
      .prepare(
        "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
      )
      .get() as { n: number };
    if (migrated.n === 0)
      problems.push(`${file} is not a database of this app (no migrations table)`);
    return problems;
  } catch (error) {
    return [`${file} cannot be read as SQLite: ${(error as Error).message}`];
  } finally {
    database.close();
  }
}

function assertUsable(file: string): void {
  const problems = backupProblems(file);
  if (problems.length > 0)
    throw new BackupError(`Not a usable backup:\n  ${problems.join("\n  ")}`);
}

/** Makes a checked copy a single file: no WAL beside it, whatever the source used. */
function makeSelfContained(file: string): void {
  const database = new Database(file);
  try {
    database.pragma("journal_mode = DELETE");
  } finally {
    database.close();
  }
}

export type BackupResult = { file: string; bytes: number; pages: number };

/** Copies the live database `source` to `<directory>/parking-<UTC time>.db`. */
export async function backupDatabase(
  source: string,
  directory: string,
  now: Date = new Date(),
): Promise<BackupResult> {
  if (!fs.existsSync(source)) throw new BackupError(`${source} does not exist.`);
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(path.resolve(directory), `parking-${fileTimestamp(now)}.db`);
  if (fs.existsSync(file)) throw new BackupError(`${file} exists already.`);
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  const database = new Database(source, {
    readonly: true,
    fileMustExist: true,
    timeout: BUSY_TIMEOUT_MS,
  });
  let pages = 0;
  try {
    const progress = await database.backup(partial, { progress: () => ALL_PAGES });
    pages = progress.totalPages;
  } finally {
    database.close();
  }
  try {
    assertUsable(partial);
    makeSelfContained(partial);
    fs.renameSync(partial, file);
  } finally {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) {
      fs.rmSync(partial + suffix, { force: true });
    }
  }
  return { file, bytes: fs.statSync(file).size, pages };
}

/**
 * Opens `file` with an exclusive lock, or null when another connection has it open (an
 * app serving, a script, Prisma Studio). In WAL mode every open connection holds a shared
 * lock, so this fails at once while anything uses the file, busy or idle.
 */
function lockExclusively(file: string): Database.Database | null {
  const database = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    database.pragma("locking_mode = EXCLUSIVE");
    database.exec("BEGIN EXCLUSIVE");
    database.exec("COMMIT");
    return database;
  } catch (error) {
    database.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY") return null;
    throw error;
  }
}

export type RestoreResult = { target: string; previous: string | null };

/**
 * Replaces the database `target` with the backup `backup`, only while nothing has the
 * target open. The replaced database (with its WAL folded in) is kept as
 * `<target>.pre-restore-<UTC time>`.
 */
export function restoreDatabase(
  backup: string,
  target: string,
  now: Date = new Date(),
): RestoreResult {
  assertUsable(backup);
  const incoming = `${target}.restoring`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(backup, incoming);
  let previous: string | null = null;
  try {
    assertUsable(incoming);
    makeSelfContained(incoming);
    if (fs.existsSync(target)) {
      const lock = lockExclusively(target);
      if (!lock) {
        throw new BackupError(
          `${target} is in use: stop the app (and anything else that has the database open) first.`,
        );
      }
      try {
        // Fold the WAL into the file, so that the kept copy is complete by itself.
        const [checkpoint] = lock.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
        if (checkpoint && checkpoint.busy !== 0) {
          throw new BackupError(`${target}: its WAL could not be folded in; nothing was changed.`);
        }
      } finally {
        lock.close();
      }
      previous = `${target}.pre-restore-${fileTimestamp(now)}`;
      fs.renameSync(target, previous);
      // After the checkpoint the WAL holds nothing the file lacks, and the shared-memory
      // index is rebuilt by whoever opens a database next: neither belongs to either file.
      for (const suffix of ["-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
    }
    fs.renameSync(incoming, target);
  } finally {
    for (const suffix of ["", "-journal"]) fs.rmSync(incoming + suffix, { force: true });
  }
  return { target, previous };
}
