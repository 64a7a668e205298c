// The app server entry, built into .next/app-server/ by `npm run build`. `npm start` runs
// it after migrating and seeding (scripts/start.ts); the tests and the benchmark run the
// same file. WEB_CONCURRENCY worker processes (default: one per CPU) serve on PORT:
// - 1: this process serves alone (server/serve.ts), as it does under `npm run dev`;
// - more: this process is the primary (server/primary.ts): it forks the workers, which
//   share the port, replaces one that dies, and arbitrates their SQLite writes.
// The primary loads neither Next.js nor the database: its modules are separate chunks.
import cluster from "node:cluster";
import os from "node:os";
import { logger } from "@/lib/log";
import { isDevelopmentServer, workerCount } from "@/lib/processes";
import { demoPaymentsRefusal, env } from "@/lib/env";

async function main(): Promise<void> {
  const refusal = demoPaymentsRefusal(env());
  if (refusal) throw new Error(refusal);
  if (cluster.isWorker) return (await import("./serve")).serve();
  const count = workerCount(process.env.WEB_CONCURRENCY, os.availableParallelism());
  if (count === 1 || isDevelopmentServer()) return (await import("./serve")).serve();
  await (await import("./primary")).runPrimary(count);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "the server could not start");
  process.exit(1);
});
