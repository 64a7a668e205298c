"use client";
import { useAvailability } from "@/components/data/hooks";
import { formatPercent } from "@/components/data/format";
import type { Availability } from "@/components/data/types";
import { StatCards } from "@/components/ui/card";

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
      <StatCards stats={cards} columns="md:grid-cols-4" large />
      {data.outOfService > 0 && (
        <p className="text-ink-muted mt-2 text-sm">
          {data.outOfService} slot{data.outOfService === 1 ? " is" : "s are"} out of service.
        </p>
      )}
    </div>
  );
}
