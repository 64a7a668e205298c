"use client";
// Reservations as a list of rows: slot, who (for staff), when, amount, status, and the
// action that fits: end a running one, cancel (with refund) one that has not started; on a
// driver's own running or upcoming booking, its QR pass and "Extend by 1 h".
// Times are in the zone of the reservation's garage (its slot's location), labelled.
import { formatMoney } from "@/components/data/format";
import type { ReservationDto } from "@/components/data/types";
import { Time, zoneOf, type LocationZones } from "@/components/ui/time";
import { EndReservationButton } from "@/components/reservations/end-button";
import { CancelReservationButton } from "@/components/reservations/cancel-button";
import { ExtendReservationButton } from "@/components/reservations/extend-button";
import { PassButton } from "@/components/reservations/pass-button";

const STATUS_CLASS: Record<ReservationDto["status"], string> = {
  upcoming: "border-brand bg-surface text-brand-dark",
  active: "border-brand bg-brand-light text-brand-dark",
  completed: "border-surface-border bg-surface-muted text-ink",
  cancelled: "border-warning-border bg-warning-bg text-warning",
  no_show: "border-warning-border bg-warning-bg text-warning",
};

function StatusBadge({ status }: { status: ReservationDto["status"] }) {
  return (
    <span
      className={`rounded-pill inline-flex border px-2 py-0.5 text-xs font-semibold capitalize ${STATUS_CLASS[status]}`}
    >
      {status}
    </span>
  );
}

export function ReservationList({
  reservations,
  usernames,
  zones,
  label,
}: {
  reservations: ReservationDto[];
  /** Each location's time zone; a location not in it shows UTC. */
  zones?: LocationZones;
  /** Staff view: the owner's name per user id. */
  usernames?: Map<number, string>;
  label: string;
}) {
  return (
    <ul className="flex flex-col gap-2" aria-label={label}>
      {reservations.map((r) => (
        <ReservationRow key={r.id} r={r} usernames={usernames} zones={zones} />
      ))}
    </ul>
  );
}

function ReservationRow({
  r,
  usernames,
  zones,
}: {
  r: ReservationDto;
  usernames?: Map<number, string>;
  zones?: LocationZones;
}) {
  const timeZone = zoneOf(zones, r.locationId);
  return (
    <li
      className="rounded-card border-surface-border bg-surface p-card flex flex-wrap items-center justify-between gap-3 border"
      data-testid="reservation-row"
      data-status={r.status}
      data-slot-number={r.slotNumber}
      data-location-id={r.locationId}
    >
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-semibold">Slot {r.slotNumber}</span>
          <StatusBadge status={r.status} />
          {usernames && (
            <span className="text-ink-muted text-sm">
              for {usernames.get(r.userId) ?? `user #${r.userId}`}
            </span>
          )}
        </p>
        <p className="text-ink-muted text-sm">
          <Time iso={r.startTime} timeZone={timeZone} /> →{" "}
          <Time iso={r.endTime} timeZone={timeZone} /> · {r.durationHours} h ·{" "}
          {formatMoney(r.totalAmountCents)}
          {r.paymentStatus === "refunded" && " (refunded)"}
        </p>
      </div>
      {/* The driver's own card: the pass for the gate and one more hour. */}
      {!usernames && (r.status === "active" || r.status === "upcoming") && (
        <PassButton reservationId={r.id} slotNumber={r.slotNumber} />
      )}
      {!usernames && r.kind === "booked" && (r.status === "active" || r.status === "upcoming") && (
        <ExtendReservationButton
          reservationId={r.id}
          slotId={r.slotId}
          slotNumber={r.slotNumber}
          endTime={r.endTime}
        />
      )}
      {r.status === "active" && (
        <EndReservationButton reservationId={r.id} slotNumber={r.slotNumber} />
      )}
      {r.status === "upcoming" && (
        <CancelReservationButton
          reservationId={r.id}
          slotNumber={r.slotNumber}
          amountCents={r.totalAmountCents}
        />
      )}
    </li>
  );
}
