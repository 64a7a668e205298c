// Vitest global setup for browser tests: the built app on a free port over its own seeded
// database, separate from the API tests' (tests/setup/app-server.ts).
import type { TestProject } from "vitest/node";
import { startAppServer } from "./app-server";
import { assertCleanLog } from "./server-log";

export default async function setup(project: TestProject) {
  const server = await startAppServer("e2e");
  project.provide("baseUrl", server.baseUrl);
  project.provide("databasePath", server.databasePath);
  return async () => {
    await server.stop();
    // Browsing every page must leave no error and no unstructured line in the server's log.
    assertCleanLog(server.logFile);
  };
}
