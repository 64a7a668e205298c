"use client";
import { useAvailability } from "@/components/data/hooks";
import { formatPercent } from "@/components/data/format";
import type { Availability } from "@/components/data/types";

type Totals = "total" | "available" | "occupied" | "outOfService" | "occupancyRate";

/** The counts of the network, or of one location (`locationId`). */
export function SummaryCards({
  fallback,
  locationId,
}: {
  fallback: Pick<Availability, Totals>;
  locationId?: number;
}) {
  const { data = fallback } = useAvailability<Totals>(fallback, locationId);
  const cards = [
    { label: "Total slots", value: String(data.total), testId: "card-total" },
    { label: "Available", value: String(data.available), testId: "card-available" },
    { label: "Occupied", value: String(data.occupied), testId: "card-occupied" },
    { label: "Occupancy", value: formatPercent(data.occupancyRate), testId: "card-occupancy" },
  ];
  return (
    <div>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {cards.map((card) => (
          <div
            key={card.label}
            className="rounded-card border-surface-border bg-surface p-card border"
            data-testid={card.testId}
          >
            <dt className="text-ink-muted text-sm">{card.label}</dt>
            <dd className="text-3xl font-bold tabular-nums">{card.value}</dd>
          </div>
        ))}
      </dl>
      {data.outOfService > 0 && (
        <p className="text-ink-muted mt-2 text-sm">
          {data.outOfService} slot{data.outOfService === 1 ? " is" : "s are"} out of service.
        </p>
      )}
    </div>
  );
}
