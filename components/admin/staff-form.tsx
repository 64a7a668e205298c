"use client";
// Who works at a garage: every staff user as a checkbox; saving sends exactly the checked
// ones (PUT /api/locations/{id}/staff). Admins work everywhere and are not listed.
import { useState } from "react";
import { sendJson } from "@/components/data/fetcher";
import { useMutation } from "@/components/data/mutation";
import type { LocationStaff } from "@/lib/api-schemas/locations";
import type { UserDto } from "@/components/data/types";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { apiMessage } from "@/components/data/messages";

export function StaffForm({
  locationId,
  staff,
  onSaved,
  onCancel,
}: {
  locationId: number;
  /** Every staff user, with the locations they work at. */
  staff: readonly UserDto[];
  onSaved: (result: LocationStaff) => void;
  onCancel: () => void;
}) {
  const { busy, run } = useMutation({ refresh: false });
  const [chosen, setChosen] = useState(
    () => new Set(staff.filter((u) => u.locationIds.includes(locationId)).map((u) => u.id)),
  );
  const [error, setError] = useState<unknown>(null);

  function toggle(userId: number, on: boolean) {
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(userId);
      else next.delete(userId);
      return next;
    });
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const outcome = await run(() =>
      sendJson<LocationStaff>("PUT", `/api/locations/${locationId}/staff`, {
        userIds: [...chosen],
      }),
    );
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    setError(null);
    onSaved(outcome.data);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3">
      {error !== null && (
        <Alert tone="error" testId="staff-error">
          {apiMessage(error)}
        </Alert>
      )}
      {staff.length === 0 ? (
        <p className="text-ink-muted text-sm">
          No user has the staff role yet. Give someone the role on the Users page.
        </p>
      ) : (
        <fieldset className="flex max-h-80 flex-col gap-1 overflow-y-auto">
          <legend className="mb-1 text-sm font-medium">Staff working here</legend>
          {staff.map((user) => (
            <label key={user.id} className="min-h-control flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={chosen.has(user.id)}
                onChange={(e) => toggle(user.id, e.target.checked)}
                className="size-5"
              />
              <span className="font-medium">{user.username}</span>
              <span className="text-ink-muted break-all">{user.email}</span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass.primary} disabled={busy || staff.length === 0}>
          Save staff
        </button>
        <button type="button" className={buttonClass.secondary} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
