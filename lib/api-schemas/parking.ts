// Response schemas of slots, users, reservations, payments and the wallet (../shared/API.md).
// lib/dto.ts maps database rows to exactly these shapes; their types are inferred from here.
import { z } from "zod";
import {
  cents,
  count,
  id,
  nonNegativeCents,
  paymentStatusSchema,
  rate,
  reservationStatusSchema,
  roleSchema,
  slotTypeSchema,
  utcTime,
} from "@/lib/api-schemas/common";
import { RESERVATION_KINDS, WALLET_ENTRY_KINDS } from "@/lib/api-schemas/enums";

export const slotSchema = z
  .object({
    id,
    locationId: id,
    slotNumber: z
      .string()
      .min(1)
      .meta({ examples: ["2-B-014"] }),
    floor: z.int(),
    zone: z.string().min(1),
    type: slotTypeSchema,
    pricePerHourCents: nonNegativeCents,
    /** In service and free now. */
    isAvailable: z.boolean(),
    outOfService: z.boolean(),
    outOfServiceReason: z
      .string()
      .nullable()
      .meta({ description: "Why staff closed it (shown to drivers); null while in service." }),
  })
  .meta({ id: "Slot" });

export const userSchema = z
  .object({
    id,
    username: z.string().regex(/^[a-z0-9_.-]{3,32}$/),
    email: z.string().max(254),
    phone: z.string().max(32).nullable(),
    vehicleNumber: z.string().max(16).nullable(),
    role: roleSchema,
    walletBalanceCents: nonNegativeCents,
    outstandingCents: nonNegativeCents.meta({
      description:
        "v2: what the account owes from an overstay its wallet could not cover; while above 0 new bookings get 402 OUTSTANDING_BALANCE, and a top-up pays it first.",
    }),
    createdAt: utcTime,
    locationIds: z
      .array(id)
      .meta({ description: "The locations a staff user works at; empty for other roles." }),
  })
  .meta({ id: "User" });

export const reservationSchema = z
  .object({
    id,
    userId: id,
    slotId: id,
    slotNumber: z.string().min(1),
    /** The slot's location. */
    locationId: id,
    startTime: utcTime,
    endTime: utcTime,
    durationHours: z.int().min(1).meta({
      description:
        "1..24 when booked; more once extended (POST /api/reservations/{id}/extend) or for a drive-up's actual stay.",
    }),
    totalAmountCents: nonNegativeCents,
    paymentStatus: paymentStatusSchema,
    status: reservationStatusSchema,
    createdAt: utcTime,
    /** v2: the car it is for (null when none was named or that vehicle was removed). */
    vehicleId: id.nullable(),
    /** v2: booked ahead or now (`booked`), or a car that drove up to the gate (`drive_up`). */
    kind: z.enum(RESERVATION_KINDS),
    checkedInAt: utcTime.nullable(),
    checkedOutAt: utcTime.nullable(),
  })
  .meta({ id: "Reservation" });

export const paymentSchema = z
  .object({
    id,
    reservationId: id,
    userId: id,
    amountCents: nonNegativeCents,
    paymentMethod: z.string().min(1),
    /** Unique and unguessable. */
    transactionId: z.string().min(16),
    paymentStatus: paymentStatusSchema,
    paymentDate: utcTime,
  })
  .meta({ id: "Payment" });

export const walletTransactionSchema = z
  .object({
    id,
    userId: id,
    kind: z.enum(WALLET_ENTRY_KINDS),
    amountCents: cents,
    balanceAfterCents: nonNegativeCents,
    paymentId: id.nullable(),
    reservationId: id.nullable(),
    createdAt: utcTime,
  })
  .meta({ id: "WalletTransaction" });

export type SlotDto = z.infer<typeof slotSchema>;
export type UserDto = z.infer<typeof userSchema>;
export type ReservationDto = z.infer<typeof reservationSchema>;
export type PaymentDto = z.infer<typeof paymentSchema>;
export type WalletTransactionDto = z.infer<typeof walletTransactionSchema>;

export const healthSchema = z.object({ status: z.literal("ok"), db: z.literal("ok") });
export const healthDownSchema = z.object({ status: z.literal("degraded"), db: z.literal("down") });

const typeCounts = z.object({ type: slotTypeSchema, total: count, available: count });
export const availabilitySchema = z
  .object({
    total: count,
    available: count,
    occupied: count,
    outOfService: count,
    occupancyRate: rate,
    /** Without locationId only: each location's counts. */
    byLocation: z.array(z.object({ locationId: id, total: count, available: count })).optional(),
    byFloor: z.array(z.object({ locationId: id, floor: z.int(), total: count, available: count })),
    byZone: z.array(
      z.object({
        locationId: id,
        floor: z.int(),
        zone: z.string(),
        total: count,
        available: count,
      }),
    ),
    byType: z.array(typeCounts),
    updatedAt: utcTime,
  })
  .meta({ id: "Availability" });
export type Availability = z.infer<typeof availabilitySchema>;

export const slotListSchema = z.object({ slots: z.array(slotSchema), total: count });
export const slotBodySchema = z.object({ slot: slotSchema });
/** POST /api/slots/bulk: how many slots matched the filter (and now have the state asked). */
export const slotBulkResultSchema = z.object({ updated: count });
export const slotDetailSchema = z.object({
  slot: slotSchema,
  /** Its running and upcoming reservations, soonest first. */
  reservations: z.array(reservationSchema),
});
export const userBodySchema = z.object({ user: userSchema });
export const userListSchema = z.object({ users: z.array(userSchema), total: count });
export const reservationBodySchema = z.object({ reservation: reservationSchema });
export const reservationListSchema = z.object({
  reservations: z.array(reservationSchema),
  total: count,
});
/** POST /api/reserve and POST /api/reservations/{id}/cancel. */
export const reserveResultSchema = z.object({
  reservation: reservationSchema,
  payment: paymentSchema,
  /** The owner's balance afterwards. */
  walletBalanceCents: nonNegativeCents,
});
/** GET /api/reservations/{id}/pass. */
export const passSchema = z
  .object({
    token: z
      .string()
      .regex(/^rp_[1-9][0-9]*\.[A-Za-z0-9_-]{43}$/)
      .meta({ description: "Signed and unguessable; a gate may send it instead of a plate." }),
    qrSvg: z
      .string()
      .regex(/^<svg[\s>]/)
      .meta({ description: "The token as a QR code (SVG)." }),
  })
  .meta({ id: "Pass" });
export const balanceSchema = z.object({ userId: id, walletBalanceCents: nonNegativeCents });
export const walletTransactionListSchema = z.object({
  transactions: z.array(walletTransactionSchema),
  total: count,
});

export type SlotList = z.infer<typeof slotListSchema>;
export type SlotDetail = z.infer<typeof slotDetailSchema>;
export type UserList = z.infer<typeof userListSchema>;
export type ReservationList = z.infer<typeof reservationListSchema>;
export type ReserveResult = z.infer<typeof reserveResultSchema>;
export type Balance = z.infer<typeof balanceSchema>;
export type WalletTransactionList = z.infer<typeof walletTransactionListSchema>;
