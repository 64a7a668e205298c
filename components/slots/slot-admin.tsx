"use client";
// Staff slot management on /slots: create a slot, find one by number, and change its price,
// type or zone or take it out of service. A price change applies to new bookings only;
// out of service keeps the running and upcoming reservations (listed in the edit dialog,
// where upcoming ones can be cancelled with a refund) and refuses new ones.
import { useState } from "react";
import { postJson, sendJson } from "@/components/data/fetcher";
import { useAllSlots, useSlotDetail } from "@/components/data/hooks";
import { useMutation } from "@/components/data/mutation";
import { describeError } from "@/components/data/messages";
import { SLOT_TYPE_LABEL, centsToInput, formatMoney } from "@/components/data/format";
import { parseMoneyToCents } from "@/lib/validation/money";
import type { SlotDto, SlotList, SlotType } from "@/components/data/types";
import { SLOT_TYPES } from "@/lib/dto";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { TypeBadge } from "@/components/slots/slot-status";
import { ReservationList } from "@/components/reservations/reservation-list";

const MATCHES_SHOWN = 12;

export function SlotAdmin({ fallback }: { fallback: SlotList }) {
  const { data = fallback } = useAllSlots(fallback);
  const [q, setQ] = useState("");
  const [editing, setEditing] = useState<number | null>(null);
  const needle = q.trim().toLowerCase();
  const matches = needle
    ? data.slots.filter((s) => s.slotNumber.toLowerCase().includes(needle))
    : data.slots;
  const editingSlot = data.slots.find((s) => s.id === editing) ?? null;

  return (
    <Card title="Manage slots" className="mt-section">
      <div className="gap-section flex flex-col">
        <CreateSlotForm />
        <div className="flex flex-col gap-2">
          <Field label="Find a slot to edit" hint="Part of its number, e.g. 2-B-01.">
            {(props) => (
              <input
                {...props}
                type="search"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                className={inputClass}
              />
            )}
          </Field>
          <p role="status" className="text-ink-muted text-sm">
            {matches.length} slot{matches.length === 1 ? "" : "s"}
            {matches.length > MATCHES_SHOWN && `, showing the first ${MATCHES_SHOWN}`}.
          </p>
          <ul className="flex flex-col gap-2" aria-label="Slots to manage">
            {matches.slice(0, MATCHES_SHOWN).map((slot) => (
              <li
                key={slot.id}
                className="rounded-control border-surface-border flex flex-wrap items-center justify-between gap-2 border p-2"
                data-testid="admin-slot"
                data-slot-number={slot.slotNumber}
              >
                <span className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-semibold">{slot.slotNumber}</span>
                  Floor {slot.floor} · Zone {slot.zone} <TypeBadge type={slot.type} />
                  <span className="tabular-nums">{formatMoney(slot.pricePerHourCents)}/h</span>
                  <span className="text-ink-muted">
                    {slot.outOfService ? "Out of service" : slot.isAvailable ? "Free" : "Occupied"}
                  </span>
                </span>
                <button
                  type="button"
                  className={buttonClass.secondary}
                  onClick={() => setEditing(slot.id)}
                  aria-label={`Edit slot ${slot.slotNumber}`}
                >
                  Edit
                </button>
              </li>
            ))}
          </ul>
        </div>
      </div>
      {editingSlot && <EditSlotDialog slot={editingSlot} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function CreateSlotForm() {
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
    setMessage({ ok: true, text: `Slot ${outcome.data.slot.slotNumber} created.` });
    setForm((f) => ({ ...f, slotNumber: "" }));
  }

  const set =
    (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setForm((f) => ({ ...f, [key]: e.target.value }));

  return (
    <form onSubmit={create} aria-label="Create a slot" className="flex flex-col gap-3">
      <h3 className="text-sm font-semibold">Create a slot</h3>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-5">
        <Field label="Slot number">
          {(props) => (
            <input
              {...props}
              value={form.slotNumber}
              onChange={set("slotNumber")}
              maxLength={32}
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

function EditSlotDialog({ slot, onClose }: { slot: SlotDto; onClose: () => void }) {
  const { busy, run } = useMutation();
  const { data: detail } = useSlotDetail(slot.id);
  const [price, setPrice] = useState(centsToInput(slot.pricePerHourCents));
  const [type, setType] = useState<SlotType>(slot.type);
  const [zone, setZone] = useState(slot.zone);
  const [outOfService, setOutOfService] = useState(slot.outOfService);
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
      {live.length > 0 && (
        <div className="flex flex-col gap-2">
          <p className="text-sm font-medium">Running and upcoming on this slot</p>
          <ReservationList reservations={live} label={`Reservations on slot ${slot.slotNumber}`} />
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
