// Dashboard: counts and free slots by floor and zone (the chosen location's, `?location=`,
// else the network's), one floor's map and, for a driver, the reservation running now.
// First paint from lib/; the client components then poll.
import { perRequestPage } from "@/components/layout/per-request-page";
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
import { AvailabilityBreakdown, FreeByGarage } from "@/components/dashboard/availability-breakdown";
import { FloorMap } from "@/components/dashboard/floor-map";
import { mapSlotList } from "@/components/data/map-slots";
import { ActiveReservations } from "@/components/reservations/active-reservations";
import { locationZones } from "@/components/ui/time";

export default perRequestPage(async function DashboardPage({ searchParams }: PageProps<"/">) {
  const [user, params, locations, defaultId] = await Promise.all([
    getViewer(),
    searchParams,
    listLocations(),
    defaultLocationId(),
  ]);
  const chosen = parseLocation(params, locations);
  // The chosen location's counts (their floor rows serve its map too), else the network's.
  const now = new Date();
  const availability = await getAvailability(now, chosen?.id);
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
  // The floor links' counts: the page's own when they cover the map's garage (it is the
  // chosen one, or the only one), else that garage's: the network's answer would carry the
  // floor and zone rows of every garage, and the network view shows none of them.
  const network = chosen === null && locations.length > 1;
  const mapCounts =
    network && mapLocation !== null ? await getAvailability(now, mapLocation.id) : availability;
  const [floorSlots, active] = await Promise.all([
    floor === null || mapLocation === null
      ? null
      : searchSlots({
          locationId: mapLocation.id,
          floor,
          available: "all",
          limit: ALL_SLOTS_LIMIT,
          offset: 0,
        }).then(mapSlotList),
    user?.role === "driver"
      ? listReservations(actorOf(user), { status: "active", limit: RESERVATIONS_LIMIT, offset: 0 })
      : null,
  ]);
  // Each part of the page gets the part of the counts it shows (useAvailability).
  const { total, available, occupied, outOfService, occupancyRate } = availability;
  const totals = { total, available, occupied, outOfService, occupancyRate };
  // The title spaces itself from what follows (PageTitle); inside the column's gap it
  // would be spaced twice.
  return (
    <>
      <PageTitle title="Dashboard">
        <ScopeNote locationName={chosen?.name} />
      </PageTitle>
      <div className="gap-section flex flex-col">
        {active && <ActiveReservations fallback={active} zones={locationZones(locations)} />}
        <SummaryCards fallback={totals} locationId={chosen?.id} />
        {network ? (
          <FreeByGarage
            fallback={{ byLocation: availability.byLocation }}
            names={Object.fromEntries(locations.map(({ id, name }) => [id, name]))}
          />
        ) : (
          <AvailabilityBreakdown
            fallback={{ byFloor: availability.byFloor, byZone: availability.byZone }}
            locationId={chosen?.id}
          />
        )}
        <FloorMap
          locations={locations.map(({ id, slug, name }) => ({ id, slug, name }))}
          locationId={mapLocation?.id ?? null}
          floor={floor}
          fallback={floorSlots}
          counts={{ byFloor: mapCounts.byFloor }}
          countsLocationId={network ? mapLocation?.id : chosen?.id}
        />
      </div>
    </>
  );
});
