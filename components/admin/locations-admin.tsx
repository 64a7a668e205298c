"use client";
// /admin/locations: every garage with its settings and staff; create, edit and assign staff
// in dialogs; each garage's gate keys on a page of their own. After a change the server
// page re-renders (router.refresh) with fresh data.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { LocationDto } from "@/lib/api-schemas/locations";
import type { UserDto } from "@/components/data/types";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { LocationForm } from "@/components/admin/location-form";
import { StaffForm } from "@/components/admin/staff-form";

type Open =
  | { kind: "create" }
  | { kind: "edit"; location: LocationDto }
  | { kind: "staff"; location: LocationDto }
  | null;

export function LocationsAdmin({
  locations,
  staff,
  timeZones,
}: {
  locations: readonly LocationDto[];
  staff: UserDto[];
  timeZones: string[];
}) {
  const router = useRouter();
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function saved(message: string) {
    setOpen(null);
    setDone(message);
    startTransition(() => router.refresh());
  }

  return (
    <div className="gap-section flex flex-col">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-ink-muted text-sm">
          {locations.length} garage{locations.length === 1 ? "" : "s"}.
        </p>
        <button
          type="button"
          className={buttonClass.primary}
          onClick={() => {
            setDone(null);
            setOpen({ kind: "create" });
          }}
        >
          New garage
        </button>
      </div>
      {done && (
        <Alert tone="success" testId="admin-done">
          {done}
        </Alert>
      )}
      {locations.length === 0 ? (
        <EmptyState>No garage yet: create the first one.</EmptyState>
      ) : (
        <ul
          className={`flex flex-col gap-3 ${pending ? "opacity-60" : ""}`}
          aria-busy={pending}
          aria-label="Garages"
        >
          {locations.map((location) => {
            const working = staff.filter((user) => user.locationIds.includes(location.id));
            return (
              <li
                key={location.id}
                className="rounded-card border-surface-border bg-surface p-card flex flex-col gap-3 border md:flex-row md:items-start md:justify-between"
                data-testid="admin-location"
                data-slug={location.slug}
              >
                <div className="min-w-0">
                  <h2 className="text-base font-semibold">{location.name}</h2>
                  <p className="text-ink-muted text-sm break-words">
                    <code>{location.slug}</code> · {location.address}
                  </p>
                  <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                    <dt className="text-ink-muted">Time zone</dt>
                    <dd>{location.timeZone}</dd>
                    <dt className="text-ink-muted">Check-in</dt>
                    <dd>{location.requiresCheckIn ? "Required at the gate" : "Not required"}</dd>
                    <dt className="text-ink-muted">Slots</dt>
                    <dd className="tabular-nums">
                      {location.totalSlots} ({location.available} free now)
                    </dd>
                    <dt className="text-ink-muted">Staff</dt>
                    <dd data-testid="location-staff" className="break-words">
                      {working.length === 0
                        ? "None assigned"
                        : working.map((user) => user.username).join(", ")}
                    </dd>
                  </dl>
                </div>
                <div className="flex shrink-0 flex-wrap gap-2">
                  <button
                    type="button"
                    className={buttonClass.secondary}
                    aria-label={`Edit ${location.name}`}
                    onClick={() => {
                      setDone(null);
                      setOpen({ kind: "edit", location });
                    }}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className={buttonClass.secondary}
                    aria-label={`Staff of ${location.name}`}
                    onClick={() => {
                      setDone(null);
                      setOpen({ kind: "staff", location });
                    }}
                  >
                    Staff
                  </button>
                  <Link
                    href={`/admin/locations/${location.slug}/gate-keys`}
                    className={buttonClass.secondary}
                    aria-label={`Gate keys of ${location.name}`}
                  >
                    Gate keys
                  </Link>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {open?.kind === "create" && (
        <Dialog open onClose={() => setOpen(null)} title="New garage">
          <LocationForm
            timeZones={timeZones}
            onSaved={(location) => saved(`${location.name} was created.`)}
            onCancel={() => setOpen(null)}
          />
        </Dialog>
      )}
      {open?.kind === "edit" && (
        <Dialog open onClose={() => setOpen(null)} title={`Edit ${open.location.name}`}>
          <LocationForm
            location={open.location}
            timeZones={timeZones}
            onSaved={(location) => saved(`${location.name} was saved.`)}
            onCancel={() => setOpen(null)}
          />
        </Dialog>
      )}
      {open?.kind === "staff" && (
        <Dialog
          open
          onClose={() => setOpen(null)}
          title={`Staff of ${open.location.name}`}
          description="Staff see and manage only the garages they are assigned to. Admins work everywhere."
        >
          <StaffForm
            locationId={open.location.id}
            staff={staff}
            onSaved={({ location, staffUserIds }) =>
              saved(
                `${location.name}: ${staffUserIds.length} staff member${staffUserIds.length === 1 ? "" : "s"} assigned.`,
              )
            }
            onCancel={() => setOpen(null)}
          />
        </Dialog>
      )}
    </div>
  );
}
