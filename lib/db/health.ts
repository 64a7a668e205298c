import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";

/** True when a trivial query succeeds. */
export async function checkDatabase(): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch (error) {
    logger.error({ err: error }, "Database health check failed");
    return false;
  }
}
