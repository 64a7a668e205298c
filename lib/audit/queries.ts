// Reading the audit log (staff only), newest first, with filters. Entries are written by
// the actions themselves (lib/audit/service.ts).
import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireStaff } from "@/lib/auth/access";
import type { AuditAction, AuditTargetType } from "@/lib/audit/actions";
import type { AuditEntryDto } from "@/lib/api-schemas/staff";
import type { AuditLogEntry, Prisma } from "@/lib/generated/prisma/client.ts";
import { pageAndTotal } from "@/lib/db/pages";

export type { AuditEntryDto } from "@/lib/api-schemas/staff";

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

type EntryRow = AuditLogEntry & { actor: { id: number; username: string } };

function toAuditEntryDto(entry: EntryRow, targetLabel: string): AuditEntryDto {
  return {
    id: entry.id,
    action: entry.action,
    actor: { id: entry.actor.id, username: entry.actor.username },
    // Written only by recordAudit, from AUDIT_TARGET_TYPES.
    targetType: entry.targetType as AuditTargetType,
    targetId: entry.targetId,
    targetLabel,
    before: parseState(entry.before),
    after: parseState(entry.after),
    createdAt: entry.createdAt.toISOString(),
  };
}

/** Names for the targets of a page of entries: one query per kind of target. */
async function targetLabels(rows: EntryRow[]): Promise<(row: EntryRow) => string> {
  const idsOf = (type: string) =>
    [...new Set(rows.filter((r) => r.targetType === type).map((r) => r.targetId))].filter(
      (id): id is number => id !== null,
    );
  const [users, slots] = await Promise.all([
    db.user.findMany({
      where: { id: { in: idsOf("user") } },
      select: { id: true, username: true },
    }),
    db.parkingSlot.findMany({
      where: { id: { in: idsOf("slot") } },
      select: { id: true, slotNumber: true },
    }),
  ]);
  const usernames = new Map(users.map((u) => [u.id, u.username]));
  const slotNumbers = new Map(slots.map((s) => [s.id, s.slotNumber]));
  return (row) => {
    const id = row.targetId;
    if (row.targetType === "user" && id !== null) return usernames.get(id) ?? `user ${id}`;
    if (row.targetType === "slot" && id !== null) return `slot ${slotNumbers.get(id) ?? id}`;
    if (row.targetType === "reservation" && id !== null) return `reservation ${id}`;
    return row.targetType.replace(/_/g, " ");
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
  const { rows, total } = await pageAndTotal(
    filter,
    () =>
      db.auditLogEntry.findMany({
        where,
        // Newest first: ids are handed out as entries are written.
        orderBy: { id: "desc" },
        take: filter.limit,
        skip: filter.offset,
        include: { actor: { select: { id: true, username: true } } },
      }),
    () => db.auditLogEntry.count({ where }),
  );
  const labelOf = await targetLabels(rows);
  return { entries: rows.map((row) => toAuditEntryDto(row, labelOf(row))), total };
}
