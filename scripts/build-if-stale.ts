// `npm run build` unless the build is up to date with its sources (scripts/build-freshness.ts),
// as `npm start` decides. CI's PostgreSQL half (.ci/postgres) runs it to reuse the build the
// SQLite half made: the build holds no database choice (DATABASE_URL picks SQLite or
// PostgreSQL when a server starts: lib/db/client.ts), so one build serves both.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { staleBuildReason } from "./build-freshness";

const root = path.resolve(import.meta.dirname, "..");
const stale = staleBuildReason(root);
if (stale === null) {
  console.log("The build is up to date with its sources: reusing it.");
} else {
  console.log(`Building the app: ${stale}.`);
  const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  process.exitCode = result.status ?? 1;
}
