// The response shapes of ../shared/API.md as zod schemas, written from the contract (not
// from the app's code), plus the assertions every test uses to check a response.
import { expect } from "vitest";
import { z } from "zod";
import type { ApiResponse } from "./client";

/** ISO-8601 in UTC with a `Z`. */
const utcTime = z.iso.datetime();
const id = z.int().positive();
const cents = z.int();
const count = z.int().nonnegative();

export const slotTypes = ["regular", "handicap", "vip", "electric"] as const;
export const SlotType = z.enum(slotTypes);
export const Role = z.enum(["driver", "staff", "admin"]);
export const ReservationStatus = z.enum(["upcoming", "active", "completed", "cancelled"]);
export const PaymentStatus = z.enum(["completed", "refunded"]);

export const Slot = z.object({
  id,
  slotNumber: z.string().min(1),
  floor: z.int(),
  zone: z.string().min(1),
  type: SlotType,
  pricePerHourCents: cents.nonnegative(),
  isAvailable: z.boolean(),
  outOfService: z.boolean(),
  // v2: the slot's location (its number is unique there, not across the network).
  locationId: id,
});
export type Slot = z.infer<typeof Slot>;

export const User = z.object({
  id,
  username: z.string().regex(/^[a-z0-9_.-]{3,32}$/),
  email: z.string().max(254),
  phone: z.string().max(32).nullable(),
  vehicleNumber: z.string().max(16).nullable(),
  role: Role,
  walletBalanceCents: cents.nonnegative(),
  createdAt: utcTime,
});
export type User = z.infer<typeof User>;

export const Reservation = z.object({
  id,
  userId: id,
  slotId: id,
  slotNumber: z.string().min(1),
  startTime: utcTime,
  endTime: utcTime,
  durationHours: z.int().min(1).max(24),
  totalAmountCents: cents.nonnegative(),
  paymentStatus: PaymentStatus,
  status: ReservationStatus,
  createdAt: utcTime,
});
export type Reservation = z.infer<typeof Reservation>;

export const Payment = z.object({
  id,
  reservationId: id,
  userId: id,
  amountCents: cents.nonnegative(),
  paymentMethod: z.string().min(1),
  transactionId: z.string().min(16),
  paymentStatus: PaymentStatus,
  paymentDate: utcTime,
});
export type Payment = z.infer<typeof Payment>;

export const HealthBody = z.object({ status: z.literal("ok"), db: z.literal("ok") });

export const AvailabilityBody = z.object({
  total: count,
  available: count,
  occupied: count,
  outOfService: count,
  occupancyRate: z.number().min(0).max(1),
  byFloor: z.array(z.object({ floor: z.int(), total: count, available: count })),
  byZone: z.array(z.object({ floor: z.int(), zone: z.string(), total: count, available: count })),
  byType: z.array(z.object({ type: SlotType, total: count, available: count })),
  updatedAt: utcTime,
});

export const SlotsBody = z.object({ slots: z.array(Slot), total: count });
export const UserBody = z.object({ user: User });
export const UsersBody = z.object({ users: z.array(User), total: count });
export const ReservationBody = z.object({ reservation: Reservation });
export const ReservationsBody = z.object({ reservations: z.array(Reservation), total: count });
export const ReserveBody = z.object({
  reservation: Reservation,
  payment: Payment,
  walletBalanceCents: cents.nonnegative(),
});
export const AddBalanceBody = z.object({ userId: id, walletBalanceCents: cents.nonnegative() });

/** GET /api/wallet/transactions: the app's documented extension for the account page. */
export const WalletTransactionsBody = z.object({
  transactions: z.array(
    z.object({
      id,
      userId: id,
      kind: z.enum(["top_up", "charge", "refund"]),
      amountCents: cents,
      balanceAfterCents: cents.nonnegative(),
      paymentId: id.nullable(),
      reservationId: id.nullable(),
      createdAt: utcTime,
    }),
  ),
  total: count,
});

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
