// A garage's gate keys (admin only): the keys its gate devices send, listed by label and
// prefix (the key itself is shown once, at creation); create and revoke.
import { perRequestPage } from "@/components/layout/per-request-page";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { actorOf } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/viewer";
import { listGateKeys } from "@/lib/gate/keys";
import { listLocations } from "@/lib/locations/service";
import { StaffOnly } from "@/components/layout/staff-only";
import { PageTitle, ScopeNote } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { GateKeysAdmin } from "@/components/gate/gate-keys-admin";

export const metadata: Metadata = { title: "Gate keys" };

export default perRequestPage(async function GateKeysPage({
  params,
}: PageProps<"/admin/locations/[slug]/gate-keys">) {
  const { slug } = await params;
  const user = await getViewer();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/admin/locations/${slug}/gate-keys`)}`);
  if (user.role !== "admin") {
    return (
      <StaffOnly
        what="Managing gate keys needs"
        needs="admin"
        role={user.role}
        username={user.username}
      />
    );
  }
  const location = (await listLocations()).find((each) => each.slug === slug);
  if (!location) notFound();
  const keys = await listGateKeys(actorOf(user), location.id);
  return (
    <>
      <PageTitle title="Gate keys">
        <div className="flex flex-wrap items-center gap-3">
          <ScopeNote locationName={location.name} />
          <Link href="/admin/locations" className={buttonClass.secondary}>
            All garages
          </Link>
        </div>
      </PageTitle>
      <GateKeysAdmin
        location={{ id: location.id, name: location.name, timeZone: location.timeZone }}
        fallback={{ keys }}
      />
    </>
  );
});
