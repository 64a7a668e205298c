// The admin's network overview: alerts first, then one card per location with its
// occupancy now and its revenue today in its own local day (the zone named).
import Link from "next/link";
import type { LocationOverview, NetworkOverview, OverviewAlert } from "@/lib/locations/overview";
import { formatMoney, formatPercent } from "@/components/data/format";
import { Card, EmptyState } from "@/components/ui/card";
import { withLocation } from "@/lib/validation/location-choice";

/** A calendar date (YYYY-MM-DD) as "Sat 5 Dec". */
function formatDay(date: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  }).format(new Date(`${date}T00:00:00.000Z`));
}

function AlertItem({ alert, name }: { alert: OverviewAlert; name: string }) {
  if (alert.kind === "nearly_full") {
    return (
      <li className="border-warning-border bg-warning-bg text-warning rounded-control border p-3">
        <strong className="font-semibold">{name}</strong> is {formatPercent(alert.occupancyRate)}{" "}
        full.
      </li>
    );
  }
  const more = alert.count - alert.slotNumbers.length;
  return (
    <li className="border-surface-border rounded-control border p-3">
      <strong className="font-semibold">{name}</strong>: {alert.count} slot
      {alert.count === 1 ? "" : "s"} out of service
      {alert.reason ? (
        <>
          {" "}
          (reason: <q>{alert.reason}</q>)
        </>
      ) : (
        " (no reason given)"
      )}
      <span className="text-ink-muted block text-sm break-words">
        {alert.slotNumbers.join(", ")}
        {more > 0 && ` and ${more} more`}
      </span>
    </li>
  );
}

function LocationCard({ location }: { location: LocationOverview }) {
  const inService = location.occupied + location.available;
  return (
    <li
      className="rounded-card border-surface-border bg-surface p-card flex flex-col gap-3 border"
      data-testid="overview-location"
      data-slug={location.slug}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-base font-semibold">
          <Link
            href={withLocation("/", location.slug)}
            // A prefetch would be taken for choosing the garage (components/dashboard/floor-map.tsx).
            prefetch={false}
            className="hover:underline"
          >
            {location.name}
          </Link>
        </h3>
        <span className="text-ink-muted text-sm">{location.timeZone}</span>
      </div>
      <div>
        <p className="flex items-baseline justify-between gap-2">
          <span className="text-sm font-medium">Occupied now</span>
          <span className="text-2xl font-bold tabular-nums" data-testid="overview-occupancy">
            {formatPercent(location.occupancyRate)}
          </span>
        </p>
        <div className="bg-surface-muted rounded-pill mt-1 h-2 overflow-hidden" aria-hidden="true">
          <div
            className={`h-full ${location.occupancyRate > 0.9 ? "bg-warning" : "bg-brand"}`}
            style={{ width: `${Math.round(location.occupancyRate * 100)}%` }}
          />
        </div>
        <p className="text-ink-muted mt-1 text-sm tabular-nums">
          {location.occupied} of {inService} in service occupied · {location.available} free ·{" "}
          {location.outOfService} out of service
        </p>
      </div>
      <p className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="text-sm font-medium">
          Revenue today{" "}
          <span className="text-ink-muted font-normal">
            ({formatDay(location.localDate)}, {location.timeZone})
          </span>
        </span>
        <span className="font-semibold tabular-nums" data-testid="overview-revenue">
          {formatMoney(location.revenueTodayCents)}
        </span>
      </p>
    </li>
  );
}

export function NetworkOverviewView({ overview }: { overview: NetworkOverview }) {
  const names = new Map(overview.locations.map((location) => [location.id, location.name]));
  return (
    <div className="gap-section flex flex-col">
      <Card title="Alerts">
        {overview.alerts.length === 0 ? (
          <p className="text-ink-muted text-sm">Nothing needs attention.</p>
        ) : (
          <ul className="flex flex-col gap-2" data-testid="overview-alerts">
            {overview.alerts.map((alert) => (
              <AlertItem
                key={`${alert.locationId}-${alert.kind}-${alert.kind === "out_of_service" ? alert.reason : ""}`}
                alert={alert}
                name={names.get(alert.locationId) ?? `Location ${alert.locationId}`}
              />
            ))}
          </ul>
        )}
      </Card>
      <section aria-labelledby="overview-locations">
        <h2 id="overview-locations" className="mb-3 text-base font-semibold">
          Garages
        </h2>
        {overview.locations.length === 0 ? (
          <EmptyState>
            No garage yet. <Link href="/admin/locations">Create the first one</Link>.
          </EmptyState>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {overview.locations.map((location) => (
              <LocationCard key={location.id} location={location} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
