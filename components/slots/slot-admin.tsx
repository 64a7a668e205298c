"use client";
// Staff slot management on /slots: create a slot, and change one's price, type or zone or
// take it out of service with a reason drivers see. A price change applies to new bookings only;
// out of service keeps the running and upcoming reservations (listed in the edit dialog,
// where upcoming ones can be cancelled with a refund) and refuses new ones.
import { useState } from "react";
import { postJson, sendJson } from "@/components/data/fetcher";
import { useSlotDetail } from "@/components/data/hooks";
import { useMutation } from "@/components/data/mutation";
import { describeError } from "@/components/data/messages";
import { SLOT_TYPE_LABEL, centsToInput } from "@/components/data/format";
import { parseMoneyToCents } from "@/lib/validation/money";
import type { SlotDto, SlotType } from "@/components/data/types";
import { OUT_OF_SERVICE_REASON_MAX, SLOT_NUMBER_MAX } from "@/lib/validation/limits";
import { SLOT_TYPES } from "@/lib/dto";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import type { BulkLocation } from "@/components/slots/bulk-slots";
import { ReservationList } from "@/components/reservations/reservation-list";
import type { LocationZones } from "@/components/ui/time";

/**
 * Creating slots at the location chosen in the header, when the user works there; finding
 * and editing them is the search's (slot-results.tsx).
 */
export function SlotAdmin({
  location,
  worksThere,
}: {
  location: BulkLocation | null;
  worksThere: boolean;
}) {
  return (
    <Card title="Create a slot" className="mt-section">
      {location === null ? (
        <p className="text-ink-muted text-sm">
          Choose a garage in the header to create slots there or change them in bulk.
        </p>
      ) : worksThere ? (
        <CreateSlotForm location={location} />
      ) : (
        <p className="text-ink-muted text-sm" data-testid="not-your-garage">
          You do not work at {location.name}: you can see its slots but not change them.
        </p>
      )}
    </Card>
  );
}

function CreateSlotForm({ location }: { location: BulkLocation }) {
  const { busy, run } = useMutation();
  const [form, setForm] = useState({
    slotNumber: "",
    floor: "1",
    zone: "A",
    type: "regular" as SlotType,
    price: "3.00",
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const price = parseMoneyToCents(form.price);
  const floor = /^-?\d{1,4}$/.test(form.floor.trim()) ? Number(form.floor) : null;
  const valid =
    form.slotNumber.trim() !== "" && form.zone.trim() !== "" && price !== null && floor !== null;

  async function create(event: React.FormEvent) {
    event.preventDefault();
    if (!valid) return;
    setMessage(null);
    const outcome = await run(() =>
      postJson<{ slot: SlotDto }>("/api/slots", {
        locationId: location.id,
        slotNumber: form.slotNumber.trim(),
        floor,
        zone: form.zone.trim(),
        type: form.type,
        pricePerHourCents: price,
      }),
    );
    if (!outcome.ok) {
      setMessage({ ok: false, text: describeError(outcome.error) });
      return;
    }
    setMessage({
      ok: true,
      text: `Slot ${outcome.data.slot.slotNumber} created at ${location.name}.`,
    });
    setForm((f) => ({ ...f, slotNumber: "" }));
  }

  const set =
    (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setForm((f) => ({ ...f, [key]: e.target.value }));

  return (
    <form
      onSubmit={create}
      aria-label={`Create a slot at ${location.name}`}
      className="flex flex-col gap-3"
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-5">
        <Field label="Slot number">
          {(props) => (
            <input
              {...props}
              value={form.slotNumber}
              onChange={set("slotNumber")}
              maxLength={SLOT_NUMBER_MAX}
              className={inputClass}
            />
          )}
        </Field>
        <Field label="Floor" error={floor === null ? "A whole number." : undefined}>
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              value={form.floor}
              onChange={set("floor")}
              className={inputClass}
            />
          )}
        </Field>
        <Field label="Zone">
          {(props) => (
            <input
              {...props}
              value={form.zone}
              onChange={set("zone")}
              maxLength={32}
              className={inputClass}
            />
          )}
        </Field>
        <Field label="Type">
          {(props) => (
            <select {...props} value={form.type} onChange={set("type")} className={inputClass}>
              {SLOT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {SLOT_TYPE_LABEL[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Price per hour ($)"
          error={price === null ? "An amount like 3.50." : undefined}
        >
          {(props) => (
            <input
              {...props}
              inputMode="decimal"
              value={form.price}
              onChange={set("price")}
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass.primary} disabled={busy || !valid}>
          {busy ? "Creating…" : "Create slot"}
        </button>
        {message && (
          <Alert tone={message.ok ? "success" : "error"} testId="create-slot-result">
            {message.text}
          </Alert>
        )}
      </div>
    </form>
  );
}

export function EditSlotDialog({
  slot,
  zones,
  onClose,
}: {
  slot: SlotDto;
  /** Time zones by location id: the reservations listed are shown in their location's. */
  zones: LocationZones;
  onClose: () => void;
}) {
  const { busy, run } = useMutation();
  const { data: detail } = useSlotDetail(slot.id);
  const [price, setPrice] = useState(centsToInput(slot.pricePerHourCents));
  const [type, setType] = useState<SlotType>(slot.type);
  const [zone, setZone] = useState(slot.zone);
  const [outOfService, setOutOfService] = useState(slot.outOfService);
  const [reason, setReason] = useState(slot.outOfServiceReason ?? "");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const cents = parseMoneyToCents(price);

  async function save() {
    if (cents === null || zone.trim() === "") return;
    setMessage(null);
    const outcome = await run(() =>
      sendJson("PATCH", `/api/slots/${slot.id}`, {
        pricePerHourCents: cents,
        type,
        zone: zone.trim(),
        outOfService,
        ...(outOfService && reason.trim() !== "" && { reason: reason.trim() }),
      }),
    );
    setMessage(
      outcome.ok
        ? { ok: true, text: "Saved. Existing reservations keep their price." }
        : { ok: false, text: describeError(outcome.error) },
    );
  }

  const live = detail?.reservations ?? [];
  return (
    <Dialog open onClose={onClose} title={`Edit slot ${slot.slotNumber}`}>
      <Field
        label="Price per hour ($)"
        hint="New bookings only."
        error={cents === null ? "An amount like 3.50." : undefined}
      >
        {(props) => (
          <input
            {...props}
            inputMode="decimal"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
            className={inputClass}
            data-autofocus
          />
        )}
      </Field>
      <Field label="Type">
        {(props) => (
          <select
            {...props}
            value={type}
            onChange={(e) => setType(e.target.value as SlotType)}
            className={inputClass}
          >
            {SLOT_TYPES.map((t) => (
              <option key={t} value={t}>
                {SLOT_TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Zone">
        {(props) => (
          <input
            {...props}
            value={zone}
            onChange={(e) => setZone(e.target.value)}
            maxLength={32}
            className={inputClass}
          />
        )}
      </Field>
      <label className="inline-flex items-center gap-2">
        <input
          type="checkbox"
          checked={outOfService}
          onChange={(e) => setOutOfService(e.target.checked)}
        />
        Out of service (no new bookings; running and upcoming ones stay)
      </label>
      {outOfService && (
        <Field label="Reason (shown to drivers)">
          {(props) => (
            <input
              {...props}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={OUT_OF_SERVICE_REASON_MAX}
              className={inputClass}
            />
          )}
        </Field>
      )}
      {live.length > 0 && (
        <div className="flex flex-col gap-2">
          <p className="text-sm font-medium">Running and upcoming on this slot</p>
          <ReservationList
            reservations={live}
            zones={zones}
            label={`Reservations on slot ${slot.slotNumber}`}
          />
        </div>
      )}
      {message && (
        <Alert tone={message.ok ? "success" : "error"} testId="edit-slot-result">
          {message.text}
        </Alert>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          Close
        </button>
        <button
          type="button"
          className={buttonClass.primary}
          onClick={save}
          disabled={busy || cents === null || zone.trim() === ""}
        >
          {busy ? "Saving…" : "Save changes"}
        </button>
      </div>
    </Dialog>
  );
}
