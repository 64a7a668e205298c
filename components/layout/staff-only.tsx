// What a driver sees on a staff page (or staff on an admin page): a refusal that says why,
// and the way back.
import Link from "next/link";
import type { Role } from "@/components/data/types";
import { buttonClass } from "@/components/ui/button";

const ARTICLE: Record<Role, string> = { driver: "a driver", staff: "staff", admin: "an admin" };

export function StaffOnly({
  what,
  username,
  needs = "staff",
  role = "driver",
}: {
  what: string;
  username: string;
  /** The role the page needs. */
  needs?: "staff" | "admin";
  /** The signed-in user's role. */
  role?: Role;
}) {
  return (
    <div
      className="rounded-card border-danger-border bg-surface p-card mx-auto max-w-md border text-center"
      data-testid="forbidden"
    >
      <h1 className="mb-2 text-xl font-bold">{needs === "admin" ? "Admins only" : "Staff only"}</h1>
      <p className="text-ink-muted mb-4">
        {what} {needs === "admin" ? "an admin" : "a staff"} account. You are signed in as {username}
        , {ARTICLE[role]}.
      </p>
      <Link href="/" className={buttonClass.primary}>
        Go to the dashboard
      </Link>
    </div>
  );
}
