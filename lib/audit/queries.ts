// Reading the audit log (staff only), newest first, with filters. Entries are written by
// the actions themselves (lib/audit/service.ts).
import "server-only";
import { db } from "@/lib/db/client";
import { requireStaff, type Actor } from "@/lib/auth/actor";
import type { AuditAction, AuditTargetType } from "@/lib/audit/service";
import type { AuditLogEntry, Prisma } from "@/lib/generated/prisma/client.ts";

export type AuditEntryDto = {
  id: number;
  action: AuditAction;
  /** The staff member who acted. */
  actor: { id: number; username: string };
  targetType: string;
  targetId: number | null;
  /** The changed record's fields before and after, as JSON objects (null: none). */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: string;
};

export type AuditLogFilter = {
  action?: AuditAction;
  actorId?: number;
  targetType?: AuditTargetType;
  targetId?: number;
  /** Entries at or after `from` and before `to`. */
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
};

function parseState(json: string | null): Record<string, unknown> | null {
  // Written only by recordAudit from an object; anything else is a bug, not input.
  return json === null ? null : (JSON.parse(json) as Record<string, unknown>);
}

function toAuditEntryDto(
  entry: AuditLogEntry & { actor: { id: number; username: string } },
): AuditEntryDto {
  return {
    id: entry.id,
    action: entry.action,
    actor: { id: entry.actor.id, username: entry.actor.username },
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: parseState(entry.before),
    after: parseState(entry.after),
    createdAt: entry.createdAt.toISOString(),
  };
}

export async function listAuditLog(
  actor: Actor,
  filter: AuditLogFilter,
): Promise<{ entries: AuditEntryDto[]; total: number }> {
  requireStaff(actor);
  const where: Prisma.AuditLogEntryWhereInput = {
    ...(filter.action !== undefined && { action: filter.action }),
    ...(filter.actorId !== undefined && { actorId: filter.actorId }),
    ...(filter.targetType !== undefined && { targetType: filter.targetType }),
    ...(filter.targetId !== undefined && { targetId: filter.targetId }),
    ...((filter.from !== undefined || filter.to !== undefined) && {
      createdAt: {
        ...(filter.from !== undefined && { gte: filter.from }),
        ...(filter.to !== undefined && { lt: filter.to }),
      },
    }),
  };
  const [rows, total] = await Promise.all([
    db.auditLogEntry.findMany({
      where,
      // Newest first: ids are handed out as entries are written.
      orderBy: { id: "desc" },
      take: filter.limit,
      skip: filter.offset,
      include: { actor: { select: { id: true, username: true } } },
    }),
    db.auditLogEntry.count({ where }),
  ]);
  return { entries: rows.map(toAuditEntryDto), total };
}
