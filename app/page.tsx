// Dashboard: counts and free slots by floor and zone (the chosen location's, `?location=`,
// else the network's), one floor's map and, for a driver, the reservation running now.
// First paint from lib/; the client components then poll.
import { connection } from "next/server";
import { getAvailability, searchSlots } from "@/lib/slots/queries";
import { listReservations } from "@/lib/reservations/queries";
import { actorOf } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/viewer";
import { ALL_SLOTS_LIMIT, RESERVATIONS_LIMIT } from "@/components/data/keys";
import { listLocations } from "@/lib/locations/service";
import { defaultLocationId } from "@/lib/locations/queries";
import { parseDashboardFloor, parseLocation } from "@/lib/validation/page-params";
import { PageTitle, ScopeNote } from "@/components/ui/card";
import { SummaryCards } from "@/components/dashboard/summary-cards";
import { AvailabilityBreakdown } from "@/components/dashboard/availability-breakdown";
import { FloorMap } from "@/components/dashboard/floor-map";
import { ActiveReservations } from "@/components/reservations/active-reservations";
import { locationZones } from "@/components/ui/time";

export default async function DashboardPage({ searchParams }: PageProps<"/">) {
  // Rendered per request (in the loading skeleton's place, after the static shell).
  await connection();
  const [user, params, locations, defaultId] = await Promise.all([
    getViewer(),
    searchParams,
    listLocations(),
    defaultLocationId(),
  ]);
  const chosen = parseLocation(params, locations);
  // The chosen location's counts (their floor rows serve its map too), else the network's.
  const availability = await getAvailability(new Date(), chosen?.id);
  // Floors belong to a location: the map shows one location's (the chosen one, else the
  // default location's) one floor at a time.
  const mapLocation =
    chosen ?? locations.find((location) => location.id === defaultId) ?? locations[0] ?? null;
  const floor =
    mapLocation === null
      ? null
      : parseDashboardFloor(
          params,
          availability.byFloor
            .filter((row) => row.locationId === mapLocation.id)
            .map((row) => row.floor),
        );
  const [floorSlots, active] = await Promise.all([
    floor === null || mapLocation === null
      ? null
      : searchSlots({
          locationId: mapLocation.id,
          floor,
          available: "all",
          limit: ALL_SLOTS_LIMIT,
          offset: 0,
        }),
    user?.role === "driver"
      ? listReservations(actorOf(user), { status: "active", limit: RESERVATIONS_LIMIT, offset: 0 })
      : null,
  ]);
  // The title spaces itself from what follows (PageTitle); inside the column's gap it
  // would be spaced twice.
  return (
    <>
      <PageTitle title="Dashboard">
        <ScopeNote locationName={chosen?.name} />
      </PageTitle>
      <div className="gap-section flex flex-col">
        {active && <ActiveReservations fallback={active} zones={locationZones(locations)} />}
        <SummaryCards fallback={availability} locationId={chosen?.id} />
        <AvailabilityBreakdown
          fallback={availability}
          locationId={chosen?.id}
          locationNames={
            chosen === null && locations.length > 1
              ? Object.fromEntries(locations.map(({ id, name }) => [id, name]))
              : undefined
          }
        />
        <FloorMap
          locations={locations.map(({ id, slug, name }) => ({ id, slug, name }))}
          locationId={mapLocation?.id ?? null}
          floor={floor}
          fallback={floorSlots}
          availability={availability}
        />
      </div>
    </>
  );
}
