// Slot search at the location chosen in the header (or the whole network): filters and page
// in the URL, results one page at a time in the API's order, the reserve dialog; staff also
// edit slots, change a search's slots in bulk and create slots where they work.
import { perRequestPage } from "@/components/layout/per-request-page";
import type { Metadata } from "next";
import { getAvailability, searchSlots } from "@/lib/slots/queries";
import { getViewer } from "@/lib/auth/viewer";
import { SLOT_SEARCH_LIMIT } from "@/components/data/keys";
import { parseLocation, parseSlotFilter, slotSearchQuery } from "@/lib/validation/page-params";
import { PageTitle } from "@/components/ui/card";
import { SlotSearch } from "@/components/slots/slot-results";
import { SlotAdmin } from "@/components/slots/slot-admin";
import { isStaffRole, worksAt } from "@/lib/auth/roles";
import { listLocations } from "@/lib/locations/service";
import { locationZones } from "@/components/ui/time";

export const metadata: Metadata = { title: "Find a slot" };

export default perRequestPage(async function SlotsPage({ searchParams }: PageProps<"/slots">) {
  const [user, params, locations] = await Promise.all([getViewer(), searchParams, listLocations()]);
  const chosen = parseLocation(params, locations);
  const location = chosen && { id: chosen.id, slug: chosen.slug, name: chosen.name };
  const staff = isStaffRole(user?.role);
  // A driver looks for a free slot; staff manage slots in every state.
  const defaultState = staff ? "all" : "free";
  const filter = parseSlotFilter(params, { locationId: location?.id, defaultState });
  const [availability, slots] = await Promise.all([
    getAvailability(new Date(), location?.id),
    searchSlots(slotSearchQuery(filter, SLOT_SEARCH_LIMIT)),
  ]);
  // The floors and zones of the chosen location, else of the whole network.
  const floors = [...new Set(availability.byFloor.map((row) => row.floor))].sort((a, b) => a - b);
  const zones = [...new Set(availability.byZone.map((row) => row.zone))].sort();
  const locationNames = Object.fromEntries(locations.map((each) => [each.id, each.name]));
  return (
    <>
      <PageTitle title={staff ? "Slots" : "Find a slot"}>
        <p className="text-ink-muted text-sm" data-testid="slots-scope">
          {location ? `At ${location.name}` : "In every garage"}
        </p>
      </PageTitle>
      <SlotSearch
        filter={filter}
        defaultState={defaultState}
        fallback={slots}
        user={user}
        floors={floors}
        zones={zones}
        locationNames={locationNames}
        locationZones={locationZones(locations)}
        location={location}
      />
      {user && staff && (
        <SlotAdmin
          location={location}
          worksThere={location !== null && worksAt(user, location.id)}
        />
      )}
    </>
  );
});
