// Every /api operation, described from the schemas its handler validates with and the
// response schemas of lib/api-schemas. A new route gets one entry here (the routes test
// fails until it has one); document.ts turns the list into the OpenAPI document.
import { z } from "zod";
import {
  availabilitySchema,
  balanceSchema,
  healthDownSchema,
  healthSchema,
  reservationBodySchema,
  reservationListSchema,
  reserveResultSchema,
  passSchema,
  slotBodySchema,
  slotBulkResultSchema,
  slotDetailSchema,
  slotListSchema,
  userBodySchema,
  userListSchema,
  walletTransactionListSchema,
} from "@/lib/api-schemas/parking";
import {
  analyticsSchema,
  auditLogSchema,
  pricingRulesBodySchema,
  quoteSchema,
} from "@/lib/api-schemas/staff";
import {
  locationBodySchema,
  locationListSchema,
  locationStaffSchema,
} from "@/lib/api-schemas/locations";
import { analyticsQuerySchema } from "@/lib/validation/analytics";
import {
  createLocationBodySchema,
  locationQuerySchema,
  locationStaffBodySchema,
  updateLocationBodySchema,
  updateUserBodySchema,
} from "@/lib/validation/locations";
import { auditLogQuerySchema } from "@/lib/validation/audit";
import {
  loginBodySchema,
  passwordChangeBodySchema,
  registerBodySchema,
} from "@/lib/validation/auth";
import { idParamsSchema } from "@/lib/validation/common";
import {
  topUpCreatedSchema,
  topUpListSchema,
  webhookReceiptSchema,
} from "@/lib/api-schemas/top-ups";
import { createTopUpBodySchema, topUpsQuerySchema } from "@/lib/validation/top-ups";
import {
  addBalanceBodySchema,
  createSlotBodySchema,
  endReservationBodySchema,
  idempotencyKeySchema,
  reservationsQuerySchema,
  reserveBodySchema,
  extendBodySchema,
  slotsQuerySchema,
  updateSlotBodySchema,
  bulkSlotsBodySchema,
  usersQuerySchema,
  walletTransactionsQuerySchema,
} from "@/lib/validation/parking";
import {
  pricingRulesQuerySchema,
  pricingRulesSchema,
  quoteQuerySchema,
} from "@/lib/validation/pricing";
import {
  addVehicleBodySchema,
  vehicleBodySchema,
  vehicleListSchema,
  vehiclesQuerySchema,
} from "@/lib/validation/vehicles";
import {
  createdGateKeySchema,
  gateAnswerSchema,
  gateEventBodySchema,
  gateEventListSchema,
  gateKeyListSchema,
} from "@/lib/api-schemas/gate";
import {
  createGateKeyBodySchema,
  gateEventRequestSchema,
  gateEventsQuerySchema,
  gateKeysQuerySchema,
  manualOpenBodySchema,
} from "@/lib/validation/gate";
import { operation, type Operation } from "@/app/api/_lib/openapi/operation";

const ok = (description: string, body: z.ZodType) => ({ 200: { description, body } });
const created = (description: string, body: z.ZodType) => ({ 201: { description, body } });
const noContent = (description: string) => ({
  204: { description, body: { empty: true } as const },
});

const idempotencyKeyHeader = {
  name: "Idempotency-Key",
  schema: idempotencyKeySchema,
  description: "Makes retries safe: the first result is returned again.",
};

const system: Operation[] = [
  operation({
    method: "get",
    path: "/api/health",
    access: "public",
    tag: "system",
    summary: "Liveness and database reachability",
    responses: {
      200: { description: "The app and its database answer.", body: healthSchema },
      503: { description: "The database cannot be reached.", body: healthDownSchema },
    },
    wrapped: false,
  }),
  operation({
    method: "get",
    path: "/api/openapi.json",
    access: "public",
    tag: "system",
    summary: "This document (OpenAPI 3.1)",
    responses: {
      200: {
        description: "The OpenAPI document of every /api route.",
        body: { contentType: "application/json", description: "An OpenAPI 3.1 document." },
      },
      304: {
        description: "Unchanged since the ETag given in If-None-Match.",
        body: { empty: true },
      },
    },
    wrapped: false,
  }),
  operation({
    method: "get",
    path: "/api/docs",
    access: "public",
    tag: "system",
    summary: "This document, rendered for people",
    responses: {
      200: {
        description: "An HTML page listing every operation.",
        body: { contentType: "text/html", description: "An HTML page." },
      },
    },
    wrapped: false,
  }),
];

const auth: Operation[] = [
  operation({
    method: "post",
    path: "/api/auth/register",
    access: "public",
    tag: "auth",
    summary: "Create a driver account and sign it in",
    description:
      "Sets the httpOnly session cookie. More than 300 sign-ups from one address within 10 minutes are refused.",
    body: registerBodySchema,
    responses: created("The new user, signed in.", userBodySchema),
    errors: ["CONFLICT", "RATE_LIMITED"],
  }),
  operation({
    method: "post",
    path: "/api/auth/login",
    access: "public",
    tag: "auth",
    summary: "Sign in with username and password",
    description:
      "Sets the httpOnly session cookie. Failed logins are rate limited per username and address.",
    body: loginBodySchema,
    responses: ok("The user, signed in.", userBodySchema),
    errors: ["INVALID_CREDENTIALS", "RATE_LIMITED"],
  }),
  operation({
    method: "post",
    path: "/api/auth/logout",
    access: "public",
    tag: "auth",
    summary: "End this session",
    description: "Takes no body; answers 204 whether or not a session was open.",
    responses: noContent("Signed out."),
  }),
  operation({
    method: "post",
    path: "/api/auth/logout-everywhere",
    access: "user",
    tag: "auth",
    summary: "End every session of the caller, this one included",
    description: "Takes no body.",
    responses: noContent("Every session ended."),
  }),
  operation({
    method: "post",
    path: "/api/auth/password",
    access: "user",
    tag: "auth",
    summary: "Change the caller's password",
    description:
      "Every other session of the caller ends; this one stays. A wrong current password counts as a failed login.",
    body: passwordChangeBodySchema,
    responses: noContent("Changed."),
    errors: ["INVALID_CREDENTIALS", "RATE_LIMITED"],
  }),
  operation({
    method: "get",
    path: "/api/me",
    access: "user",
    tag: "auth",
    summary: "The signed-in user",
    responses: ok("The caller.", userBodySchema),
  }),
];

const parking: Operation[] = [
  operation({
    method: "get",
    path: "/api/availability",
    access: "public",
    tag: "slots",
    summary: "Counts of available, occupied and out-of-service slots",
    description:
      "The whole network (with `byLocation`), or one location with `locationId` (an unknown one is 404).",
    query: locationQuerySchema,
    responses: ok("available + occupied + outOfService = total.", availabilitySchema),
    errors: ["NOT_FOUND"],
  }),
  operation({
    method: "get",
    path: "/api/slots",
    access: "public",
    tag: "slots",
    summary: "Search slots",
    description:
      "Sorted by price, floor, slot number, then location and id. With `from` and `to`, `available` means free for the whole window.",
    query: slotsQuerySchema,
    responses: ok("A page of slots and the total that match.", slotListSchema),
    errors: ["NOT_FOUND"],
  }),
  operation({
    method: "post",
    path: "/api/slots",
    access: "staff",
    tag: "slots",
    summary: "Create a slot",
    body: createSlotBodySchema,
    responses: created("The new slot.", slotBodySchema),
    errors: ["CONFLICT", "NOT_FOUND"],
  }),
  operation({
    method: "post",
    path: "/api/slots/bulk",
    access: "staff",
    tag: "slots",
    summary: "Take a location's matching slots out of service, or back",
    description:
      "Matches the location's slots by floor, zone, type and slotIds (ids at another location match nothing); one transaction, one audit entry. Setting the same state again is harmless.",
    body: bulkSlotsBodySchema,
    responses: ok("How many slots matched.", slotBulkResultSchema),
    errors: ["NOT_FOUND"],
  }),
  operation({
    method: "get",
    path: "/api/slots/{id}",
    access: "staff",
    tag: "slots",
    summary: "A slot with its running and upcoming reservations",
    params: idParamsSchema,
    responses: ok("The slot.", slotDetailSchema),
    errors: ["NOT_FOUND"],
  }),
  operation({
    method: "patch",
    path: "/api/slots/{id}",
    access: "staff",
    tag: "slots",
    summary: "Change a slot's price, type, zone or out-of-service flag",
    params: idParamsSchema,
    body: updateSlotBodySchema,
    responses: ok("The slot as changed.", slotBodySchema),
    errors: ["NOT_FOUND", "CONFLICT"],
  }),
  operation({
    method: "get",
    path: "/api/quote",
    access: "public",
    tag: "reservations",
    summary: "The price of a window on a slot, hour by hour",
    query: quoteQuerySchema,
    responses: ok("What reserving this window would charge now.", quoteSchema),
    errors: ["NOT_FOUND"],
  }),
  operation({
    method: "post",
    path: "/api/reserve",
    access: "user",
    tag: "reservations",
    summary: "Reserve a slot from now or ahead and pay from the wallet",
    description:
      "Only staff may pass another `userId`. `vehicleId` names one of the owner's vehicles (another's or an unknown one is a 404); without it the reservation is for the owner's only vehicle, or none when there are several or none. An account that owes money gets 402 `OUTSTANDING_BALANCE`. The same Idempotency-Key from the same user returns the first result and charges once; with a different body it is a 409.",
    body: reserveBodySchema,
    headers: [idempotencyKeyHeader],
    responses: created(
      "The reservation, its payment and the owner's balance.",
      reserveResultSchema,
    ),
    errors: [
      "FORBIDDEN",
      "NOT_FOUND",
      "INSUFFICIENT_FUNDS",
      "SLOT_UNAVAILABLE",
      "CONFLICT",
      "PRICE_CHANGED",
      "OUTSTANDING_BALANCE",
    ],
  }),
  operation({
    method: "post",
    path: "/api/reservations/{id}/extend",
    access: "user",
    tag: "reservations",
    summary: "Extend a running or upcoming reservation by whole hours",
    description:
      "Owner or staff at its location; anyone else's answers 404. The added window [endTime, endTime + hours) must be free on the same slot; it is charged at the quote for those hours (GET /api/quote with `startTime` = the reservation's `endTime`) as an `extension` payment. A drive-up is open-ended: 409 `NOT_EXTENDABLE`. The same Idempotency-Key from the same owner returns the first result and extends once; with a different body (or a key used to reserve) it is a 409.",
    params: idParamsSchema,
    body: extendBodySchema,
    headers: [idempotencyKeyHeader],
    responses: ok(
      "The grown reservation, the extension's payment and the owner's balance.",
      reserveResultSchema,
    ),
    errors: [
      "FORBIDDEN",
      "NOT_FOUND",
      "INSUFFICIENT_FUNDS",
      "OUTSTANDING_BALANCE",
      "NOT_EXTENDABLE",
      "RESERVATION_NOT_ACTIVE",
      "PRICE_CHANGED",
      "CONFLICT",
    ],
  }),
  operation({
    method: "get",
    path: "/api/reservations/{id}/pass",
    access: "user",
    tag: "reservations",
    summary: "A reservation's QR pass",
    description:
      "Owner or staff at its location; anyone else's answers 404. The token names the reservation and is signed by the app; what a gate does with it depends on the reservation's state then.",
    params: idParamsSchema,
    responses: ok("The pass token and its QR code.", passSchema),
    errors: ["FORBIDDEN", "NOT_FOUND"],
  }),
  operation({
    method: "post",
    path: "/api/end-reservation",
    access: "user",
    tag: "reservations",
    summary: "End an active reservation now and free its slot",
    body: endReservationBodySchema,
    responses: ok("The reservation, completed.", reservationBodySchema),
    errors: ["NOT_FOUND", "RESERVATION_NOT_ACTIVE"],
  }),
  operation({
    method: "get",
    path: "/api/reservations",
    access: "user",
    tag: "reservations",
    summary: "Reservations, newest first (drivers: their own)",
    query: reservationsQuerySchema,
    responses: ok("A page of reservations and the total that match.", reservationListSchema),
    errors: ["FORBIDDEN", "NOT_FOUND"],
  }),
  operation({
    method: "post",
    path: "/api/reservations/{id}/cancel",
    access: "user",
    tag: "reservations",
    summary: "Cancel an upcoming reservation with a full refund",
    description: "Owner or staff; anyone else's answers 404. Takes no body.",
    params: idParamsSchema,
    responses: ok(
      "The reservation, its refunded payment and the owner's balance.",
      reserveResultSchema,
    ),
    errors: ["NOT_FOUND", "RESERVATION_NOT_ACTIVE"],
  }),
  operation({
    method: "post",
    path: "/api/add-balance",
    access: "user",
    tag: "wallet",
    summary: "Top up a wallet (drivers their own, staff anyone's)",
    description:
      "Staff credit any wallet directly (cash at the desk; the ledger row names them). A " +
      "driver's own top-up works only with the demo provider: with Stripe it is 403 FORBIDDEN " +
      "and money enters through POST /api/top-ups.",
    body: addBalanceBodySchema,
    responses: ok("The wallet's new balance.", balanceSchema),
    errors: ["FORBIDDEN", "NOT_FOUND"],
  }),
  operation({
    method: "get",
    path: "/api/wallet/transactions",
    access: "user",
    tag: "wallet",
    summary: "The wallet ledger, newest first (drivers: their own; staff: anyone's)",
    query: walletTransactionsQuerySchema,
    responses: ok("A page of ledger entries and their total.", walletTransactionListSchema),
    errors: ["FORBIDDEN", "NOT_FOUND"],
  }),
];

const staff: Operation[] = [
  operation({
    method: "get",
    path: "/api/users",
    access: "staff",
    tag: "staff",
    summary: "Search users by username or email",
    query: usersQuerySchema,
    responses: ok("A page of users and the total that match.", userListSchema),
  }),
  operation({
    method: "get",
    path: "/api/analytics",
    access: "staff",
    tag: "staff",
    summary: "Revenue, utilization, peak hours, preferences and a 24-hour forecast",
    description:
      "Without `locationId`: the whole network in UTC (admins, and staff working at every location that has slots). With it: that location in its local time zone (`range.timeZone`).",
    query: analyticsQuerySchema,
    responses: ok("The last `days` calendar days, cached up to 5 seconds.", analyticsSchema),
    errors: ["NOT_FOUND"],
  }),
  operation({
    method: "get",
    path: "/api/audit-log",
    access: "staff",
    tag: "staff",
    summary: "The audit log of staff actions, newest first",
    query: auditLogQuerySchema,
    responses: ok("A page of entries and the total that match.", auditLogSchema),
  }),
  operation({
    method: "get",
    path: "/api/pricing-rules",
    access: "staff",
    tag: "staff",
    summary: "A location's demand pricing rules (without locationId: the default location's)",
    query: pricingRulesQuerySchema,
    responses: ok("The rules.", pricingRulesBodySchema),
    errors: ["NOT_FOUND"],
  }),
  operation({
    method: "put",
    path: "/api/pricing-rules",
    access: "staff",
    tag: "staff",
    summary: "Replace a location's demand pricing rules",
    query: pricingRulesQuerySchema,
    body: pricingRulesSchema,
    responses: ok("The rules as stored.", pricingRulesBodySchema),
    // CONFLICT: other writers kept winning the first row's insert past the retries.
    errors: ["NOT_FOUND", "CONFLICT"],
  }),
];

const network: Operation[] = [
  operation({
    method: "get",
    path: "/api/locations",
    access: "public",
    tag: "locations",
    summary: "Every location of the network, by name, with its slot counts",
    responses: ok("The locations.", locationListSchema),
  }),
  operation({
    method: "post",
    path: "/api/locations",
    access: "admin",
    tag: "locations",
    summary: "Create a location (admin)",
    body: createLocationBodySchema,
    responses: created("The new location.", locationBodySchema),
    errors: ["CONFLICT"],
  }),
  operation({
    method: "get",
    path: "/api/locations/{id}",
    access: "public",
    tag: "locations",
    summary: "One location with its slot counts",
    params: idParamsSchema,
    responses: ok("The location.", locationBodySchema),
    errors: ["NOT_FOUND"],
  }),
  operation({
    method: "patch",
    path: "/api/locations/{id}",
    access: "admin",
    tag: "locations",
    summary: "Change a location's name, address, time zone or check-in rule (admin)",
    params: idParamsSchema,
    body: updateLocationBodySchema,
    responses: ok("The location as changed.", locationBodySchema),
    errors: ["NOT_FOUND"],
  }),
  operation({
    method: "put",
    path: "/api/locations/{id}/staff",
    access: "admin",
    tag: "locations",
    summary: "Set exactly which staff users work at a location (admin)",
    params: idParamsSchema,
    body: locationStaffBodySchema,
    responses: ok("The location and its staff.", locationStaffSchema),
    errors: ["NOT_FOUND"],
  }),
  operation({
    method: "patch",
    path: "/api/users/{id}",
    access: "admin",
    tag: "locations",
    summary: "Change a user's role (admin; the last admin stays one)",
    params: idParamsSchema,
    body: updateUserBodySchema,
    responses: ok("The user as changed.", userBodySchema),
    errors: ["NOT_FOUND", "CONFLICT"],
  }),
];

const vehicles: Operation[] = [
  operation({
    method: "get",
    path: "/api/vehicles",
    access: "user",
    tag: "vehicles",
    summary: "The caller's vehicles (staff: any account's, by userId)",
    query: vehiclesQuerySchema,
    responses: ok("The vehicles, oldest first.", vehicleListSchema),
    errors: ["FORBIDDEN"],
  }),
  operation({
    method: "post",
    path: "/api/vehicles",
    access: "user",
    tag: "vehicles",
    summary: "Add a vehicle by plate (normalized; unique across accounts)",
    body: addVehicleBodySchema,
    responses: {
      201: { description: "The new vehicle.", body: vehicleBodySchema },
      200: { description: "This account has the plate already.", body: vehicleBodySchema },
    },
    errors: ["PLATE_TAKEN"],
  }),
  operation({
    method: "delete",
    path: "/api/vehicles/{id}",
    access: "user",
    tag: "vehicles",
    summary: "Remove one of the caller's vehicles",
    params: idParamsSchema,
    responses: noContent("Removed."),
    errors: ["NOT_FOUND", "CONFLICT"],
  }),
];

const gate: Operation[] = [
  operation({
    method: "post",
    path: "/api/gate/events",
    access: "public",
    tag: "gate",
    summary: "A gate device's event: open or deny (Authorization: Bearer <gate key>)",
    description:
      "The key names the location. The same eventId again returns the first answer and changes nothing; with a different body it is 409 CONFLICT. `at` must lie within 24 hours of the server's clock.",
    headers: [
      {
        name: "Authorization",
        schema: z.string(),
        description: "`Bearer gk_…`: a gate key (POST /api/gate/keys).",
      },
    ],
    body: gateEventRequestSchema,
    responses: ok("The decision.", gateAnswerSchema),
    errors: ["INVALID_GATE_KEY", "CONFLICT"],
  }),
  operation({
    method: "post",
    path: "/api/gate/keys",
    access: "admin",
    tag: "gate",
    summary: "A new key for a location's gate device, shown once (admin)",
    body: createGateKeyBodySchema,
    responses: created("The key: keep it, it is stored only hashed.", createdGateKeySchema),
    errors: ["NOT_FOUND"],
  }),
  operation({
    method: "get",
    path: "/api/gate/keys",
    access: "admin",
    tag: "gate",
    summary: "Gate keys, newest first, of one location or all (admin)",
    query: gateKeysQuerySchema,
    responses: ok("The keys (never the keys themselves).", gateKeyListSchema),
    errors: ["NOT_FOUND"],
  }),
  operation({
    method: "delete",
    path: "/api/gate/keys/{id}",
    access: "admin",
    tag: "gate",
    summary: "Revoke a gate key (admin; idempotent)",
    params: idParamsSchema,
    responses: noContent("Revoked."),
    errors: ["NOT_FOUND"],
  }),
  operation({
    method: "get",
    path: "/api/gate/events",
    access: "staff",
    tag: "gate",
    summary: "A location's gate log, newest first (staff working there)",
    query: gateEventsQuerySchema,
    responses: ok("One page of events and how many there are.", gateEventListSchema),
    errors: ["NOT_FOUND"],
  }),
  operation({
    method: "post",
    path: "/api/gate/open",
    access: "staff",
    tag: "gate",
    summary: "Open a location's gate by hand, with the reason recorded (staff working there)",
    body: manualOpenBodySchema,
    responses: created("The event recorded.", gateEventBodySchema),
    errors: ["NOT_FOUND"],
  }),
];

const payments: Operation[] = [
  operation({
    method: "post",
    path: "/api/top-ups",
    access: "user",
    tag: "wallet",
    summary: "Start a top-up of your own wallet through the payment provider",
    description:
      "Demo money succeeds at once and is credited; a card payment (Stripe) stays pending " +
      "with a Checkout URL until the provider's webhook confirms it. Limits: TOP_UP_MAX_CENTS " +
      "per top-up, TOP_UP_DAILY_MAX_CENTS per account and UTC day (pending and succeeded " +
      "top-ups count), and TOP_UP_NEW_ACCOUNT_DAILY_MAX_CENTS until the first paid top-up.",
    body: createTopUpBodySchema,
    responses: created("The top-up, and where to pay for it.", topUpCreatedSchema),
    errors: ["FORBIDDEN", "PAYMENT_PROVIDER_UNAVAILABLE"],
  }),
  operation({
    method: "get",
    path: "/api/top-ups",
    access: "user",
    tag: "wallet",
    summary: "Top-ups with their state and provider reference, newest first (staff: anyone's)",
    query: topUpsQuerySchema,
    responses: ok("A page of top-ups and their total.", topUpListSchema),
    errors: ["FORBIDDEN"],
  }),
  operation({
    method: "post",
    path: "/api/webhooks/stripe",
    access: "public",
    tag: "wallet",
    summary: "Stripe's payment events (signed; no session)",
    description:
      "The raw body is a Stripe event, verified with STRIPE_WEBHOOK_SECRET. A paid Checkout " +
      "Session (or payment_intent.succeeded) credits its pending top-up exactly once; an " +
      "expired or failed one credits nothing. Repeated, out-of-order or already settled " +
      "events answer 200 and change nothing. 400 for a bad, missing or stale signature; " +
      "404 unless PAYMENT_PROVIDER=stripe.",
    headers: [
      {
        name: "Stripe-Signature",
        schema: z.string().max(4096),
        description: "Stripe's signature over the raw body (t=…,v1=…).",
      },
    ],
    responses: ok("The event was handled.", webhookReceiptSchema),
    errors: ["VALIDATION_ERROR", "NOT_FOUND"],
  }),
];

export const OPERATIONS: readonly Operation[] = [
  ...system,
  ...auth,
  ...parking,
  ...staff,
  ...network,
  ...vehicles,
  ...gate,
  ...payments,
];

/** The methods the catch-all answers 404 on, for any path no route has. */
export const CATCH_ALL = {
  path: "/api/{path}",
  methods: ["get", "post", "put", "patch", "delete", "options"] as const,
};
