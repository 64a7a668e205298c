// Whether `npm start` must build first: when there is no build, or when any source the
// build is made from changed after it (a `git pull`, a checkout or an edit gives changed
// files a new modification time, and `npm ci` regenerates the Prisma client). Comparing
// times costs one stat per file (~250 files, a few milliseconds) and needs no git; a
// deployment that copies sources with older times than its build must run `npm run build`.
import fs from "node:fs";
import path from "node:path";
import { SERVER_ENTRY } from "./server-process";

/** What `npm run build` reads: directories walked recursively, and single files. */
const BUILD_SOURCES = [
  "app",
  "components",
  "lib",
  "server",
  "public",
  // How the server entry is compiled; the other scripts are not part of the build.
  "scripts/build-server.ts",
  "scripts/server-process.ts",
  "instrumentation.ts",
  "next.config.mjs",
  "postcss.config.mjs",
  "tailwind.config.ts",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

/** The newest modification time (ms) under `entry`, or 0 when it does not exist. */
function newestMtime(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) {
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/** Why the build in `root` must be redone, or null when it is up to date. */
export function staleBuildReason(root: string): string | null {
  // The server entry is the last thing `npm run build` writes.
  let builtAt: number;
  try {
    fs.statSync(path.join(root, ".next", "BUILD_ID"));
    builtAt = fs.statSync(path.join(root, SERVER_ENTRY)).mtimeMs;
  } catch {
    return "there is no build yet";
  }
  const changed = BUILD_SOURCES.find((source) => newestMtime(path.join(root, source)) > builtAt);
  return changed ? `${changed} changed after the last build` : null;
}
