// Database rows mapped to the shapes the outside world sees (lib/api-schemas, ../shared/API.md).
// Rows are mapped field by field, so a column added later (or a secret like password_hash)
// never leaks by accident.
import type {
  PaymentDto,
  ReservationDto,
  SlotDto,
  UserDto,
  WalletTransactionDto,
} from "@/lib/api-schemas/parking";
import type {
  ParkingSlot,
  Payment,
  Reservation,
  User,
  WalletTransaction,
} from "@/lib/generated/prisma/client.ts";

export { RESERVATION_STATUSES, ROLES, SLOT_TYPES } from "@/lib/api-schemas/enums";
export type { ReservationStatus, Role, SlotType } from "@/lib/api-schemas/common";
export type {
  PaymentDto,
  ReservationDto,
  SlotDto,
  UserDto,
  WalletTransactionDto,
} from "@/lib/api-schemas/parking";

export function toSlotDto(slot: ParkingSlot): SlotDto {
  return {
    id: slot.id,
    locationId: slot.locationId,
    slotNumber: slot.slotNumber,
    floor: slot.floorNumber,
    zone: slot.zone,
    type: slot.slotType,
    pricePerHourCents: slot.pricePerHourCents,
    // Free to book right now: not held and not flagged by staff.
    isAvailable: slot.isAvailable && !slot.outOfService,
    outOfService: slot.outOfService,
    outOfServiceReason: slot.outOfService ? slot.outOfServiceReason : null,
  };
}

/** A user row with its staff assignments (`include: USER_WITH_LOCATIONS`). */
export type UserWithLocations = User & { staffAssignments: { locationId: number }[] };

export const USER_WITH_LOCATIONS = {
  staffAssignments: { select: { locationId: true }, orderBy: { locationId: "asc" } },
} as const;

export function toUserDto(user: UserWithLocations): UserDto {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    phone: user.phone,
    vehicleNumber: user.vehicleNumber,
    role: user.role,
    walletBalanceCents: user.walletBalanceCents,
    outstandingCents: user.outstandingCents,
    createdAt: user.createdAt.toISOString(),
    locationIds:
      user.role === "staff" ? user.staffAssignments.map((assignment) => assignment.locationId) : [],
  };
}

/** The columns the reservation DTO shows (a row read with more maps too). */
export type ReservationWithSlotNumber = Pick<
  Reservation,
  | "id"
  | "userId"
  | "slotId"
  | "startTime"
  | "endTime"
  | "durationHours"
  | "totalAmountCents"
  | "paymentStatus"
  | "status"
  | "createdAt"
  | "vehicleId"
  | "kind"
  | "checkedInAt"
  | "checkedOutAt"
> & { slot: Pick<ParkingSlot, "slotNumber" | "locationId"> };

export function toReservationDto(reservation: ReservationWithSlotNumber): ReservationDto {
  return {
    id: reservation.id,
    userId: reservation.userId,
    slotId: reservation.slotId,
    slotNumber: reservation.slot.slotNumber,
    locationId: reservation.slot.locationId,
    startTime: reservation.startTime.toISOString(),
    endTime: reservation.endTime.toISOString(),
    durationHours: reservation.durationHours,
    totalAmountCents: reservation.totalAmountCents,
    paymentStatus: reservation.paymentStatus,
    status: reservation.status,
    createdAt: reservation.createdAt.toISOString(),
    vehicleId: reservation.vehicleId,
    kind: reservation.kind,
    checkedInAt: reservation.checkedInAt?.toISOString() ?? null,
    checkedOutAt: reservation.checkedOutAt?.toISOString() ?? null,
  };
}

export function toPaymentDto(
  payment: Omit<Payment, "kind" | "idempotencyKey" | "idempotencyRequest">,
): PaymentDto {
  return {
    id: payment.id,
    reservationId: payment.reservationId,
    userId: payment.userId,
    amountCents: payment.amountCents,
    paymentMethod: payment.paymentMethod,
    transactionId: payment.transactionId,
    paymentStatus: payment.paymentStatus,
    paymentDate: payment.paymentDate.toISOString(),
  };
}

export function toWalletTransactionDto(entry: WalletTransaction): WalletTransactionDto {
  return {
    id: entry.id,
    userId: entry.userId,
    kind: entry.kind,
    amountCents: entry.amountCents,
    balanceAfterCents: entry.balanceAfterCents,
    paymentId: entry.paymentId,
    reservationId: entry.reservationId,
    createdAt: entry.createdAt.toISOString(),
  };
}
