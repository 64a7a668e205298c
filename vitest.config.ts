import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const alias = {
  "@": root,
  // lib/ files are marked server-only for Next.js; in tests they run in Node.
  "server-only": path.join(root, "tests/setup/server-only-stub.ts"),
};

export default defineConfig({
  test: {
    // After the summary: each project's time and the slowest files (docs/testing.md).
    reporters: ["default", "./tests/setup/durations-reporter.ts"],
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/template-db.ts"],
          setupFiles: ["tests/setup/unit-db.ts", "tests/setup/fail-on-console-error.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "api",
          include: ["tests/api/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/api-server.ts"],
          // Every response the client receives is checked against GET /api/openapi.json.
          setupFiles: ["tests/setup/contract-check.ts"],
          // One server and database serve every API test file; run them one at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      // The concurrency tests again, and the worker tests, against a multi-process server
      // (a primary and two workers, as `npm start` runs on a multi-core machine).
      {
        resolve: { alias },
        test: {
          name: "procs",
          include: ["tests/api/concurrency.test.ts", "tests/procs/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/procs-server.ts"],
          setupFiles: ["tests/setup/contract-check.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "ops",
          include: ["tests/ops/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/ops-template.ts"],
          // Each file kills and restarts servers of its own on one port: one at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      // PostgreSQL with two app servers: only when a server is given (PG_TEST_URL, a role
      // that may create databases), as .ci/run does after the SQLite run.
      ...(process.env.PG_TEST_URL
        ? [
            {
              resolve: { alias },
              test: {
                name: "pg",
                include: ["tests/api-pg/**/*.test.ts"],
                environment: "node",
                globalSetup: ["tests/setup/pg-servers.ts"],
                fileParallelism: false,
                testTimeout: 120_000,
                hookTimeout: 600_000,
              },
            },
          ]
        : []),
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/e2e-server.ts"],
          // One server, one database and one browser at a time: files run one by one.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // A browser round trip (click, request, re-render) can take seconds on a loaded
          // CI machine; 1 s (the default) fails for speed, which tests must not judge.
          // Assertions with a stated bound (the 6 s live update) pass their own timeout.
          expect: { poll: { timeout: 10_000, interval: 100 } },
        },
      },
    ],
  },
});
