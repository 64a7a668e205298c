// The shapes the outside world sees (../shared/API.md). Rows are mapped field by field,
// so a column added later (or a secret like password_hash) never leaks by accident.
import type {
  ParkingSlot,
  Payment,
  Reservation,
  User,
  WalletTransaction,
} from "@/lib/generated/prisma/client.ts";

export type SlotType = ParkingSlot["slotType"];
export type Role = User["role"];
export type ReservationStatus = Reservation["status"];

export const SLOT_TYPES = [
  "regular",
  "handicap",
  "vip",
  "electric",
] as const satisfies readonly SlotType[];
export const ROLES = ["driver", "staff", "admin"] as const satisfies readonly Role[];
export const RESERVATION_STATUSES = [
  "upcoming",
  "active",
  "completed",
  "cancelled",
] as const satisfies readonly ReservationStatus[];

export type SlotDto = {
  id: number;
  locationId: number;
  slotNumber: string;
  floor: number;
  zone: string;
  type: SlotType;
  pricePerHourCents: number;
  isAvailable: boolean;
  outOfService: boolean;
  /** Why staff closed it (shown to drivers); null while in service. */
  outOfServiceReason: string | null;
};

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

export type UserDto = {
  id: number;
  username: string;
  email: string;
  phone: string | null;
  vehicleNumber: string | null;
  role: Role;
  walletBalanceCents: number;
  createdAt: string;
  /** The locations a staff user is assigned to, by id; empty for other roles. */
  locationIds: number[];
};

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
    createdAt: user.createdAt.toISOString(),
    locationIds:
      user.role === "staff" ? user.staffAssignments.map((assignment) => assignment.locationId) : [],
  };
}

export type ReservationDto = {
  id: number;
  userId: number;
  slotId: number;
  slotNumber: string;
  /** The slot's location. */
  locationId: number;
  startTime: string;
  endTime: string;
  durationHours: number;
  totalAmountCents: number;
  paymentStatus: Reservation["paymentStatus"];
  status: ReservationStatus;
  createdAt: string;
};

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
  };
}

export type PaymentDto = {
  id: number;
  reservationId: number;
  userId: number;
  amountCents: number;
  paymentMethod: string;
  transactionId: string;
  paymentStatus: Payment["paymentStatus"];
  paymentDate: string;
};

export function toPaymentDto(payment: Omit<Payment, "kind">): PaymentDto {
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

export type WalletTransactionDto = {
  id: number;
  userId: number;
  kind: WalletTransaction["kind"];
  amountCents: number;
  balanceAfterCents: number;
  paymentId: number | null;
  reservationId: number | null;
  createdAt: string;
};

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
