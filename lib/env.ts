// Environment, validated once with zod. Read through these functions, never process.env.
// Outside this file: LOG_LEVEL (lib/log.ts), PORT and HOST (server/main.ts), read by the
// server entry, which must not load zod and the database adapters this file pulls in.
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "@/lib/db/sqlite-adapter";
import { DEFAULT_POOL_MAX } from "@/lib/db/pg-adapter";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().trim().min(1).default(DEFAULT_DATABASE_URL),
  // PostgreSQL only: connections per app-server process (lib/db/pg-adapter.ts).
  PG_POOL_MAX: z.coerce.number().int().min(1).max(100).default(DEFAULT_POOL_MAX),
  // Unset: the session cookie is Secure exactly when the request came over HTTPS (directly
  // or per X-Forwarded-Proto), so `npm start` works over plain HTTP on a LAN and stays
  // Secure behind a TLS proxy. Set 1 or 0 to force it.
  COOKIE_SECURE: z.enum(["0", "1", "true", "false"]).optional(),
  // The location that v1 requests without a locationId mean where one must be picked
  // (creating a slot, the unscoped pricing rules); default: the first location created.
  DEFAULT_LOCATION_SLUG: z.string().trim().min(1).optional(),
  // Name and IANA time zone given to the location an upgraded database's data moves into
  // (applied at start while it still has the migration's defaults).
  DEFAULT_LOCATION_NAME: z.string().trim().min(1).max(100).default("Main garage"),
  DEFAULT_LOCATION_TZ: z.string().trim().min(1).default("UTC"),
});

export type Env = Omit<z.infer<typeof envSchema>, "COOKIE_SECURE"> & {
  /** undefined: decide per request from the protocol. */
  COOKIE_SECURE: boolean | undefined;
};

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.parse({
    NODE_ENV: process.env.NODE_ENV,
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    PG_POOL_MAX: process.env.PG_POOL_MAX || undefined,
    COOKIE_SECURE: process.env.COOKIE_SECURE || undefined,
    DEFAULT_LOCATION_SLUG: process.env.DEFAULT_LOCATION_SLUG || undefined,
    DEFAULT_LOCATION_NAME: process.env.DEFAULT_LOCATION_NAME || undefined,
    DEFAULT_LOCATION_TZ: process.env.DEFAULT_LOCATION_TZ || undefined,
  });
  const secureFlag = parsed.COOKIE_SECURE;
  cached = {
    ...parsed,
    COOKIE_SECURE:
      secureFlag === undefined ? undefined : secureFlag === "1" || secureFlag === "true",
  };
  return cached;
}
