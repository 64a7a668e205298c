// Garages (admin only): list, create, edit, and who works at each.
import { perRequestPage } from "@/components/layout/per-request-page";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { actorOf } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/viewer";
import { listLocations } from "@/lib/locations/service";
import { listStaffUsers } from "@/lib/users/queries";
import { StaffOnly } from "@/components/layout/staff-only";
import { PageTitle } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { LocationsAdmin } from "@/components/admin/locations-admin";

export const metadata: Metadata = { title: "Garages" };

/**
 * The zones offered: the server's (what the API accepts, and one list for server and
 * browser render alike), with UTC, which Intl lists only as an alias.
 */
function timeZones(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
}

export default perRequestPage(async function AdminLocationsPage() {
  const user = await getViewer();
  if (!user) redirect("/login?next=/admin/locations");
  if (user.role !== "admin") {
    return (
      <StaffOnly
        what="Managing garages needs"
        needs="admin"
        role={user.role}
        username={user.username}
      />
    );
  }
  const [locations, staff] = await Promise.all([listLocations(), listStaffUsers(actorOf(user))]);
  return (
    <>
      <PageTitle title="Garages">
        <Link href="/admin" className={buttonClass.secondary}>
          Network overview
        </Link>
      </PageTitle>
      <LocationsAdmin locations={locations} staff={staff} timeZones={timeZones()} />
    </>
  );
});
