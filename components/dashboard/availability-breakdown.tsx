"use client";
// Free slots as a number and a bar each (the number is the signal, the bar a picture of
// it): one location's by floor and by zone; the network's by garage (every floor and zone
// of twenty garages would be a thousand rows: a garage chosen shows its own). Each reads
// only its part of the counts (useAvailability), so the page sends no more.
import type { CSSProperties } from "react";
import { useAvailability } from "@/components/data/hooks";
import type { Availability } from "@/components/data/types";
import { Card } from "@/components/ui/card";

// A bar is no element of its own: its row's ::after (.free-bar, app/globals.css) paints
// the free share from --free; figures are one text node each. A garage's forty zones are
// a good part of the page.
const freeShare = (available: number, total: number) =>
  ({ "--free": `${total === 0 ? 0 : (available / total) * 100}%` }) as CSSProperties;

/** One list row: what it counts and "n of m free" on a line, the bar below. */
function FreeRow({ label, available, total }: { label: string; available: number; total: number }) {
  return (
    <li
      className="free-bar grid grid-cols-[1fr_auto] gap-1 text-sm"
      style={freeShare(available, total)}
    >
      <span className="font-medium">{label}</span>
      <span className="tabular-nums">{`${available} of ${total} free`}</span>
    </li>
  );
}

/** One location's free slots (or a one-garage network's) by floor and by zone. */
export function AvailabilityBreakdown({
  fallback,
  locationId,
}: {
  fallback: Pick<Availability, "byFloor" | "byZone">;
  locationId?: number;
}) {
  const { data = fallback } = useAvailability<"byFloor" | "byZone">(fallback, locationId);
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <Card title="Free by floor">
        <ul className="flex flex-col gap-3">
          {data.byFloor.map((row) => (
            <FreeRow key={`${row.locationId}-${row.floor}`} label={`Floor ${row.floor}`} {...row} />
          ))}
        </ul>
      </Card>
      <Card title="Free by zone">
        <table className="w-full text-sm">
          <caption className="sr-only">Free slots in each zone of each floor</caption>
          <thead>
            <tr className="text-ink-muted text-left">
              <th scope="col" className="pb-1 font-medium">
                Zone
              </th>
              <th scope="col" className="pb-1 text-right font-medium">
                Free
              </th>
              <th scope="col" className="w-2/5 pb-1 pl-3 font-medium">
                <span className="sr-only">Share free</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.byZone.map((row) => (
              <tr key={`${row.locationId}-${row.floor}-${row.zone}`}>
                <th scope="row" className="py-0.5 text-left font-normal">
                  {`Floor ${row.floor}, zone ${row.zone}`}
                </th>
                <td className="py-0.5 text-right tabular-nums">{`${row.available}/${row.total}`}</td>
                <td className="free-bar py-0.5 pl-3" style={freeShare(row.available, row.total)} />
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

/** The network's free slots, one row per garage, in the order of the garages' names. */
export function FreeByGarage({
  fallback,
  names,
}: {
  fallback: Pick<Availability, "byLocation">;
  /** Each location's name by id. */
  names: Readonly<Record<number, string>>;
}) {
  const { data = fallback } = useAvailability<"byLocation">(fallback);
  const named = (data.byLocation ?? [])
    .map((row) => ({ ...row, name: names[row.locationId] ?? `Garage ${row.locationId}` }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Card title="Free by garage">
      <ul className="grid gap-3 md:grid-cols-2">
        {named.map((row) => (
          <FreeRow key={row.locationId} label={row.name} {...row} />
        ))}
      </ul>
    </Card>
  );
}
