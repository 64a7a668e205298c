// GET /api/audit-log — staff: the audit log of staff actions (top-ups for others, slot
// and pricing changes, ending or cancelling another user's reservation), newest first,
// with `limit`/`offset` and the filters `action`, `actorId`, `targetType`, `targetId`,
// `from`, `to`. An extension of the contract (docs/audit-log.md). Read-only: no route
// changes or deletes an entry.
import { listAuditLog } from "@/lib/audit/queries";
import { auditLogQuerySchema } from "@/lib/validation/audit";
import { apiRoute, json, readQuery } from "@/app/api/_lib/handler";

export const GET = apiRoute("staff", async (request, { actor }) =>
  json(await listAuditLog(actor, readQuery(request, auditLogQuerySchema))),
);
