// Network overview (admin only): each garage's occupancy now, its revenue today in its own
// local day, and alerts. Computed on the server; refreshed by re-rendering every 15 s.
import { perRequestPage } from "@/components/layout/per-request-page";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { actorOf } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/viewer";
import { getNetworkOverview } from "@/lib/locations/overview";
import { StaffOnly } from "@/components/layout/staff-only";
import { PageTitle } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { AutoRefresh } from "@/components/admin/auto-refresh";
import { NetworkOverviewView } from "@/components/admin/network-overview";

export const metadata: Metadata = { title: "Network overview" };

export default perRequestPage(async function AdminPage() {
  const user = await getViewer();
  if (!user) redirect("/login?next=/admin");
  if (user.role !== "admin") {
    return (
      <StaffOnly
        what="The network overview needs"
        needs="admin"
        role={user.role}
        username={user.username}
      />
    );
  }
  const overview = await getNetworkOverview(actorOf(user));
  return (
    <>
      <PageTitle title="Network overview">
        <Link href="/admin/locations" className={buttonClass.secondary}>
          Manage garages
        </Link>
      </PageTitle>
      <AutoRefresh seconds={15} />
      <NetworkOverviewView overview={overview} />
    </>
  );
});
