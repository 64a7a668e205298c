// Response shapes of the /api routes, inferred from the response schemas that the OpenAPI
// document is generated from (lib/api-schemas), shared by the server render and the client
// hooks. Type-only imports: nothing server-side reaches the browser bundle.
import type { z } from "zod";
import type {
  Availability,
  Balance,
  PaymentDto,
  ReservationDto,
  ReservationList,
  ReserveResult,
  SlotDetail,
  SlotDto,
  SlotList,
  UserDto,
  UserList,
  WalletTransactionDto,
  WalletTransactionList,
  userBodySchema,
} from "@/lib/api-schemas/parking";
import type { ReservationStatus, Role, SlotType } from "@/lib/api-schemas/common";
import type {
  AnalyticsDto,
  AuditEntryDto,
  AuditLogList,
  QuoteResponse,
} from "@/lib/api-schemas/staff";
import type { TopUpCreated, TopUpDto, TopUpList } from "@/lib/api-schemas/top-ups";
import type {
  CreatedGateKeyDto,
  GateEventDto,
  GateKeyDto,
  gateEventListSchema,
  gateKeyListSchema,
} from "@/lib/api-schemas/gate";

export type {
  AnalyticsDto,
  AuditEntryDto,
  AuditLogList,
  Availability,
  CreatedGateKeyDto,
  GateEventDto,
  GateKeyDto,
  TopUpCreated,
  TopUpDto,
  TopUpList,
  PaymentDto,
  QuoteResponse,
  ReservationDto,
  ReservationList,
  ReservationStatus,
  Role,
  SlotDto,
  SlotList,
  SlotType,
  UserDto,
  UserList,
  WalletTransactionDto,
  WalletTransactionList,
};

export type MeResponse = z.infer<typeof userBodySchema>;
export type GateEventList = z.infer<typeof gateEventListSchema>;
export type GateKeyList = z.infer<typeof gateKeyListSchema>;
export type ReserveResponse = ReserveResult;
export type CancelResponse = ReserveResult;
/** GET /api/slots/{id} (staff): the slot with its running and upcoming reservations. */
export type SlotDetailResponse = SlotDetail;
export type AddBalanceResponse = Balance;
