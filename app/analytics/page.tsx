// Analytics (staff only): where the money comes from, how full the garage is by hour, zone
// and type, and a forecast of the next day with its backtest. Drivers are refused.
import { connection } from "next/server";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getAnalytics } from "@/lib/analytics/service";
import { actorOf } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/viewer";
import { parseAnalyticsDays } from "@/lib/validation/page-params";
import { StaffOnly } from "@/components/layout/staff-only";
import { PageTitle } from "@/components/ui/card";
import { AnalyticsView } from "@/components/analytics/analytics-view";
import { isStaffRole } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsPage({ searchParams }: PageProps<"/analytics">) {
  // Rendered per request (in the loading skeleton's place, after the static shell).
  await connection();
  const user = await getViewer();
  if (!user) redirect("/login?next=/analytics");
  if (!isStaffRole(user.role)) return <StaffOnly what="Analytics need" username={user.username} />;
  const days = parseAnalyticsDays(await searchParams);
  const analytics = await getAnalytics(actorOf(user), { days });
  return (
    <>
      <PageTitle title="Analytics" />
      <AnalyticsView days={days} fallback={analytics} />
    </>
  );
}
