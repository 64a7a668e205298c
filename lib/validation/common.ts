import { z } from "zod";

// In the browser, pages run under a CSP without 'unsafe-eval': zod's JIT would probe
// `new Function` there (a reported violation, then a fallback). Parse without it.
if (typeof window !== "undefined") z.config({ jitless: true });

/**
 * The largest value of an integer column on both databases (PostgreSQL's int4). Every
 * integer that reaches a query is bounded by it here, at validation: beyond it a
 * PostgreSQL query fails instead of finding nothing.
 */
export const MAX_DB_INT = 2_147_483_647;

/** A JSON integer id: 1 up to the largest id a column can hold. */
export const idSchema = z.number().int().min(1).max(MAX_DB_INT);

/** A JSON amount of cents or other count stored in an integer column (≥ 0). */
export const dbIntSchema = z.number().int().min(0).max(MAX_DB_INT);

/** A query-string integer: only digits (and a leading minus), within bounds. */
export function queryInt(min: number, max: number) {
  return z
    .string()
    .regex(/^-?\d{1,15}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** An id in the query string. */
export const queryIdSchema = () => queryInt(1, MAX_DB_INT);

/** `{id}` of a dynamic route segment: a positive integer id. */
export const idParamsSchema = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, "must be a positive whole number")
    .transform(Number)
    .pipe(idSchema),
});

export function paginationSchema(defaultLimit = 50) {
  return {
    limit: queryInt(1, 500).default(defaultLimit),
    offset: queryInt(0, Number.MAX_SAFE_INTEGER).default(0),
  };
}

/** An ISO-8601 time in UTC with a `Z`, as the contract writes times; parsed to a Date. */
export const utcTimeSchema = z.iso
  .datetime({ message: "must be an ISO-8601 time in UTC ending in Z" })
  .transform((s) => new Date(s));
