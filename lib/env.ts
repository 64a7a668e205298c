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
  // Argon2id's cost for new password hashes (lib/auth/password.ts): OWASP's, or `minimal`
  // for the test suites' servers only.
  PASSWORD_HASH_COST: z.enum(["owasp", "minimal"]).default("owasp"),
  // The location that v1 requests without a locationId mean where one must be picked
  // (creating a slot, the unscoped pricing rules); default: the first location created.
  DEFAULT_LOCATION_SLUG: z.string().trim().min(1).optional(),
  // Name and IANA time zone given to the location an upgraded database's data moves into
  // (applied at start while it still has the migration's defaults).
  DEFAULT_LOCATION_NAME: z.string().trim().min(1).max(100).default("Main garage"),
  DEFAULT_LOCATION_TZ: z.string().trim().min(1).default("UTC"),
  // Money in (lib/payments): which provider takes drivers' top-ups, and the limits.
  PAYMENT_PROVIDER: z.enum(["demo", "stripe"]).optional(),
  ALLOW_DEMO_PAYMENTS: z.enum(["0", "1"]).default("0"),
  STRIPE_SECRET_KEY: z.string().trim().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().trim().min(1).optional(),
  STRIPE_API_BASE: z.url().optional(),
  TOP_UP_MAX_CENTS: z.coerce.number().int().min(1).max(100_000_000).default(100_000),
  TOP_UP_DAILY_MAX_CENTS: z.coerce.number().int().min(1).max(1_000_000_000).default(500_000),
  // Per UTC day until the account's first paid (non-demo) top-up has succeeded.
  TOP_UP_NEW_ACCOUNT_DAILY_MAX_CENTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000_000)
    .default(20_000),
});

export type Env = Omit<
  z.infer<typeof envSchema>,
  "COOKIE_SECURE" | "PAYMENT_PROVIDER" | "ALLOW_DEMO_PAYMENTS"
> & {
  /** undefined: decide per request from the protocol. */
  COOKIE_SECURE: boolean | undefined;
  PAYMENT_PROVIDER: "demo" | "stripe";
  ALLOW_DEMO_PAYMENTS: boolean;
};

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.parse({
    NODE_ENV: process.env.NODE_ENV,
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    PG_POOL_MAX: process.env.PG_POOL_MAX || undefined,
    COOKIE_SECURE: process.env.COOKIE_SECURE || undefined,
    PASSWORD_HASH_COST: process.env.PASSWORD_HASH_COST || undefined,
    DEFAULT_LOCATION_SLUG: process.env.DEFAULT_LOCATION_SLUG || undefined,
    DEFAULT_LOCATION_NAME: process.env.DEFAULT_LOCATION_NAME || undefined,
    DEFAULT_LOCATION_TZ: process.env.DEFAULT_LOCATION_TZ || undefined,
    PAYMENT_PROVIDER: process.env.PAYMENT_PROVIDER || undefined,
    ALLOW_DEMO_PAYMENTS: process.env.ALLOW_DEMO_PAYMENTS || undefined,
    STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY || undefined,
    STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET || undefined,
    STRIPE_API_BASE: process.env.STRIPE_API_BASE || undefined,
    TOP_UP_MAX_CENTS: process.env.TOP_UP_MAX_CENTS || undefined,
    TOP_UP_DAILY_MAX_CENTS: process.env.TOP_UP_DAILY_MAX_CENTS || undefined,
    TOP_UP_NEW_ACCOUNT_DAILY_MAX_CENTS: process.env.TOP_UP_NEW_ACCOUNT_DAILY_MAX_CENTS || undefined,
  });
  const secureFlag = parsed.COOKIE_SECURE;
  cached = {
    ...parsed,
    COOKIE_SECURE:
      secureFlag === undefined ? undefined : secureFlag === "1" || secureFlag === "true",
    ...paymentSettings(parsed),
  };
  return cached;
}

/**
 * The provider. Unset means `demo`, whose every top-up the UI labels demo money; `stripe`
 * needs both its secrets. Whether a production server may run on demo money is
 * demoPaymentsRefusal's question, asked by the server entry at start.
 */
export function paymentSettings(
  parsed: Pick<
    z.infer<typeof envSchema>,
    "PAYMENT_PROVIDER" | "ALLOW_DEMO_PAYMENTS" | "STRIPE_SECRET_KEY" | "STRIPE_WEBHOOK_SECRET"
  >,
) {
  const allowDemo = parsed.ALLOW_DEMO_PAYMENTS === "1";
  const provider = parsed.PAYMENT_PROVIDER ?? "demo";
  if (provider === "stripe" && (!parsed.STRIPE_SECRET_KEY || !parsed.STRIPE_WEBHOOK_SECRET)) {
    throw new Error("PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.");
  }
  return { PAYMENT_PROVIDER: provider, ALLOW_DEMO_PAYMENTS: allowDemo } as const;
}

/**
 * Why a server must not start with these settings, or null: demo money with
 * NODE_ENV=production is refused unless ALLOW_DEMO_PAYMENTS=1, so a deployment never hands
 * out free money by accident (`npm start` without a provider is the demo and allows it:
 * scripts/start.ts). Asked by the server entry, not when env() is read, because
 * `next build` runs with NODE_ENV=production too.
 */
export function demoPaymentsRefusal(
  settings: Pick<Env, "NODE_ENV" | "PAYMENT_PROVIDER" | "ALLOW_DEMO_PAYMENTS">,
): string | null {
  return settings.PAYMENT_PROVIDER === "demo" &&
    settings.NODE_ENV === "production" &&
    !settings.ALLOW_DEMO_PAYMENTS
    ? "Demo payments are refused with NODE_ENV=production: set PAYMENT_PROVIDER=stripe, or ALLOW_DEMO_PAYMENTS=1 to run on demo money."
    : null;
}
