"use client";
// /audit (staff): what staff did, newest first, with a filter by kind of action kept in the
// URL. Each entry says who acted, on what, when, and which fields changed from what to what.
// Times are in the chosen location's zone, else UTC.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { useAuditLog } from "@/components/data/hooks";
import { formatMoney } from "@/components/data/format";
import type { AuditEntryDto, AuditLogList } from "@/components/data/types";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/actions";
import { EmptyState } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { Time, formatDateTime } from "@/components/ui/time";
import { filterHref } from "@/lib/validation/location-choice";

const ACTION_LABEL: Record<AuditAction, string> = {
  wallet_top_up: "Wallet topped up for a user",
  slot_create: "Slot created",
  slot_update: "Slot changed",
  pricing_rules_update: "Pricing rules changed",
  reservation_end: "Reservation ended by staff",
  reservation_cancel: "Reservation cancelled by staff",
  reservation_extend: "Reservation extended by staff",
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
  durationHours: "Hours",
  totalAmountCents: "Total",
  userId: "Owner (user id)",
  enabled: "Demand pricing on",
  occupancyTiers: "Occupancy tiers",
  hourOfWeek: "Hour-of-week windows",
  slotTypes: "Slot type factors",
  minMultiplier: "Lowest multiplier",
  maxMultiplier: "Highest multiplier",
};

/** A time the contract writes: ISO-8601 in UTC with a Z. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function formatValue(field: string, value: unknown, timeZone: string): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string" && ISO_TIME.test(value)) return formatDateTime(value, timeZone);
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
function changes(entry: AuditEntryDto, timeZone: string) {
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
        before: both ? formatValue(f, before[f], timeZone) : null,
        after: formatValue(f, f in after ? after[f] : before[f], timeZone),
      },
    ];
  });
}

function Entry({ entry, timeZone }: { entry: AuditEntryDto; timeZone: string }) {
  const changed = changes(entry, timeZone);
  return (
    <li
      className="rounded-card border-surface-border bg-surface p-card border"
      data-testid="audit-entry"
      data-action={entry.action}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="font-semibold">{ACTION_LABEL[entry.action]}</p>
        <p className="text-ink-muted text-sm">
          <Time iso={entry.createdAt} timeZone={timeZone} />
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
  timeZone,
  fallback,
}: {
  action: AuditAction | undefined;
  /** The chosen location's zone, else UTC. */
  timeZone: string;
  fallback: AuditLogList;
}) {
  const { data = fallback } = useAuditLog(action, fallback);
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();

  function apply(next: string) {
    const href = filterHref(pathname, searchParams, { action: next });
    startTransition(() => router.replace(href, { scroll: false }));
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
              <Entry key={entry.id} entry={entry} timeZone={timeZone} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
