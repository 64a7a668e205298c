// `npm run db:rollups -- <sqlite|postgres>`: prints the SQL a migration carries for the
// analytics roll-ups, generated from their one definition (lib/analytics/rollups.ts), in
// two marked parts: dropping the old triggers (at the top of the migration), and refilling
// every table from the base tables and creating the triggers (at its end). A unit test
// checks that the newest migration of each dialect carrying the markers holds exactly this.
import { rollupMigrationSql } from "@/lib/analytics/rollups";

const dialect = process.argv[2];
if (dialect !== "sqlite" && dialect !== "postgres") {
  console.error("usage: npm run db:rollups -- <sqlite|postgres>");
  process.exit(2);
}
const { drop, create } = rollupMigrationSql(dialect);
process.stdout.write(`${drop}\n\n${create}\n`);
