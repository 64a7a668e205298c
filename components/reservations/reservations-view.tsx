"use client";
// /reservations: a driver's own (running first, then upcoming, then history), or for staff everyone's
// with filters by status and user kept in the URL (with the chosen location, which the page
// has already applied). Times are in each reservation's garage's zone.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { useReservations } from "@/components/data/hooks";
import type { ReservationFilter } from "@/lib/validation/page-params";
import type { ReservationList as List, UserDto } from "@/components/data/types";
import { RESERVATION_STATUSES } from "@/lib/dto";
import { Card, EmptyState } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { ReservationList } from "@/components/reservations/reservation-list";
import type { LocationZones } from "@/components/ui/time";
import { filterHref } from "@/lib/validation/location-choice";

export function DriverReservations({ fallback, zones }: { fallback: List; zones: LocationZones }) {
  const filter: ReservationFilter = { status: "all" };
  const { data = fallback } = useReservations(filter, fallback);
  const active = data.reservations.filter((r) => r.status === "active");
  // Soonest first: the next booking leads.
  const upcoming = data.reservations
    .filter((r) => r.status === "upcoming")
    .sort((a, b) => a.startTime.localeCompare(b.startTime));
  const history = data.reservations.filter((r) => r.status !== "active" && r.status !== "upcoming");
  return (
    <div className="gap-section flex flex-col">
      <Card title="Running now">
        {active.length === 0 ? (
          <p className="text-ink-muted">Nothing running. Reserve a slot from “Find a slot”.</p>
        ) : (
          <ReservationList reservations={active} zones={zones} label="Running reservations" />
        )}
      </Card>
      <Card title="Upcoming">
        {upcoming.length === 0 ? (
          <p className="text-ink-muted">
            No bookings ahead. Choose “Later” when you reserve to book for another time.
          </p>
        ) : (
          <ReservationList reservations={upcoming} zones={zones} label="Upcoming reservations" />
        )}
      </Card>
      <Card title="History">
        {history.length === 0 ? (
          <EmptyState>No past reservations yet.</EmptyState>
        ) : (
          <ReservationList reservations={history} zones={zones} label="Past reservations" />
        )}
      </Card>
    </div>
  );
}

export function StaffReservations({
  filter,
  zones,
  fallback,
  users,
}: {
  filter: ReservationFilter;
  zones: LocationZones;
  fallback: List;
  users: Pick<UserDto, "id" | "username">[];
}) {
  const { data = fallback } = useReservations(filter, fallback);
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const usernames = new Map(users.map((u) => [u.id, u.username]));

  function apply(next: ReservationFilter) {
    const href = filterHref(pathname, searchParams, {
      status: next.status === "all" ? undefined : next.status,
      userId: next.userId?.toString(),
    });
    startTransition(() => router.replace(href, { scroll: false }));
  }

  return (
    <div className="gap-section flex flex-col">
      <form
        role="search"
        aria-label="Filter reservations"
        className="rounded-card border-surface-border bg-surface p-card grid grid-cols-1 gap-3 border sm:grid-cols-2"
        onSubmit={(e) => e.preventDefault()}
      >
        <Field label="Status">
          {(props) => (
            <select
              {...props}
              value={filter.status}
              onChange={(e) =>
                apply({ ...filter, status: e.target.value as ReservationFilter["status"] })
              }
              className={inputClass}
            >
              <option value="all">All statuses</option>
              {RESERVATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s[0]!.toUpperCase() + s.slice(1)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="User">
          {(props) => (
            <select
              {...props}
              value={filter.userId ?? ""}
              onChange={(e) =>
                apply({ ...filter, userId: e.target.value ? Number(e.target.value) : undefined })
              }
              className={inputClass}
            >
              <option value="">Everyone</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.username}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <div aria-busy={pending} className={pending ? "opacity-60" : undefined}>
        <p role="status" className="text-ink-muted mb-2 text-sm">
          {data.total} reservation{data.total === 1 ? "" : "s"}
          {data.total > data.reservations.length &&
            `, showing the newest ${data.reservations.length}`}
          .
        </p>
        {data.reservations.length === 0 ? (
          <EmptyState>No reservation matches these filters.</EmptyState>
        ) : (
          <ReservationList
            reservations={data.reservations}
            usernames={usernames}
            zones={zones}
            label="Reservations"
          />
        )}
      </div>
    </div>
  );
}
