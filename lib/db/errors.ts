// What a failed database write means, for the services that turn it into an answer.
import { Prisma } from "@/lib/generated/prisma/client.ts";

/**
 * A unique index refused a write: P2002 from the model API, P2010 from a raw statement
 * (where the driver adapter names the kind of failure), on SQLite and PostgreSQL alike.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2002") return true;
  const cause = (error.meta?.driverAdapterError as { cause?: { kind?: unknown } } | undefined)
    ?.cause;
  return error.code === "P2010" && cause?.kind === "UniqueConstraintViolation";
}
