"use client";
// The driver's running reservations on the dashboard: slot, end time, live countdown, end.
import Link from "next/link";
import { useActiveReservations } from "@/components/data/hooks";
import { formatMoney } from "@/components/data/format";
import type { ReservationList } from "@/components/data/types";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Time, zoneOf, type LocationZones } from "@/components/ui/time";
import { Countdown } from "@/components/reservations/countdown";
import { EndReservationButton } from "@/components/reservations/end-button";

export function ActiveReservations({
  fallback,
  zones,
}: {
  fallback: ReservationList;
  /** Each location's time zone: a reservation's times are in its garage's. */
  zones: LocationZones;
}) {
  const { data = fallback } = useActiveReservations(true, fallback);
  const active = data.reservations.filter((r) => r.status === "active");
  return (
    <Card title="Your reservation" className="border-brand">
      {active.length === 0 ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-ink-muted">You have no reservation running.</p>
          <Link href="/slots" className={buttonClass.primary}>
            Find a slot
          </Link>
        </div>
      ) : (
        <ul className="flex flex-col gap-3">
          {active.map((r) => (
            <li
              key={r.id}
              className="flex flex-wrap items-center justify-between gap-3"
              data-testid="active-reservation"
            >
              <div>
                <p className="text-lg font-semibold">Slot {r.slotNumber}</p>
                <p className="text-ink-muted text-sm">
                  Until <Time iso={r.endTime} timeZone={zoneOf(zones, r.locationId)} /> · paid{" "}
                  {formatMoney(r.totalAmountCents)}
                </p>
                <p className="text-brand-dark font-medium">
                  <Countdown endIso={r.endTime} />
                </p>
              </div>
              <EndReservationButton reservationId={r.id} slotNumber={r.slotNumber} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
