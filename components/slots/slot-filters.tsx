"use client";
// Slot filters kept in the URL (/slots?floor=2&zone=B&type=electric&maxPrice=4.50), so a
// filtered view can be shared and survives a reload. The server renders the results.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { SLOT_TYPE_LABEL, centsToInput } from "@/components/data/format";
import { parseMoneyToCents } from "@/lib/validation/money";
import type { SlotFilter } from "@/lib/validation/page-params";
import { SLOT_TYPES } from "@/lib/dto";
import { Field, inputClass } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";

type Values = { floor: string; zone: string; type: string; maxPrice: string };

function toValues(filter: SlotFilter): Values {
  return {
    floor: filter.floor?.toString() ?? "",
    zone: filter.zone ?? "",
    type: filter.type ?? "",
    maxPrice: filter.maxPriceCents === undefined ? "" : centsToInput(filter.maxPriceCents),
  };
}

export function SlotFilters({
  filter,
  floors,
  zones,
  onPendingChange,
}: {
  filter: SlotFilter;
  floors: number[];
  zones: string[];
  onPendingChange?: (pending: boolean) => void;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [values, setValues] = useState<Values>(() => toValues(filter));
  const [pending, startTransition] = useTransition();
  const priceTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const priceInvalid = values.maxPrice.trim() !== "" && parseMoneyToCents(values.maxPrice) === null;

  useEffect(() => onPendingChange?.(pending), [pending, onPendingChange]);
  useEffect(() => () => clearTimeout(priceTimer.current), []);

  function apply(next: Values) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(next)) {
      if (value.trim() === "") continue;
      if (name === "maxPrice" && parseMoneyToCents(value) === null) continue;
      params.set(name, value.trim());
    }
    const query = params.toString();
    startTransition(() =>
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }),
    );
  }

  function change(name: keyof Values, value: string) {
    const next = { ...values, [name]: value };
    setValues(next);
    clearTimeout(priceTimer.current);
    if (name === "maxPrice") priceTimer.current = setTimeout(() => apply(next), 400);
    else apply(next);
  }

  return (
    <form
      role="search"
      aria-label="Filter slots"
      className="rounded-card border-surface-border bg-surface p-card grid grid-cols-2 gap-3 border md:grid-cols-5 md:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        apply(values);
      }}
    >
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
          href={pathname}
          className={buttonClass.secondary}
          onClick={() => setValues(toValues({}))}
        >
          Clear filters
        </Link>
      </div>
    </form>
  );
}
