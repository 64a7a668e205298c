"use client";
// Free slots by floor and by zone, each as a number and a bar (the number is the signal,
// the bar a picture of it): the network's, each row naming its garage, or one location's.
import { useAvailability } from "@/components/data/hooks";
import type { Availability } from "@/components/data/types";
import { Card } from "@/components/ui/card";

function Bar({ available, total }: { available: number; total: number }) {
  const share = total === 0 ? 0 : available / total;
  return (
    <div className="rounded-pill bg-slot-occupied-bg h-2 w-full overflow-hidden" aria-hidden="true">
      <div className="bg-slot-available h-full" style={{ width: `${share * 100}%` }} />
    </div>
  );
}

export function AvailabilityBreakdown({
  fallback,
  locationId,
  locationNames,
}: {
  fallback: Availability;
  locationId?: number;
  /** Network view of several garages: each location's name by id, to name the rows'. */
  locationNames?: Readonly<Record<number, string>>;
}) {
  const { data = fallback } = useAvailability(fallback, locationId);
  const garage = (id: number) => {
    const name = locationNames?.[id];
    return name === undefined ? "" : `${name}, `;
  };
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <Card title="Free by floor">
        <ul className="flex flex-col gap-3">
          {data.byFloor.map((row) => (
            <li key={`${row.locationId}-${row.floor}`} className="flex flex-col gap-1">
              <div className="flex justify-between text-sm">
                <span className="font-medium">
                  {garage(row.locationId)}
                  {locationNames ? "floor" : "Floor"} {row.floor}
                </span>
                <span className="tabular-nums">
                  {row.available} of {row.total} free
                </span>
              </div>
              <Bar available={row.available} total={row.total} />
            </li>
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
                  {garage(row.locationId)}
                  {locationNames ? "floor" : "Floor"} {row.floor}, zone {row.zone}
                </th>
                <td className="py-0.5 text-right tabular-nums">
                  {row.available}/{row.total}
                </td>
                <td className="py-0.5 pl-3">
                  <Bar available={row.available} total={row.total} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
