// The audit log of staff actions: who did what to which record, when, and the record
// before and after. Every entry is written by the action itself, with the action's own
// transaction client, so it commits exactly when the action does: a refused or failed
// action leaves no entry, and an entry that cannot be written undoes the action.
// Entries are append-only (no route changes them; database triggers refuse UPDATE and
// DELETE). Reading: lib/audit/queries.ts.
import "server-only";
import { isStaffRole } from "@/lib/auth/roles";
import type { Tx } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { AuditAction, AuditTargetType } from "@/lib/audit/actions";

/** A JSON-serialisable snapshot of the fields an action may change. */
export type AuditState = Record<string, unknown> | null;

export type AuditRecord = {
  action: AuditAction;
  target: { type: AuditTargetType; id: number | null };
  before: AuditState;
  after: AuditState;
};

/** Writes one audit entry for `actor` inside the action's transaction `tx`. */
export async function recordAudit(
  tx: Tx,
  actor: Actor,
  record: AuditRecord,
  now: Date,
): Promise<void> {
  await tx.auditLogEntry.create({
    data: {
      actorId: actor.id,
      action: record.action,
      targetType: record.target.type,
      targetId: record.target.id,
      before: record.before === null ? null : JSON.stringify(record.before),
      after: record.after === null ? null : JSON.stringify(record.after),
      createdAt: now,
    },
  });
}

/**
 * Whether `actor` acting on something owned by `ownerId` is a manual override worth an
 * entry: staff acting on another user's wallet or reservation. A driver's own actions,
 * and staff acting on their own, are not audited.
 */
export function isStaffActingForAnother(actor: Actor, ownerId: number): boolean {
  return isStaffRole(actor.role) && ownerId !== actor.id;
}
