import { z } from "zod";

/** The largest value of an integer column on both databases (PostgreSQL's int4). */
export const MAX_DB_INT = 2_147_483_647;

/** A JSON integer id (a positive safe integer). */
export const idSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A query-string integer: only digits (and a leading minus), within bounds. */
export function queryInt(min: number, max: number) {
  return z
    .string()
    .regex(/^-?\d{1,15}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

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
