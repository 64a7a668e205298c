// Vitest global setup for API tests: the built app on a free port over its own seeded
// database (tests/setup/app-server.ts), SQLite or, with API_PG_URL, PostgreSQL. Tests reach
// it through inject("baseUrl") and its database through inject("databaseUrl") (and, on
// SQLite, inject("databasePath")); tests/api/db.ts reads either. After the suite the
// server's log must hold no error-level and no unstructured lines.
import type { TestProject } from "vitest/node";
import { startAppServer } from "./app-server";
import { assertCleanLog } from "./server-log";

export default async function setup(project: TestProject) {
  const server = await startAppServer("api");
  project.provide("baseUrl", server.baseUrl);
  project.provide("databasePath", server.databasePath);
  project.provide("databaseUrl", server.databaseUrl);
  project.provide("serverLogFile", server.logFile);
  project.provide("serverPid", server.pid);
  return async () => {
    await server.stop();
    // Errors are for what went wrong on our side; the whole suite of refused, malformed and
    // abandoned requests must not produce one (nor any line outside the structured log).
    assertCleanLog(server.logFile);
  };
}
