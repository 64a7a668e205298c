// How the app server process is started, shared by `npm start`, the tests and `npm run
// bench`, so that all of them run what operators run: the built server entry (server/main.ts,
// compiled by `npm run build`) under the same Node options.
import path from "node:path";

/** The compiled server entry, relative to the project root. */
export const SERVER_ENTRY = ".next/app-server/main.mjs";

export function serverEntryPath(root: string): string {
  return path.join(root, SERVER_ENTRY);
}

// Without a bound V8 sizes the old generation from the machine's memory (gigabytes) and
// collects lazily, so under 20 concurrent page renders the server's RSS grew past 430 MB;
// with 256 MB it stays near 250 MB at the same throughput (docs/performance.md). An
// operator's own --max-old-space-size wins.
export const SERVER_HEAP_MB = 256;

export function serverNodeOptions(existing: string = process.env.NODE_OPTIONS ?? ""): string {
  if (/--max-old-space-size/.test(existing)) return existing;
  return `${existing} --max-old-space-size=${SERVER_HEAP_MB}`.trim();
}
