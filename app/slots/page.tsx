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

export const metadata: Metadata = { title: "Find a slot" };

export default async function SlotsPage({ searchParams }: PageProps<"/slots">) {
  // Rendered per request (in the loading skeleton's place, after the static shell).
  await connection();
  const filter = parseSlotFilter(await searchParams);
  const [user, availability, slots] = await Promise.all([
    getViewer(),
    getAvailability(),
    searchSlots({ ...filter, available: "true", limit: SLOT_SEARCH_LIMIT, offset: 0 }),
  ]);
  // Staff also manage slots here: every slot, in service or not.
  const allSlots =
    user && isStaffRole(user.role)
      ? await searchSlots({ available: "all", limit: ALL_SLOTS_LIMIT, offset: 0 })
      : null;
  const floors = availability.byFloor.map((row) => row.floor);
  const zones = [...new Set(availability.byZone.map((row) => row.zone))].sort();
  return (
    <>
      <PageTitle title="Find a slot" />
      <SlotSearch filter={filter} fallback={slots} user={user} floors={floors} zones={zones} />
      {allSlots && <SlotAdmin fallback={allSlots} />}
    </>
  );
}
