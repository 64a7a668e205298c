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
] as const satisfies readonly Reservation["status"][];
export const PAYMENT_STATUSES = [
  "completed",
  "refunded",
] as const satisfies readonly Payment["paymentStatus"][];
export const WALLET_ENTRY_KINDS = [
  "top_up",
  "charge",
  "refund",
] as const satisfies readonly WalletTransaction["kind"][];
