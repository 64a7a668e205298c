"use client";
// Slot filters kept in the URL (/slots?location=city-centre&q=b-01&floor=2&zone=B
// &type=electric&state=out_of_service&maxPrice=4.50), so a search can be shared and survives
// a reload. The server renders the first page of results; changing a filter goes back to it.
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { SLOT_TYPE_LABEL, centsToInput } from "@/components/data/format";
import { parseMoneyToCents } from "@/lib/validation/money";
import { SLOT_NUMBER_MAX } from "@/lib/validation/limits";
import type { SlotFilter, SlotPageState } from "@/lib/validation/page-params";
import { filterHref } from "@/lib/validation/location-choice";
import { SLOT_TYPES } from "@/lib/dto";
import { Field, inputClass } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";

type Values = {
  q: string;
  floor: string;
  zone: string;
  type: string;
  state: SlotPageState;
  maxPrice: string;
};

const STATE_CHOICES: { value: SlotPageState; label: string }[] = [
  { value: "free", label: "Free now" },
  { value: "all", label: "Any state" },
  { value: "occupied", label: "Occupied" },
  { value: "out_of_service", label: "Out of service" },
];

function toValues(filter: Omit<SlotFilter, "offset">): Values {
  return {
    q: filter.q ?? "",
    floor: filter.floor?.toString() ?? "",
    zone: filter.zone ?? "",
    type: filter.type ?? "",
    state: filter.state,
    maxPrice: filter.maxPriceCents === undefined ? "" : centsToInput(filter.maxPriceCents),
  };
}

/** The search's address: the filters set (the default state and an unreadable price are not). */
function searchHref(
  pathname: string,
  current: URLSearchParams,
  next: Values,
  defaultState: SlotPageState,
): string {
  const filters = Object.entries(next).map(([name, value]) => {
    const text = value.trim();
    const unset =
      (name === "state" && text === defaultState) ||
      (name === "maxPrice" && parseMoneyToCents(text) === null);
    return [name, unset ? undefined : text] as const;
  });
  return filterHref(pathname, current, Object.fromEntries(filters));
}

/** Debounced: typed text waits for a pause; a select applies at once. */
const TYPED: (keyof Values)[] = ["q", "maxPrice"];

export function SlotFilters({
  filter,
  defaultState,
  floors,
  zones,
  onPendingChange,
}: {
  filter: SlotFilter;
  /** The state shown without `state` in the URL (a driver's: free; staff's: all). */
  defaultState: SlotPageState;
  floors: number[];
  zones: string[];
  onPendingChange?: (pending: boolean) => void;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [values, setValues] = useState<Values>(() => toValues(filter));
  // A link that changes a choice (a state, back and forward) shows in its select; typed
  // text stays as typed (its address follows it a moment later).
  const chosen = toValues(filter);
  const chosenKey = [chosen.floor, chosen.zone, chosen.type, chosen.state].join("|");
  const [shownKey, setShownKey] = useState(chosenKey);
  if (shownKey !== chosenKey) {
    setShownKey(chosenKey);
    const { floor, zone, type, state } = chosen;
    setValues((current) => ({ ...current, floor, zone, type, state }));
  }
  const [pending, startTransition] = useTransition();
  const typingTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const priceInvalid = values.maxPrice.trim() !== "" && parseMoneyToCents(values.maxPrice) === null;

  useEffect(() => onPendingChange?.(pending), [pending, onPendingChange]);
  useEffect(() => () => clearTimeout(typingTimer.current), []);

  function apply(next: Values) {
    const href = searchHref(pathname, searchParams, next, defaultState);
    startTransition(() => router.replace(href, { scroll: false }));
  }

  function change(name: keyof Values, value: string) {
    const next = { ...values, [name]: value };
    setValues(next);
    clearTimeout(typingTimer.current);
    if (TYPED.includes(name)) typingTimer.current = setTimeout(() => apply(next), 400);
    else apply(next);
  }

  const cleared = filterHref(pathname, searchParams, {});
  return (
    <form
      role="search"
      aria-label="Filter slots"
      className="rounded-card border-surface-border bg-surface p-card grid grid-cols-2 gap-3 border md:grid-cols-4 md:items-end xl:grid-cols-7"
      onSubmit={(event) => {
        event.preventDefault();
        clearTimeout(typingTimer.current);
        apply(values);
      }}
    >
      <div className="col-span-2 md:col-span-1">
        <Field label="Search slot numbers">
          {(props) => (
            <input
              {...props}
              type="search"
              name="q"
              placeholder="e.g. 2-B-01"
              value={values.q}
              maxLength={SLOT_NUMBER_MAX}
              onChange={(e) => change("q", e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <Field label="Floor">
        {(props) => (
          <select
            {...props}
            name="floor"
            value={values.floor}
            onChange={(e) => change("floor", e.target.value)}
            className={inputClass}
          >
            <option value="">Any floor</option>
            {floors.map((floor) => (
              <option key={floor} value={floor}>
                Floor {floor}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Zone">
        {(props) => (
          <select
            {...props}
            name="zone"
            value={values.zone}
            onChange={(e) => change("zone", e.target.value)}
            className={inputClass}
          >
            <option value="">Any zone</option>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                Zone {zone}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Type">
        {(props) => (
          <select
            {...props}
            name="type"
            value={values.type}
            onChange={(e) => change("type", e.target.value)}
            className={inputClass}
          >
            <option value="">Any type</option>
            {SLOT_TYPES.map((type) => (
              <option key={type} value={type}>
                {SLOT_TYPE_LABEL[type]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="State">
        {(props) => (
          <select
            {...props}
            name="state"
            value={values.state}
            onChange={(e) => change("state", e.target.value)}
            className={inputClass}
          >
            {STATE_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Max price per hour ($)"
        error={priceInvalid ? "Enter an amount like 4.50" : undefined}
      >
        {(props) => (
          <input
            {...props}
            name="maxPrice"
            inputMode="decimal"
            placeholder="Any"
            value={values.maxPrice}
            onChange={(e) => change("maxPrice", e.target.value)}
            className={inputClass}
          />
        )}
      </Field>
      <div className="col-span-2 flex items-center gap-2 md:col-span-1">
        <Link
          href={cleared}
          className={buttonClass.secondary}
          onClick={() => setValues(toValues({ state: defaultState }))}
        >
          Clear filters
        </Link>
      </div>
    </form>
  );
}
