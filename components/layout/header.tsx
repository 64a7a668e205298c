// The header on every page: brand, signed-in user and wallet, navigation by role, and the
// live indicator. The frame is static (it is in every page's prerendered shell); who is
// signed in is read per request and streams into it.
import Link from "next/link";
import { Suspense } from "react";
import { connection } from "next/server";
import { getViewer } from "@/lib/auth/viewer";
import { LiveIndicator } from "@/components/layout/live-indicator";
import { Nav } from "@/components/layout/nav";
import { UserMenu } from "@/components/layout/user-menu";
import { LocationPicker } from "@/components/layout/location-picker";
import { listLocations } from "@/lib/locations/service";

export function Header() {
  return (
    <header className="border-surface-border bg-surface border-b">
      <div className="max-w-page px-gutter mx-auto flex flex-col gap-2 py-3">
        <Suspense fallback={<ViewerPlaceholder />}>
          <ViewerParts />
        </Suspense>
      </div>
    </header>
  );
}

function Brand() {
  return (
    <Link href="/" className="text-brand-dark inline-flex items-center gap-2 text-lg font-bold">
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
  );
}

/** The user menu and the navigation depend on who is asking. */
async function ViewerParts() {
  // The locations are read per request (after connection()), never at prerender.
  const [user, locations] = await Promise.all([getViewer(), connection().then(listLocations)]);
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Brand />
        <UserMenu user={user} />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Nav role={user?.role ?? null} />
        <div className="flex flex-wrap items-center gap-3">
          <LocationPicker locations={locations.map(({ slug, name }) => ({ slug, name }))} />
          <LiveIndicator />
        </div>
      </div>
    </>
  );
}

/** Same size as the real rows, so nothing moves when they arrive (milliseconds later). */
function ViewerPlaceholder() {
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Brand />
        <div className="min-h-control" />
      </div>
      <div className="min-h-control" aria-busy="true" />
    </>
  );
}
