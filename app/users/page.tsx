// Users (staff only): search, balances, add balance; admins also change roles. Drivers are
// refused.
import { perRequestPage } from "@/components/layout/per-request-page";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { searchUsers } from "@/lib/users/queries";
import { actorOf } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/viewer";
import { USERS_LIMIT } from "@/components/data/keys";
import { StaffOnly } from "@/components/layout/staff-only";
import { PageTitle } from "@/components/ui/card";
import { UsersView } from "@/components/users/users-view";
import { isStaffRole } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Users" };

export default perRequestPage(async function UsersPage({ searchParams }: PageProps<"/users">) {
  const user = await getViewer();
  if (!user) redirect("/login?next=/users");
  if (!isStaffRole(user.role))
    return <StaffOnly what="The user list needs" username={user.username} />;
  const raw = (await searchParams).q;
  const q = (typeof raw === "string" ? raw : "").trim().slice(0, 254);
  const users = await searchUsers(actorOf(user), { q, limit: USERS_LIMIT, offset: 0 });
  return (
    <>
      <PageTitle title="Users" />
      <UsersView q={q} fallback={users} canChangeRoles={user.role === "admin"} />
    </>
  );
});
