"use client";
// The header's location picker: the choice goes into the URL (`?location=<slug>`, empty for
// the whole network) of the page being viewed; the server's edge remembers it
// (server/edge.ts).
import { useId } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { LOCATION_PARAM, isScopedPage } from "@/lib/validation/location-choice";

export type PickerLocation = { slug: string; name: string };

export function LocationPicker({ locations }: { locations: PickerLocation[] }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const router = useRouter();
  const chosen = params.get(LOCATION_PARAM) ?? "";
  const id = useId();
  if (locations.length < 2) return null;

  function choose(slug: string) {
    const next = new URLSearchParams(params.toString());
    next.set(LOCATION_PARAM, slug);
    // A floor or page number belongs to the previous location's view.
    next.delete("floor");
    next.delete("offset");
    // Pages that are not about a location show the dashboard of the chosen one.
    const path = isScopedPage(pathname) ? pathname : "/";
    router.push(`${path}?${next.toString()}`);
  }

  return (
    <div className="flex items-center gap-2 text-sm font-medium">
      <label htmlFor={id}>Garage</label>
      <select
        id={id}
        value={chosen}
        onChange={(event) => choose(event.target.value)}
        className="min-h-control rounded-control border-surface-border bg-surface border px-2"
      >
        <option value="">All garages</option>
        {locations.map((location) => (
          <option key={location.slug} value={location.slug}>
            {location.name}
          </option>
        ))}
      </select>
    </div>
  );
}
