import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from "@/lib/audit/actions";
import { MAX_DB_INT, paginationSchema, queryInt, utcTimeSchema } from "@/lib/validation/common";

/** GET /api/audit-log: filters (each optional) and a page, newest first. */
export const auditLogQuerySchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  actorId: queryInt(1, MAX_DB_INT).optional(),
  targetType: z.enum(AUDIT_TARGET_TYPES).optional(),
  targetId: queryInt(1, MAX_DB_INT).optional(),
  /** Entries at or after this time. */
  from: utcTimeSchema.optional(),
  /** Entries before this time. */
  to: utcTimeSchema.optional(),
  ...paginationSchema(),
});
