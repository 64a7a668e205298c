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
          <Link
            href="/"
            className="text-brand-dark inline-flex items-center gap-2 text-lg font-bold"
          >
            {/* The app icon (app/icon.svg) inline: an emoji needs a font some systems lack. */}
            <svg aria-hidden="true" viewBox="0 0 32 32" className="h-6 w-6">
              <rect width="32" height="32" rx="6" fill="currentColor" />
              <path
                d="M11 25V7h6.5a5.5 5.5 0 0 1 0 11H15v7z M15 11v3.5h2.3a1.75 1.75 0 0 0 0-3.5z"
                fill="#fff"
                fillRule="evenodd"
              />
            </svg>
            Smart Parking
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
