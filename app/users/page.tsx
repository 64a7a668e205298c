// Users (staff only): search, balances, add balance. Drivers are refused.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { searchUsers } from "@/lib/users/queries";
import { actorOf, getViewer } from "@/components/data/server";
import { USERS_LIMIT } from "@/components/data/keys";
import { buttonClass } from "@/components/ui/button";
import { PageTitle } from "@/components/ui/card";
import { UsersView } from "@/components/users/users-view";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: PageProps<"/users">) {
  const user = await getViewer();
  if (!user) redirect("/login?next=/users");
  if (user.role !== "staff") {
    return (
      <div
        className="rounded-card border-danger-border bg-surface p-card mx-auto max-w-md border text-center"
        data-testid="forbidden"
      >
        <h1 className="mb-2 text-xl font-bold">Staff only</h1>
        <p className="text-ink-muted mb-4">
          The user list needs a staff account. You are signed in as {user.username}, a driver.
        </p>
        <Link href="/" className={buttonClass.primary}>
          Go to the dashboard
        </Link>
      </div>
    );
  }
  const raw = (await searchParams).q;
  const q = (typeof raw === "string" ? raw : "").trim().slice(0, 254);
  const users = await searchUsers(actorOf(user), { q, limit: USERS_LIMIT, offset: 0 });
  return (
    <>
      <PageTitle title="Users" />
      <UsersView q={q} fallback={users} />
    </>
  );
}
