// The header on every page: brand, signed-in user and wallet, navigation by role, and the
// live indicator.
import Link from "next/link";
import { LiveIndicator } from "@/components/layout/live-indicator";
import { Nav } from "@/components/layout/nav";
import { UserMenu } from "@/components/layout/user-menu";
import type { UserDto } from "@/components/data/types";

export function Header({ user }: { user: UserDto | null }) {
  return (
    <header className="border-surface-border bg-surface border-b">
      <div className="max-w-page px-gutter mx-auto flex flex-col gap-2 py-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <Link href="/" className="text-brand-dark text-lg font-bold">
            <span aria-hidden="true">🅿️ </span>Smart Parking
          </Link>
          <UserMenu user={user} />
        </div>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <Nav role={user?.role ?? null} />
          <LiveIndicator />
        </div>
      </div>
    </header>
  );
}
