// Audit log (staff only): staff actions with who, when, and what changed, with times in the
// chosen location's zone (`?location=`), else UTC. Drivers are refused.
import { perRequestPage } from "@/components/layout/per-request-page";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { listAuditLog } from "@/lib/audit/queries";
import { actorOf } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/viewer";
import { AUDIT_LOG_LIMIT } from "@/components/data/keys";
import { parseAuditAction, parseLocation } from "@/lib/validation/page-params";
import { listLocations } from "@/lib/locations/service";
import { NETWORK_TIME_ZONE } from "@/components/ui/time";
import { StaffOnly } from "@/components/layout/staff-only";
import { PageTitle, ScopeNote } from "@/components/ui/card";
import { AuditView } from "@/components/audit/audit-view";
import { isStaffRole } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Audit log" };

export default perRequestPage(async function AuditPage({ searchParams }: PageProps<"/audit">) {
  const user = await getViewer();
  if (!user) redirect("/login?next=/audit");
  if (!isStaffRole(user.role))
    return <StaffOnly what="The audit log needs" username={user.username} />;
  const [params, locations] = await Promise.all([searchParams, listLocations()]);
  const action = parseAuditAction(params);
  const location = parseLocation(params, locations);
  const log = await listAuditLog(actorOf(user), { action, limit: AUDIT_LOG_LIMIT, offset: 0 });
  return (
    <>
      <PageTitle title="Audit log">
        <ScopeNote locationName={location?.name} />
      </PageTitle>
      <AuditView
        action={action}
        timeZone={location?.timeZone ?? NETWORK_TIME_ZONE}
        fallback={log}
      />
    </>
  );
});
