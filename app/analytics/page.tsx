// Analytics (staff only): where the money comes from, how full the garage is by hour, zone
// and type, and a forecast of the next day with its backtest. The chosen location's
// (`?location=`, in its time zone) or the whole network's (UTC). Drivers are refused.
import { perRequestPage } from "@/components/layout/per-request-page";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getAnalytics } from "@/lib/analytics/service";
import { actorOf } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/viewer";
import { listLocations } from "@/lib/locations/service";
import { AppError } from "@/lib/errors";
import { parseAnalyticsDays, parseLocation } from "@/lib/validation/page-params";
import { StaffOnly } from "@/components/layout/staff-only";
import { EmptyState, PageTitle, ScopeNote } from "@/components/ui/card";
import { AnalyticsView } from "@/components/analytics/analytics-view";
import { isStaffRole } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Analytics" };

export default perRequestPage(async function AnalyticsPage({
  searchParams,
}: PageProps<"/analytics">) {
  const user = await getViewer();
  if (!user) redirect("/login?next=/analytics");
  if (!isStaffRole(user.role)) return <StaffOnly what="Analytics need" username={user.username} />;
  const [params, locations] = await Promise.all([searchParams, listLocations()]);
  const days = parseAnalyticsDays(params);
  const location = parseLocation(params, locations);
  const title = (
    <PageTitle title="Analytics">
      <ScopeNote locationName={location?.name} />
    </PageTitle>
  );
  const analytics = await getAnalytics(actorOf(user), { days, locationId: location?.id }).catch(
    (error: unknown) => {
      // Staff who do not work at this location (or, for the network, at every location).
      if (error instanceof AppError && error.code === "FORBIDDEN") return null;
      throw error;
    },
  );
  if (analytics === null) {
    return (
      <>
        {title}
        <EmptyState>
          <span data-testid="analytics-forbidden">
            {location
              ? `You do not work at ${location.name}. Choose one of your garages above.`
              : "Network analytics are for staff of every garage. Choose one of your garages above."}
          </span>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      {title}
      <AnalyticsView
        days={days}
        location={location && { id: location.id, slug: location.slug, name: location.name }}
        fallback={analytics}
      />
    </>
  );
});
