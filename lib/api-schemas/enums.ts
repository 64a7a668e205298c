// The contract's enum values as plain constants, free of zod, for pages and client
// components too; the response schemas (common.ts) are built from them.
import type {
  ParkingSlot,
  Payment,
  Reservation,
  User,
  WalletTransaction,
} from "@/lib/generated/prisma/client.ts";

export const SLOT_TYPES = [
  "regular",
  "handicap",
  "vip",
  "electric",
] as const satisfies readonly ParkingSlot["slotType"][];
export const ROLES = ["driver", "staff", "admin"] as const satisfies readonly User["role"][];
export const RESERVATION_STATUSES = [
  "upcoming",
  "active",
  "completed",
  "cancelled",
  // v2: not checked in 30 minutes after its start where the location requires it.
  "no_show",
] as const satisfies readonly Reservation["status"][];
export const RESERVATION_KINDS = [
  "booked",
  "drive_up",
] as const satisfies readonly Reservation["kind"][];
export const PAYMENT_STATUSES = [
  "completed",
  "refunded",
  // v2: a drive-up stay still running, billed at exit.
  "pending",
] as const satisfies readonly Payment["paymentStatus"][];
export const WALLET_ENTRY_KINDS = [
  "top_up",
  "charge",
  "refund",
  // v2: a stay grown by hours, started hours past the end, a drive-up's exit bill, and the
  // part of a top-up that paid what the account owed.
  "extension",
  "overstay",
  "drive_up",
  "debt_payment",
] as const satisfies readonly WalletTransaction["kind"][];
