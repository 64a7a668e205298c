// What a driver sees on a staff page: a refusal that says why, and the way back.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export function StaffOnly({ what, username }: { what: string; username: string }) {
  return (
    <div
      className="rounded-card border-danger-border bg-surface p-card mx-auto max-w-md border text-center"
      data-testid="forbidden"
    >
      <h1 className="mb-2 text-xl font-bold">Staff only</h1>
      <p className="text-ink-muted mb-4">
        {what} a staff account. You are signed in as {username}, a driver.
      </p>
      <Link href="/" className={buttonClass.primary}>
        Go to the dashboard
      </Link>
    </div>
  );
}
