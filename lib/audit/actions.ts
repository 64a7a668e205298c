// What the audit log records (lib/audit/service.ts writes it), as plain values that pages
// and client components may import too.
import type { AuditLogEntry } from "@/lib/generated/prisma/client.ts";

export type AuditAction = AuditLogEntry["action"];

export const AUDIT_ACTIONS = [
  "wallet_top_up",
  "slot_create",
  "slot_update",
  "pricing_rules_update",
  "reservation_end",
  "reservation_cancel",
  "reservation_extend",
  "location_create",
  "location_update",
  "location_staff_update",
  "user_role_change",
] as const satisfies readonly AuditAction[];

/** What an entry's targetId names. */
export const AUDIT_TARGET_TYPES = [
  "user",
  "slot",
  "pricing_rules",
  "reservation",
  "location",
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];
