// Response shapes of the /api routes (../shared/API.md), shared by the server render and
// the client hooks. Type-only imports: nothing server-side reaches the browser bundle.
import type {
  PaymentDto,
  ReservationDto,
  ReservationStatus,
  Role,
  SlotDto,
  SlotType,
  UserDto,
  WalletTransactionDto,
} from "@/lib/dto";
import type { Availability } from "@/lib/slots/queries";
import type { AnalyticsDto } from "@/lib/analytics/service";
import type { AuditEntryDto } from "@/lib/audit/queries";

export type {
  AnalyticsDto,
  AuditEntryDto,
  Availability,
  PaymentDto,
  ReservationDto,
  ReservationStatus,
  Role,
  SlotDto,
  SlotType,
  UserDto,
  WalletTransactionDto,
};

export type SlotList = { slots: SlotDto[]; total: number };
export type ReservationList = { reservations: ReservationDto[]; total: number };
export type UserList = { users: UserDto[]; total: number };
export type AuditLogList = { entries: AuditEntryDto[]; total: number };
export type WalletTransactionList = { transactions: WalletTransactionDto[]; total: number };
export type MeResponse = { user: UserDto };
export type ReserveResponse = {
  reservation: ReservationDto;
  payment: PaymentDto;
  walletBalanceCents: number;
};
export type CancelResponse = ReserveResponse;
/** GET /api/quote: the price of a window, hour by hour (lib/pricing/quote.ts). */
export type QuoteResponse = {
  slotId: number;
  startTime: string;
  endTime: string;
  durationHours: number;
  totalCents: number;
  breakdown: { hourStart: string; baseCents: number; multiplier: number; cents: number }[];
};
/** GET /api/slots/{id} (staff): the slot with its running and upcoming reservations. */
export type SlotDetailResponse = { slot: SlotDto; reservations: ReservationDto[] };
export type AddBalanceResponse = { userId: number; walletBalanceCents: number };
