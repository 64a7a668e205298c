// The response schemas the tests parse with: the same ones the OpenAPI document is generated
// from (lib/api-schemas), checked against ../shared/API.md by the tests that use them, plus
// the assertions every test uses to check a response. Every response is also validated
// against the served document (contract.ts).
import { expect } from "vitest";
import { z } from "zod";
import type { ApiResponse } from "./client";

import { PAYMENT_STATUSES, RESERVATION_STATUSES, ROLES, SLOT_TYPES } from "@/lib/api-schemas/enums";
import {
  availabilitySchema,
  balanceSchema,
  healthSchema,
  paymentSchema,
  reservationBodySchema,
  reservationListSchema,
  reservationSchema,
  reserveResultSchema,
  slotListSchema,
  slotSchema,
  userBodySchema,
  userListSchema,
  userSchema,
  walletTransactionListSchema,
} from "@/lib/api-schemas/parking";

export const slotTypes = SLOT_TYPES;
export const SlotType = z.enum(SLOT_TYPES);
export const Role = z.enum(ROLES);
export const ReservationStatus = z.enum(RESERVATION_STATUSES);
export const PaymentStatus = z.enum(PAYMENT_STATUSES);

export const Slot = slotSchema;
export type Slot = z.infer<typeof Slot>;
export const User = userSchema;
export type User = z.infer<typeof User>;
export const Reservation = reservationSchema;
export type Reservation = z.infer<typeof Reservation>;
export const Payment = paymentSchema;
export type Payment = z.infer<typeof Payment>;

export const HealthBody = healthSchema;
export const AvailabilityBody = availabilitySchema;
export const SlotsBody = slotListSchema;
export const UserBody = userBodySchema;
export const UsersBody = userListSchema;
export const ReservationBody = reservationBodySchema;
export const ReservationsBody = reservationListSchema;
export const ReserveBody = reserveResultSchema;
export const AddBalanceBody = balanceSchema;
/** GET /api/wallet/transactions: the app's documented extension for the account page. */
export const WalletTransactionsBody = walletTransactionListSchema;

export const errorCodes = [
  "VALIDATION_ERROR",
  "INVALID_JSON",
  "UNAUTHENTICATED",
  "INVALID_CREDENTIALS",
  "INSUFFICIENT_FUNDS",
  "FORBIDDEN",
  "NOT_FOUND",
  "METHOD_NOT_ALLOWED",
  "SLOT_UNAVAILABLE",
  "RESERVATION_NOT_ACTIVE",
  "CONFLICT",
  "PRICE_CHANGED",
  "PLATE_TAKEN",
  "INVALID_GATE_KEY",
  "NOT_EXTENDABLE",
  "OUTSTANDING_BALANCE",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "RATE_LIMITED",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const ErrorBody = z.object({
  error: z.object({
    code: z.string().regex(/^[A-Z]+(_[A-Z]+)*$/),
    message: z.string().min(1),
    details: z.unknown().optional(),
  }),
});
export const ValidationDetails = z
  .array(z.object({ path: z.string(), message: z.string().min(1) }))
  .min(1);

// What must never reach a client: stack frames, source positions, SQL, ORM or driver text.
const LEAKS = [
  /\bat .+\(.*:\d+:\d+\)/,
  /\.(ts|js|mjs|cjs):\d+/,
  /\b(SELECT|INSERT|UPDATE|DELETE)\b.*\b(FROM|INTO|SET|WHERE)\b/i,
  /prisma|sqlite|better-sqlite3|SQLITE_|P20\d\d|invalid `/i,
  /node_modules|\.next\//,
];

export function expectNoLeak(response: ApiResponse): void {
  for (const pattern of LEAKS) expect(response.text, `leaks ${pattern}`).not.toMatch(pattern);
}

function describeResponse(response: ApiResponse): string {
  return `${response.status} ${response.text.slice(0, 500)}`;
}

function expectJson(response: ApiResponse): void {
  expect(response.headers.get("content-type") ?? "", describeResponse(response)).toMatch(
    /^application\/json\b/i,
  );
}

/** Asserts the status and the contract's JSON shape; returns the parsed body. */
export function expectOk<S extends z.ZodType>(
  response: ApiResponse,
  status: number,
  schema: S,
): z.output<S> {
  expect(response.status, describeResponse(response)).toBe(status);
  expectJson(response);
  const parsed = schema.safeParse(response.body);
  if (!parsed.success) {
    throw new Error(
      `response does not match the contract: ${z.prettifyError(parsed.error)}\n${describeResponse(response)}`,
    );
  }
  return parsed.data;
}

export type ErrorExpectation = {
  status: number;
  code: ErrorCode;
  /** For VALIDATION_ERROR: a field that `details` must name. */
  field?: string;
};

/** Asserts an error response in the contract's shape, with its status and code. */
export function expectError(
  response: ApiResponse,
  expected: ErrorExpectation,
): z.output<typeof ErrorBody> {
  const body = expectOk(response, expected.status, ErrorBody);
  expect(body.error.code, describeResponse(response)).toBe(expected.code);
  expectNoLeak(response);
  if (expected.code === "VALIDATION_ERROR") {
    const details = ValidationDetails.parse(body.error.details);
    if (expected.field !== undefined) {
      expect(
        details.map((d) => d.path),
        describeResponse(response),
      ).toContainEqual(expect.stringContaining(expected.field));
    }
  }
  return body;
}

/** No user object may carry a password or its hash, under any spelling. */
export function expectNoSecrets(user: unknown): void {
  expect(Object.keys(user as object).filter((key) => /pass|hash|secret|salt/i.test(key))).toEqual(
    [],
  );
}

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
export function expectUtcIso(value: string): void {
  expect(value).toMatch(ISO_Z);
}
