// Vitest global setup for the `procs` project: the built app as `npm start` runs it on a
// multi-core machine, a primary and WEB_CONCURRENCY=2 worker processes on one SQLite file
// (or, with API_PG_URL, one PostgreSQL database), for the concurrency tests and the worker
// tests (tests/procs/). Provides what tests/setup/api-server.ts provides, so the API test
// helpers work unchanged. Afterwards: SIGTERM must stop every process with exit code 0, and
// the log hold no error but the one the worker test causes.
import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { startAppServer } from "./app-server";
import { assertCleanLog } from "./server-log";
import { childPids } from "./processes";

export const PROCS_WORKERS = 2;

export default async function setup(project: TestProject) {
  const server = await startAppServer("procs", { workers: PROCS_WORKERS });
  project.provide("baseUrl", server.baseUrl);
  project.provide("databasePath", server.databasePath);
  project.provide("databaseUrl", server.databaseUrl);
  project.provide("serverLogFile", server.logFile);
  project.provide("serverPid", server.pid);
  return async () => {
    const workers = childPids(server.pid);
    const code = await server.stop();
    const left = workers.filter((pid) => fs.existsSync(`/proc/${pid}`));
    // The worker test kills one worker on purpose; the primary reports it.
    assertCleanLog(server.logFile, [/a worker died; starting another/]);
    if (code !== 0 || left.length > 0) {
      process.exitCode = 1;
      throw new Error(`SIGTERM: the server exited with ${code}; workers left running: ${left}`);
    }
  };
}
