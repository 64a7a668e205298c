"use client";
// Staff open the gate by hand (POST /api/gate/open): which way, why (required, recorded in
// the log with their name), and the plate when there is one. Refusals are shown as the API
// words them, each field's beside the field.
import { useState } from "react";
import { postJson } from "@/components/data/fetcher";
import { apiMessage, fieldErrors } from "@/components/data/messages";
import { useMutation } from "@/components/data/mutation";
import type { GateEventDto } from "@/components/data/types";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { GATE_OPEN_REASON } from "@/lib/validation/gate";

type Direction = "in" | "out";

export function ManualOpenForm({
  locationId,
  onOpened,
}: {
  locationId: number;
  onOpened: (event: GateEventDto) => void;
}) {
  const { busy, run } = useMutation({ refresh: false });
  const [direction, setDirection] = useState<Direction>("in");
  const [reason, setReason] = useState("");
  const [plate, setPlate] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [opened, setOpened] = useState<GateEventDto | null>(null);
  const fields = fieldErrors(error);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setOpened(null);
    const outcome = await run(() =>
      postJson<{ event: GateEventDto }>("/api/gate/open", {
        locationId,
        direction,
        reason: reason.trim(),
        ...(plate.trim() && { plate: plate.trim() }),
      }),
    );
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    setError(null);
    setOpened(outcome.data.event);
    setReason("");
    setPlate("");
    onOpened(outcome.data.event);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" aria-label="Open gate manually">
      {error !== null && (
        <Alert tone="error" testId="gate-open-error">
          {apiMessage(error)}
        </Alert>
      )}
      {opened && (
        <Alert tone="success" testId="gate-open-done">
          Gate opened for {opened.direction === "in" ? "an arrival" : "an exit"}
          {opened.plate ? ` (${opened.plate})` : ""}; recorded in the log with your reason.
        </Alert>
      )}
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-sm font-medium">Direction</legend>
        {(
          [
            ["in", "In: let a car enter"],
            ["out", "Out: let a car leave"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="min-h-control flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="direction"
              value={value}
              checked={direction === value}
              onChange={() => setDirection(value)}
              className="size-5"
            />
            {label}
          </label>
        ))}
      </fieldset>
      <Field
        label="Reason"
        hint={`Required, ${GATE_OPEN_REASON.min} to ${GATE_OPEN_REASON.max} characters; recorded with your name.`}
        error={fields.reason}
      >
        {(props) => (
          <textarea
            {...props}
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className={`${inputClass} py-2`}
            rows={3}
            required
            minLength={GATE_OPEN_REASON.min}
            maxLength={GATE_OPEN_REASON.max}
          />
        )}
      </Field>
      <Field label="Plate (optional)" hint="When you know the car." error={fields.plate}>
        {(props) => (
          <input
            {...props}
            name="plate"
            value={plate}
            onChange={(e) => setPlate(e.target.value)}
            className={`${inputClass} font-mono uppercase`}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={32}
          />
        )}
      </Field>
      <button type="submit" className={buttonClass.primary} disabled={busy}>
        {busy ? "Opening…" : "Open gate"}
      </button>
    </form>
  );
}
