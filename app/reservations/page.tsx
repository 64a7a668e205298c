// Reservations: a driver's own (at any garage); staff see everyone's with filters, at the
// chosen location (`?location=`) or across the network. Each time is in its garage's zone.
import { perRequestPage } from "@/components/layout/per-request-page";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { listReservations } from "@/lib/reservations/queries";
import { searchUsers } from "@/lib/users/queries";
import { actorOf } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/viewer";
import { RESERVATIONS_LIMIT } from "@/components/data/keys";
import { parseReservationFilter } from "@/lib/validation/page-params";
import { PageTitle, ScopeNote } from "@/components/ui/card";
import { DriverReservations, StaffReservations } from "@/components/reservations/reservations-view";
import { isStaffRole } from "@/lib/auth/roles";
import { listLocations } from "@/lib/locations/service";
import { locationZones } from "@/components/ui/time";

export const metadata: Metadata = { title: "Reservations" };

export default perRequestPage(async function ReservationsPage({
  searchParams,
}: PageProps<"/reservations">) {
  const user = await getViewer();
  if (!user) redirect("/login?next=/reservations");
  const actor = actorOf(user);
  const locations = await listLocations();
  const zones = locationZones(locations);
  if (!isStaffRole(user.role)) {
    const mine = await listReservations(actor, {
      status: "all",
      limit: RESERVATIONS_LIMIT,
      offset: 0,
    });
    return (
      <>
        <PageTitle title="My reservations" />
        <DriverReservations fallback={mine} zones={zones} />
      </>
    );
  }
  const filter = parseReservationFilter(await searchParams, locations);
  const [reservations, users] = await Promise.all([
    listReservations(actor, { ...filter, limit: RESERVATIONS_LIMIT, offset: 0 }),
    searchUsers(actor, { limit: 500, offset: 0 }),
  ]);
  return (
    <>
      <PageTitle title="Reservations">
        <ScopeNote locationName={locations.find((l) => l.id === filter.locationId)?.name} />
      </PageTitle>
      <StaffReservations
        filter={filter}
        zones={zones}
        fallback={reservations}
        users={users.users.map(({ id, username }) => ({ id, username }))}
      />
    </>
  );
});
