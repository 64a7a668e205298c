"use client";
// /audit (staff): what staff did, newest first, with a filter by kind of action kept in the
// URL. Each entry says who acted, on what, when, and which fields changed from what to what.
import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { useAuditLog } from "@/components/data/hooks";
import { formatMoney } from "@/components/data/format";
import type { AuditEntryDto, AuditLogList } from "@/components/data/types";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/actions";
import { EmptyState } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { Time } from "@/components/ui/time";

const ACTION_LABEL: Record<AuditAction, string> = {
  wallet_top_up: "Wallet topped up for a user",
  slot_create: "Slot created",
  slot_update: "Slot changed",
  pricing_rules_update: "Pricing rules changed",
  reservation_end: "Reservation ended by staff",
  reservation_cancel: "Reservation cancelled by staff",
  location_create: "Location created",
  location_update: "Location changed",
  location_staff_update: "Location staff changed",
  user_role_change: "User role changed",
};

const FIELD_LABEL: Record<string, string> = {
  walletBalanceCents: "Wallet",
  amountCents: "Amount",
  pricePerHourCents: "Price per hour",
  outOfService: "Out of service",
  slotNumber: "Slot number",
  floor: "Floor",
  zone: "Zone",
  type: "Type",
  status: "Status",
  role: "Role",
  staffUserIds: "Staff (user ids)",
  name: "Name",
  address: "Address",
  timeZone: "Time zone",
  requiresCheckIn: "Check-in required",
  slug: "Slug",
  paymentStatus: "Payment",
  refundCents: "Refund",
  endTime: "Ends",
  userId: "Owner (user id)",
  enabled: "Demand pricing on",
  occupancyTiers: "Occupancy tiers",
  hourOfWeek: "Hour-of-week windows",
  slotTypes: "Slot type factors",
  minMultiplier: "Lowest multiplier",
  maxMultiplier: "Highest multiplier",
};

function formatValue(field: string, value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (field.endsWith("Cents") && typeof value === "number") return formatMoney(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string" || typeof value === "number") return String(value);
  return JSON.stringify(value);
}

/**
 * What an entry shows: each field that changed (from → to), and each field only one side
 * has (a detail of the action, such as the amount of a top-up) as it is. A creation shows
 * everything it set.
 */
function changes(entry: AuditEntryDto) {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.flatMap((f) => {
    const both = f in before && f in after;
    if (both && JSON.stringify(before[f]) === JSON.stringify(after[f])) return [];
    return [
      {
        field: f,
        label: FIELD_LABEL[f] ?? f,
        before: both ? formatValue(f, before[f]) : null,
        after: formatValue(f, f in after ? after[f] : before[f]),
      },
    ];
  });
}

function Entry({ entry }: { entry: AuditEntryDto }) {
  const changed = changes(entry);
  return (
    <li
      className="rounded-card border-surface-border bg-surface p-card border"
      data-testid="audit-entry"
      data-action={entry.action}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="font-semibold">{ACTION_LABEL[entry.action]}</p>
        <p className="text-ink-muted text-sm">
          <Time iso={entry.createdAt} />
        </p>
      </div>
      <p className="text-ink-muted text-sm break-all">
        by <span className="text-ink font-medium">{entry.actor.username}</span> on{" "}
        <span className="text-ink font-medium">{entry.targetLabel}</span>
      </p>
      {changed.length > 0 && (
        <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          {changed.map((c) => (
            <div key={c.field} className="contents">
              <dt className="text-ink-muted">{c.label}</dt>
              <dd className="break-all">
                {c.before !== null && (
                  <>
                    <span className="sr-only">from </span>
                    <span>{c.before}</span>
                    <span aria-hidden="true"> → </span>
                    <span className="sr-only"> to </span>
                  </>
                )}
                <span className="font-medium">{c.after}</span>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}

export function AuditView({
  action,
  fallback,
}: {
  action: AuditAction | undefined;
  fallback: AuditLogList;
}) {
  const { data = fallback } = useAuditLog(action, fallback);
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();

  function apply(next: string) {
    const query = next ? `?action=${encodeURIComponent(next)}` : "";
    startTransition(() => router.replace(`${pathname}${query}`, { scroll: false }));
  }

  return (
    <div className="gap-section flex flex-col">
      <form
        role="search"
        aria-label="Filter the audit log"
        className="rounded-card border-surface-border bg-surface p-card border"
        onSubmit={(e) => e.preventDefault()}
      >
        <Field label="Action">
          {(props) => (
            <select
              {...props}
              value={action ?? ""}
              onChange={(e) => apply(e.target.value)}
              className={inputClass}
            >
              <option value="">All actions</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {ACTION_LABEL[a]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <div aria-busy={pending} className={pending ? "opacity-60" : undefined}>
        <p role="status" className="text-ink-muted mb-2 text-sm">
          {data.total} entr{data.total === 1 ? "y" : "ies"}
          {data.total > data.entries.length && `, showing the newest ${data.entries.length}`}.
        </p>
        {data.entries.length === 0 ? (
          <EmptyState>No staff action recorded{action ? " of this kind" : ""} yet.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-2" aria-label="Audit log entries">
            {data.entries.map((entry) => (
              <Entry key={entry.id} entry={entry} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
