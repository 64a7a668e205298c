// Vitest global setup for API tests: the built app on a free port over its own seeded
// database (tests/setup/app-server.ts). Tests reach it through inject("baseUrl") and
// inject("databasePath").
import type { TestProject } from "vitest/node";
import { startAppServer } from "./app-server";

export default async function setup(project: TestProject) {
  const server = await startAppServer("api");
  project.provide("baseUrl", server.baseUrl);
  project.provide("databasePath", server.databasePath);
  return server.stop;
}
