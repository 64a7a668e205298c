"use client";
// /gate (staff): a garage's gate log, live (polled every 3 s), newest first, a page at a
// time, with a filter kept in the URL (the API filters, so every page and count is of the
// events shown); beside it, opening the gate by hand.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { GATE_LOG_LIMIT } from "@/components/data/keys";
import { useGateEvents } from "@/components/data/hooks";
import { apiMessage } from "@/components/data/messages";
import { GateLog } from "@/components/gate/gate-log";
import { ManualOpenForm } from "@/components/gate/manual-open-form";
import type { GateEventList } from "@/components/data/types";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { LOCATION_PARAM } from "@/lib/validation/location-choice";
import { GATE_LOG_FILTERS, type GateLogFilter } from "@/lib/validation/gate";

const FILTER_LABEL: Record<GateLogFilter, string> = {
  all: "All events",
  denials: "Denials only",
  manual: "Manual opens only",
};

const FILTER_NOUN: Record<GateLogFilter, [string, string]> = {
  all: ["event", "events"],
  denials: ["denial", "denials"],
  manual: ["manual open", "manual opens"],
};

export function GateView({
  location,
  view,
  fallback,
  staffNames,
}: {
  location: { id: number; slug: string; timeZone: string };
  view: { show: GateLogFilter; offset: number };
  fallback: GateEventList;
  /** Usernames of staff and admins by id: who opened by hand. */
  staffNames: Readonly<Record<number, string>>;
}) {
  const { data = fallback, error, mutate } = useGateEvents(location.id, view, fallback);
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();

  function href(next: { show: GateLogFilter; offset: number }): string {
    const params = new URLSearchParams({ [LOCATION_PARAM]: location.slug });
    if (next.show !== "all") params.set("show", next.show);
    if (next.offset > 0) params.set("offset", String(next.offset));
    return `${pathname}?${params.toString()}`;
  }

  const [one, many] = FILTER_NOUN[view.show];
  const first = view.offset + 1;
  const last = view.offset + data.events.length;

  return (
    <div className="gap-section grid grid-cols-1 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
      <div className="gap-section flex min-w-0 flex-col">
        <form
          role="search"
          aria-label="Filter the gate log"
          className="rounded-card border-surface-border bg-surface p-card border"
          onSubmit={(e) => e.preventDefault()}
        >
          <Field label="Show">
            {(props) => (
              <select
                {...props}
                value={view.show}
                onChange={(e) =>
                  startTransition(() =>
                    router.replace(href({ show: e.target.value as GateLogFilter, offset: 0 }), {
                      scroll: false,
                    }),
                  )
                }
                className={inputClass}
              >
                {GATE_LOG_FILTERS.map((filter) => (
                  <option key={filter} value={filter}>
                    {FILTER_LABEL[filter]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </form>
        {error && (
          <Alert
            tone="warning"
            testId="gate-log-error"
            action={
              <button type="button" className={buttonClass.secondary} onClick={() => mutate()}>
                Try again
              </button>
            }
          >
            The log could not be refreshed: {apiMessage(error)} It shows the events last seen.
          </Alert>
        )}
        <section aria-busy={pending} className={pending ? "opacity-60" : undefined}>
          <h2 className="sr-only">Gate log</h2>
          <p role="status" className="text-ink-muted mb-2 text-sm" data-testid="gate-log-status">
            {data.total === 0
              ? `No ${view.show === "all" ? "gate event" : one} yet.`
              : `${data.total} ${data.total === 1 ? one : many}${
                  data.total > data.events.length ? `, showing ${first}–${last}` : ""
                }.`}
          </p>
          {data.events.length === 0 ? (
            <EmptyState>
              {view.show === "all" ? (
                "Arrivals and exits appear here as the gate reports them."
              ) : (
                <>
                  None here.{" "}
                  <Link href={href({ show: "all", offset: 0 })} className={buttonClass.link}>
                    Show all events
                  </Link>
                </>
              )}
            </EmptyState>
          ) : (
            <GateLog events={data.events} timeZone={location.timeZone} staffNames={staffNames} />
          )}
          <Pager
            label="Gate log pages"
            offset={view.offset}
            limit={GATE_LOG_LIMIT}
            shown={data.events.length}
            total={data.total}
            hrefFor={(offset) => href({ show: view.show, offset })}
          />
        </section>
      </div>
      <Card title="Open gate manually">
        <ManualOpenForm locationId={location.id} onOpened={() => mutate()} />
      </Card>
    </div>
  );
}
