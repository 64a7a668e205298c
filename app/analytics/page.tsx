// Analytics (staff only): where the money comes from, how full the garage is by hour, zone
// and type, and a forecast of the next day with its backtest. Drivers are refused.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getAnalytics } from "@/lib/analytics/service";
import { actorOf, getViewer } from "@/components/data/server";
import { parseAnalyticsDays } from "@/components/data/keys";
import { buttonClass } from "@/components/ui/button";
import { PageTitle } from "@/components/ui/card";
import { AnalyticsView } from "@/components/analytics/analytics-view";

export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsPage({ searchParams }: PageProps<"/analytics">) {
  const user = await getViewer();
  if (!user) redirect("/login?next=/analytics");
  if (user.role !== "staff") {
    return (
      <div
        className="rounded-card border-danger-border bg-surface p-card mx-auto max-w-md border text-center"
        data-testid="forbidden"
      >
        <h1 className="mb-2 text-xl font-bold">Staff only</h1>
        <p className="text-ink-muted mb-4">
          Analytics need a staff account. You are signed in as {user.username}, a driver.
        </p>
        <Link href="/" className={buttonClass.primary}>
          Go to the dashboard
        </Link>
      </div>
    );
  }
  const days = parseAnalyticsDays(await searchParams);
  const analytics = await getAnalytics(actorOf(user), { days });
  return (
    <>
      <PageTitle title="Analytics" />
      <AnalyticsView days={days} fallback={analytics} />
    </>
  );
}
