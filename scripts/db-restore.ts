// `npm run db:restore -- <backup file>`: replaces the app's SQLite database (DATABASE_URL)
// with a backup made by `npm run db:backup`. Refuses while anything has the database open
// (stop the app first) and keeps the replaced database beside it as
// <database>.pre-restore-<UTC time> (scripts/sqlite-backup.ts, docs/backup.md). Start the
// app afterwards: `npm start` applies any migration newer than the backup.
// Exit codes: 0 restored, 1 refused or failed, 2 usage.
import { BackupError, databaseFileFromEnv, restoreDatabase } from "./sqlite-backup";

const args = process.argv.slice(2);
if (args.length !== 1 || !args[0] || args[0].startsWith("-")) {
  console.error("usage: npm run db:restore -- <backup file>");
  process.exit(2);
}

try {
  const { target, previous } = restoreDatabase(args[0], databaseFileFromEnv());
  console.log(`Restored ${args[0]} into ${target}.`);
  if (previous) console.log(`The database it replaced is kept as ${previous}.`);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exit(1);
}
