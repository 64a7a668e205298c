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
};

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    phone: user.phone,
    vehicleNumber: user.vehicleNumber,
    role: user.role,
    walletBalanceCents: user.walletBalanceCents,
    createdAt: user.createdAt.toISOString(),
  };
}

export type ReservationDto = {
  id: number;
  userId: number;
  slotId: number;
  slotNumber: string;
  startTime: string;
  endTime: string;
  durationHours: number;
  totalAmountCents: number;
  paymentStatus: Reservation["paymentStatus"];
  status: ReservationStatus;
  createdAt: string;
};

export type ReservationWithSlotNumber = Reservation & { slot: Pick<ParkingSlot, "slotNumber"> };

export function toReservationDto(reservation: ReservationWithSlotNumber): ReservationDto {
  return {
    id: reservation.id,
    userId: reservation.userId,
    slotId: reservation.slotId,
    slotNumber: reservation.slot.slotNumber,
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

export function toPaymentDto(payment: Payment): PaymentDto {
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
