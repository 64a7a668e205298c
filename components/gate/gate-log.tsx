// The rows of a gate log: when (in the garage's zone), which way, which plate, the decision
// and its reason in words. Refusals stand out, overstays and unpaid bills are marked, and a
// manual open says who opened and why.
import { formatDateTime, Time } from "@/components/ui/time";
import type { GateEventDto } from "@/components/data/types";
import { attentionOf, reasonInWords, type Attention } from "@/components/gate/reasons";
import { MINUTE_MS } from "@/lib/time";

/** A device event received this long after it happened was sent late (an offline gate). */
const LATE_MS = 5 * MINUTE_MS;

const ROW_TONE: Record<Attention, string> = {
  denied: "border-danger-border bg-danger-bg",
  owed: "border-warning-border bg-warning-bg",
  overstay: "border-warning-border bg-warning-bg",
  manual: "border-brand bg-brand-light",
  normal: "border-surface-border bg-surface",
};

const BADGE =
  "inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-semibold";

function DecisionBadge({ event }: { event: GateEventDto }) {
  return event.decision === "deny" ? (
    <span className={`${BADGE} border-danger-border bg-surface text-danger`}>
      <span aria-hidden="true">✕</span> Denied
    </span>
  ) : (
    <span className={`${BADGE} border-success-border bg-surface text-success`}>
      <span aria-hidden="true">✓</span> Opened
    </span>
  );
}

function Mark({ attention }: { attention: Attention }) {
  if (attention === "overstay") {
    return (
      <span className={`${BADGE} border-warning-border bg-surface text-warning`}>Overstay</span>
    );
  }
  if (attention === "owed") {
    return <span className={`${BADGE} border-danger-border bg-surface text-danger`}>Owed</span>;
  }
  if (attention === "manual") {
    return <span className={`${BADGE} border-brand bg-surface text-brand-dark`}>Manual</span>;
  }
  return null;
}

function GateEventRow({
  event,
  timeZone,
  staffNames,
}: {
  event: GateEventDto;
  timeZone: string;
  staffNames: Readonly<Record<number, string>>;
}) {
  const attention = attentionOf(event);
  const arriving = event.direction === "in";
  const late = Date.parse(event.createdAt) - Date.parse(event.at) > LATE_MS;
  const who =
    event.staffUserId === null
      ? null
      : (staffNames[event.staffUserId] ?? `staff user #${event.staffUserId}`);
  return (
    <li
      className={`rounded-card p-card flex flex-col gap-1 border ${ROW_TONE[attention]}`}
      data-testid="gate-event"
      data-decision={event.decision}
      data-reason={event.reason}
      data-manual={event.manual}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="flex flex-wrap items-center gap-2 font-semibold">
          <span>
            <span aria-hidden="true">{arriving ? "→ " : "← "}</span>
            {arriving ? "Arrival" : "Exit"}
          </span>
          <span className="font-mono tracking-wide" data-testid="gate-event-plate">
            {event.plate ?? <span className="text-ink-muted font-sans font-normal">no plate</span>}
          </span>
          <DecisionBadge event={event} />
          <Mark attention={attention} />
        </p>
        <p className="text-ink-muted text-sm">
          <Time iso={event.at} timeZone={timeZone} />
        </p>
      </div>
      <p className={attention === "denied" ? "text-danger font-medium" : undefined}>
        {reasonInWords(event.reason)}
        {event.reservationId !== null && (
          <span className="text-ink-muted"> · reservation #{event.reservationId}</span>
        )}
      </p>
      {event.manual && (
        <p className="text-sm break-words" data-testid="gate-event-note">
          By <span className="font-semibold">{who}</span>
          {event.note && (
            <>
              : <q>{event.note}</q>
            </>
          )}
        </p>
      )}
      {late && (
        <p className="text-ink-muted text-xs">
          Sent late by the gate: received {formatDateTime(event.createdAt, timeZone)}.
        </p>
      )}
    </li>
  );
}

export function GateLog({
  events,
  timeZone,
  staffNames,
}: {
  events: readonly GateEventDto[];
  timeZone: string;
  staffNames: Readonly<Record<number, string>>;
}) {
  return (
    <ol className="flex flex-col gap-2" aria-label="Gate log, newest first">
      {events.map((event) => (
        <GateEventRow key={event.id} event={event} timeZone={timeZone} staffNames={staffNames} />
      ))}
    </ol>
  );
}
