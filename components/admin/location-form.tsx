"use client";
// Create or edit a garage: slug (fixed once created: links and the location cookie carry
// it), name, address, time zone (the server's list of IANA zones) and the check-in rule.
// Refusals are shown as the API words them, each field's beside the field.
import { useState } from "react";
import { sendJson } from "@/components/data/fetcher";
import { apiMessage, fieldErrors } from "@/components/data/messages";
import { useMutation } from "@/components/data/mutation";
import type { LocationDto } from "@/lib/api-schemas/locations";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

export function LocationForm({
  location,
  timeZones,
  onSaved,
  onCancel,
}: {
  /** The garage to edit; none: a new one. */
  location?: LocationDto;
  timeZones: readonly string[];
  onSaved: (location: LocationDto) => void;
  onCancel: () => void;
}) {
  const { busy, run } = useMutation({ refresh: false });
  const [slug, setSlug] = useState(location?.slug ?? "");
  const [name, setName] = useState(location?.name ?? "");
  const [address, setAddress] = useState(location?.address ?? "");
  const [timeZone, setTimeZone] = useState(location?.timeZone ?? "UTC");
  const [requiresCheckIn, setRequiresCheckIn] = useState(location?.requiresCheckIn ?? false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrors(error);
  // The zone a garage has is always offered, even where this runtime lists it otherwise.
  const zones = timeZones.includes(timeZone) ? timeZones : [timeZone, ...timeZones];

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const settings = { name, address, timeZone, requiresCheckIn };
    const outcome = await run(() =>
      location
        ? sendJson<{ location: LocationDto }>("PATCH", `/api/locations/${location.id}`, settings)
        : sendJson<{ location: LocationDto }>("POST", "/api/locations", { slug, ...settings }),
    );
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    setError(null);
    onSaved(outcome.data.location);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
      {error !== null && (
        <Alert tone="error" testId="location-error">
          {apiMessage(error)}
        </Alert>
      )}
      {location ? (
        <p className="text-sm">
          <span className="font-medium">Slug:</span> <code>{location.slug}</code>
        </p>
      ) : (
        <Field
          label="Slug"
          hint="2 to 40 characters of a-z, 0-9 and '-'; it appears in links and cannot change."
          error={fields.slug}
        >
          {(props) => (
            <input
              {...props}
              name="slug"
              value={slug}
              onChange={(e) => setSlug(e.target.value)}
              className={inputClass}
              autoComplete="off"
              required
              data-autofocus
            />
          )}
        </Field>
      )}
      <Field label="Name" error={fields.name}>
        {(props) => (
          <input
            {...props}
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            className={inputClass}
            autoComplete="off"
            required
            {...(location && { "data-autofocus": true })}
          />
        )}
      </Field>
      <Field label="Address" error={fields.address}>
        {(props) => (
          <input
            {...props}
            name="address"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            className={inputClass}
            autoComplete="off"
            required
          />
        )}
      </Field>
      <Field
        label="Time zone"
        hint="Days and hours of this garage are shown in it."
        error={fields.timeZone}
      >
        {(props) => (
          <select
            {...props}
            name="timeZone"
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
            className={inputClass}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input
          type="checkbox"
          name="requiresCheckIn"
          checked={requiresCheckIn}
          onChange={(e) => setRequiresCheckIn(e.target.checked)}
          className="size-5"
        />
        Bookings must check in at the gate
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass.primary} disabled={busy}>
          {location ? "Save changes" : "Create garage"}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
