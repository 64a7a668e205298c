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

// glibc gives threads that allocate (V8's compiler and GC helpers, libuv's pool) malloc
// arenas of their own, up to eight per core, and keeps what is freed in each: with two, a
// worker's peak RSS under 20 concurrent page renders was 11–14 MB lower at the same CPU a page
// (docs/performance.md). An operator's own MALLOC_ARENA_MAX wins.
export const MALLOC_ARENAS = "2";

/** The server process's environment: `env` with the heap bound and the malloc arenas above. */
export function serverProcessEnv<const E extends Record<string, string | undefined>>(
  env: E,
): E & { NODE_OPTIONS: string; MALLOC_ARENA_MAX: string } {
  return {
    ...env,
    NODE_OPTIONS: serverNodeOptions(env.NODE_OPTIONS ?? ""),
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX || MALLOC_ARENAS,
  };
}
