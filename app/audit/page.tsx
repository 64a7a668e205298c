// Audit log (staff only): staff actions with who, when, and what changed. Drivers are refused.
import { connection } from "next/server";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { listAuditLog } from "@/lib/audit/queries";
import { actorOf } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/viewer";
import { AUDIT_LOG_LIMIT } from "@/components/data/keys";
import { parseAuditAction } from "@/lib/validation/page-params";
import { StaffOnly } from "@/components/layout/staff-only";
import { PageTitle } from "@/components/ui/card";
import { AuditView } from "@/components/audit/audit-view";
import { isStaffRole } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: PageProps<"/audit">) {
  // Rendered per request (in the loading skeleton's place, after the static shell).
  await connection();
  const user = await getViewer();
  if (!user) redirect("/login?next=/audit");
  if (!isStaffRole(user.role))
    return <StaffOnly what="The audit log needs" username={user.username} />;
  const action = parseAuditAction(await searchParams);
  const log = await listAuditLog(actorOf(user), { action, limit: AUDIT_LOG_LIMIT, offset: 0 });
  return (
    <>
      <PageTitle title="Audit log" />
      <AuditView action={action} fallback={log} />
    </>
  );
}
