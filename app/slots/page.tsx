// Slot search: filters in the URL, results in the API's order, reserve dialog.
import { connection } from "next/server";
import type { Metadata } from "next";
import { getAvailability, searchSlots } from "@/lib/slots/queries";
import { getViewer } from "@/lib/auth/viewer";
import { ALL_SLOTS_LIMIT, SLOT_SEARCH_LIMIT } from "@/components/data/keys";
import { parseSlotFilter } from "@/lib/validation/page-params";
import { PageTitle } from "@/components/ui/card";
import { SlotSearch } from "@/components/slots/slot-results";
import { SlotAdmin } from "@/components/slots/slot-admin";
import { isStaffRole } from "@/lib/auth/roles";
import { listLocations } from "@/lib/locations/service";

export const metadata: Metadata = { title: "Find a slot" };

export default async function SlotsPage({ searchParams }: PageProps<"/slots">) {
  // Rendered per request (in the loading skeleton's place, after the static shell).
  await connection();
  const filter = parseSlotFilter(await searchParams);
  const [user, availability, slots, locations] = await Promise.all([
    getViewer(),
    getAvailability(),
    searchSlots({ ...filter, available: "true", limit: SLOT_SEARCH_LIMIT, offset: 0 }),
    listLocations(),
  ]);
  // Staff also manage slots here: every slot, in service or not.
  const allSlots =
    user && isStaffRole(user.role)
      ? await searchSlots({ available: "all", limit: ALL_SLOTS_LIMIT, offset: 0 })
      : null;
  // The network's floors and zones (a floor number is each location's own).
  const floors = [...new Set(availability.byFloor.map((row) => row.floor))].sort((a, b) => a - b);
  const locationNames = Object.fromEntries(
    locations.map((location) => [location.id, location.name]),
  );
  const zones = [...new Set(availability.byZone.map((row) => row.zone))].sort();
  return (
    <>
      <PageTitle title="Find a slot" />
      <SlotSearch
        filter={filter}
        fallback={slots}
        user={user}
        floors={floors}
        zones={zones}
        locationNames={locationNames}
      />
      {allSlots && <SlotAdmin fallback={allSlots} />}
    </>
  );
}
