"use client";
// Staff change every slot of the current search at one location at once: out of service
// with a reason drivers see, or back in service (POST /api/slots/bulk). A search the bulk
// route can express (floor, zone, type) is sent as that filter, so it covers every page
// exactly; one narrowed by number, state or price is sent as the ids of its slots.
import { useState } from "react";
import { fetcher, postJson } from "@/components/data/fetcher";
import { ALL_SLOTS_LIMIT, keys } from "@/components/data/keys";
import { useMutation } from "@/components/data/mutation";
import { describeError } from "@/components/data/messages";
import { SLOT_TYPE_LABEL } from "@/components/data/format";
import type { SlotList } from "@/components/data/types";
import type { SlotFilter } from "@/lib/validation/page-params";
import { MAX_BULK_SLOT_IDS, OUT_OF_SERVICE_REASON_MAX } from "@/lib/validation/limits";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";

export type BulkLocation = { id: number; slug: string; name: string };

/** Whether the bulk route's own filter is exactly this search (else: its slots' ids). */
function sentAsFilter(filter: SlotFilter): boolean {
  return filter.q === undefined && filter.maxPriceCents === undefined && filter.state === "all";
}

/** The search in words: "floor 2, zone B, electric slots out of service". */
function describeSearch(filter: SlotFilter): string {
  const parts = [
    filter.floor !== undefined && `floor ${filter.floor}`,
    filter.zone !== undefined && `zone ${filter.zone}`,
    filter.type !== undefined && `${SLOT_TYPE_LABEL[filter.type].toLowerCase()} slots`,
    filter.q !== undefined && `numbers containing “${filter.q}”`,
    filter.state === "free" && "free now",
    filter.state === "occupied" && "occupied now",
    filter.state === "out_of_service" && "out of service now",
    filter.maxPriceCents !== undefined && "within the maximum price",
  ].filter((part): part is string => typeof part === "string");
  return parts.length === 0 ? "every slot" : parts.join(", ");
}

/** The ids of the search's slots, every page of them (at most MAX_BULK_SLOT_IDS). */
async function searchIds(filter: SlotFilter): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; ids.length < MAX_BULK_SLOT_IDS;) {
    const page = await fetcher<SlotList>(keys.slots({ ...filter, offset }, ALL_SLOTS_LIMIT));
    ids.push(...page.slots.map((slot) => slot.id));
    offset += page.slots.length;
    if (page.slots.length === 0 || offset >= page.total) break;
  }
  return ids.slice(0, MAX_BULK_SLOT_IDS);
}

export function BulkSlots({
  filter,
  total,
  location,
}: {
  filter: SlotFilter;
  total: number;
  location: BulkLocation;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="rounded-card border-surface-border bg-surface p-card flex flex-wrap items-center justify-between gap-3 border">
      <p className="text-sm">
        Staff: take this search&apos;s slots at {location.name} out of service, or back.
      </p>
      <button
        type="button"
        className={buttonClass.secondary}
        onClick={() => setOpen(true)}
        disabled={total === 0}
      >
        Change all {total} slot{total === 1 ? "" : "s"}
      </button>
      {open && (
        <BulkDialog
          filter={filter}
          total={total}
          location={location}
          onClose={() => setOpen(false)}
        />
      )}
    </div>
  );
}

function BulkDialog({
  filter,
  total,
  location,
  onClose,
}: {
  filter: SlotFilter;
  total: number;
  location: BulkLocation;
  onClose: () => void;
}) {
  const { busy, run } = useMutation();
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const tooMany = !sentAsFilter(filter) && total > MAX_BULK_SLOT_IDS;

  async function send(outOfService: boolean) {
    setMessage(null);
    const outcome = await run(async () => {
      const target = sentAsFilter(filter)
        ? { floor: filter.floor, zone: filter.zone, type: filter.type }
        : { slotIds: await searchIds(filter) };
      if (target.slotIds?.length === 0) return { updated: 0 };
      return postJson<{ updated: number }>("/api/slots/bulk", {
        locationId: location.id,
        ...target,
        outOfService,
        ...(outOfService && { reason: reason.trim() }),
      });
    });
    if (!outcome.ok) {
      setMessage({ ok: false, text: describeError(outcome.error) });
      return;
    }
    const { updated } = outcome.data;
    const slots = `${updated} slot${updated === 1 ? "" : "s"}`;
    setMessage({
      ok: true,
      text: outOfService ? `${slots} out of service.` : `${slots} back in service.`,
    });
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title="Change slots in bulk"
      description={
        <>
          The {total} slot{total === 1 ? "" : "s"} of this search at {location.name}:{" "}
          {describeSearch(filter)}. Reservations on them stay.
        </>
      }
    >
      <Field
        label="Reason (shown to drivers)"
        hint={`Needed to take slots out of service; at most ${OUT_OF_SERVICE_REASON_MAX} characters.`}
      >
        {(props) => (
          <input
            {...props}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={OUT_OF_SERVICE_REASON_MAX}
            className={inputClass}
            data-autofocus
          />
        )}
      </Field>
      {tooMany && (
        <Alert tone="warning">
          A search narrowed by number, state or price changes at most {MAX_BULK_SLOT_IDS} slots at
          once: narrow it, or choose a floor, zone or type only.
        </Alert>
      )}
      {message && (
        <Alert tone={message.ok ? "success" : "error"} testId="bulk-result">
          {message.text}
        </Alert>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          Done
        </button>
        <button
          type="button"
          className={buttonClass.secondary}
          onClick={() => send(false)}
          disabled={busy || tooMany}
        >
          Back in service
        </button>
        <button
          type="button"
          className={buttonClass.danger}
          onClick={() => send(true)}
          disabled={busy || tooMany || reason.trim() === ""}
        >
          Take out of service
        </button>
      </div>
    </Dialog>
  );
}
