// `npm run db:backup [-- --dir <directory>]`: an online backup of the app's SQLite
// database (DATABASE_URL) to <directory>/parking-<UTC time>.db, default data/backups/,
// while the app serves (scripts/sqlite-backup.ts, docs/backup.md).
// Exit codes: 0 written, 1 refused or failed, 2 usage.
import path from "node:path";
import {
  BackupError,
  DEFAULT_BACKUP_DIR,
  backupDatabase,
  databaseFileFromEnv,
} from "./sqlite-backup";

function usage(): never {
  console.error("usage: npm run db:backup [-- --dir <directory>]");
  process.exit(2);
}

const args = process.argv.slice(2);
let directory = DEFAULT_BACKUP_DIR;
if (args.length > 0) {
  if (args.length !== 2 || args[0] !== "--dir" || !args[1]) usage();
  directory = args[1];
}

try {
  const source = databaseFileFromEnv();
  const started = Date.now();
  const { file, bytes, pages } = await backupDatabase(source, directory);
  console.log(
    `Backed up ${source} to ${path.relative(process.cwd(), file) || file} ` +
      `(${pages} pages, ${(bytes / 1_048_576).toFixed(1)} MiB) in ${Date.now() - started} ms.`,
  );
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exit(1);
}
