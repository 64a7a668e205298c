// `npm test` after the build: the vitest projects in two lanes side by side, each its own
// vitest process. One vitest run puts every project whose files go one at a time (one
// server and database each: api, procs, ops, e2e) into a single sequential lane; the
// browser tests spend most of their time waiting on the browser and the server, so running
// them beside the rest uses the wait (docs/testing.md). Each output line is prefixed with
// its lane; the exit code is the first lane's failure, if any.
//
// With arguments (`npm test -- tests/unit/x.test.ts`, `--project api`) it is one plain
// `vitest run` with them.
import { spawn } from "node:child_process";
import readline from "node:readline";
import config from "../vitest.config";

const LANES: { name: string; projects: string[] }[] = [
  { name: "browser", projects: ["e2e", "ops"] },
  // `pg` is a project only when PG_TEST_URL is set.
  { name: "domain·api", projects: ["unit", "api", "procs", "pg"] },
];

// A project in no lane would silently not run.
const configured = (config.test?.projects ?? []).map((p) =>
  typeof p === "object" && "test" in p ? p.test?.name : undefined,
);
const laned = new Set(LANES.flatMap((lane) => lane.projects));
const missing = configured.filter((name) => typeof name !== "string" || !laned.has(name));
if (missing.length > 0) throw new Error(`vitest projects in no lane: ${missing.join(", ")}`);

function run(name: string | null, args: string[]): Promise<number> {
  const child = spawn("npx", ["vitest", "run", ...args], {
    stdio: name === null ? "inherit" : ["ignore", "pipe", "pipe"],
  });
  if (name !== null) {
    for (const stream of [child.stdout!, child.stderr!]) {
      readline
        .createInterface({ input: stream })
        .on("line", (line) => process.stdout.write(`[${name}] ${line}\n`));
    }
  }
  return new Promise((resolve) => {
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const args = process.argv.slice(2);
const codes =
  args.length > 0
    ? [await run(null, args)]
    : await Promise.all(
        LANES.map((lane) =>
          run(
            lane.name,
            lane.projects.filter((p) => configured.includes(p)).flatMap((p) => ["--project", p]),
          ),
        ),
      );
process.exitCode = codes.find((code) => code !== 0) ?? 0;
