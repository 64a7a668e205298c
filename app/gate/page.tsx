// The gate (staff): a location's live gate log (arrivals, exits, refusals with their
// reason, overstays, staff opening the gate by hand) and the manual open. Scoped to the
// garage chosen in the header; staff see the garages they work at, admins every garage.
import { perRequestPage } from "@/components/layout/per-request-page";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { actorOf } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/viewer";
import { isStaffRole, worksAt } from "@/lib/auth/roles";
import { listGateEvents } from "@/lib/gate/log";
import { listLocations } from "@/lib/locations/service";
import { listStaffNames } from "@/lib/users/queries";
import { parseGateLogView, parseLocation } from "@/lib/validation/page-params";
import { withLocation } from "@/lib/validation/location-choice";
import { GATE_LOG_LIMIT } from "@/components/data/keys";
import { StaffOnly } from "@/components/layout/staff-only";
import { EmptyState, PageTitle, ScopeNote } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { GateView } from "@/components/gate/gate-view";

export const metadata: Metadata = { title: "Gate" };

export default perRequestPage(async function GatePage({ searchParams }: PageProps<"/gate">) {
  const user = await getViewer();
  if (!user) redirect("/login?next=/gate");
  if (!isStaffRole(user.role)) {
    return <StaffOnly what="The gate log needs" username={user.username} />;
  }
  const [params, locations] = await Promise.all([searchParams, listLocations()]);
  const mine = locations.filter((location) => worksAt(user, location.id));
  // One garage of one's own needs no choosing.
  const location = parseLocation(params, locations, mine.length === 1 ? mine[0] : null);

  if (location === null || !worksAt(user, location.id)) {
    return (
      <>
        <PageTitle title="Gate">
          <ScopeNote locationName={location?.name} />
        </PageTitle>
        {location !== null && (
          <p className="text-danger mb-3 font-medium" role="alert" data-testid="gate-forbidden">
            You do not work at {location.name}: its gate log is for the staff there.
          </p>
        )}
        {mine.length === 0 ? (
          <EmptyState>You are not assigned to any garage yet. An admin can assign you.</EmptyState>
        ) : (
          <nav aria-label="Garages you work at" className="flex flex-col gap-2">
            <p className="text-ink-muted text-sm">Choose the garage whose gate you watch:</p>
            <ul className="flex flex-wrap gap-2">
              {mine.map((each) => (
                <li key={each.id}>
                  <Link
                    href={withLocation("/gate", each.slug)}
                    // A prefetch would be taken for choosing the garage (see the floor map's picker).
                    prefetch={false}
                    className={buttonClass.secondary}
                  >
                    {each.name}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </>
    );
  }

  const actor = actorOf(user);
  const view = parseGateLogView(params, GATE_LOG_LIMIT);
  const [log, staff] = await Promise.all([
    listGateEvents(actor, {
      locationId: location.id,
      show: view.show,
      limit: GATE_LOG_LIMIT,
      offset: view.offset,
    }),
    listStaffNames(actor),
  ]);
  return (
    <>
      <PageTitle title="Gate">
        <ScopeNote locationName={location.name} />
      </PageTitle>
      <GateView
        location={{ id: location.id, slug: location.slug, timeZone: location.timeZone }}
        view={view}
        fallback={log}
        staffNames={Object.fromEntries(staff.map(({ id, username }) => [id, username]))}
      />
    </>
  );
});
