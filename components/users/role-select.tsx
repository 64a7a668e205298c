"use client";
// An admin changes a user's role (PATCH /api/users/{id}): choose, then save (a select alone
// would send a change for every arrow key pressed on it). The select shows the role the
// server has unless a change is pending; a refusal (the last admin cannot stop being one)
// is shown as the API words it, and the select goes back to the server's role.
import { useId, useState } from "react";
import { sendJson } from "@/components/data/fetcher";
import { apiMessage } from "@/components/data/messages";
import { useMutation } from "@/components/data/mutation";
import type { Role, UserDto } from "@/components/data/types";
import { ROLES } from "@/lib/api-schemas/enums";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";

const LABEL: Record<Role, string> = { driver: "Driver", staff: "Staff", admin: "Admin" };

export function RoleSelect({ user }: { user: UserDto }) {
  const { busy, run } = useMutation();
  /** The role chosen and not yet saved; null: none. */
  const [choice, setChoice] = useState<Role | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const id = useId();
  const pending = choice !== null && choice !== user.role;

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (!pending) return;
    setDone(null);
    const outcome = await run(() =>
      sendJson<{ user: UserDto }>("PATCH", `/api/users/${user.id}`, { role: choice }),
    );
    setChoice(null);
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    setError(null);
    const changed = outcome.data.user;
    setDone(`${changed.username} is now ${LABEL[changed.role].toLowerCase()}.`);
  }

  return (
    <form onSubmit={save} className="flex flex-col gap-1">
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor={id} className="font-medium">
          Role<span className="sr-only"> of {user.username}</span>
        </label>
        <select
          id={id}
          value={choice ?? user.role}
          onChange={(e) => setChoice(e.target.value as Role)}
          className="min-h-control rounded-control border-surface-border bg-surface border px-2"
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {LABEL[role]}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className={buttonClass.secondary}
          disabled={!pending || busy}
          aria-label={`Save the role of ${user.username}`}
        >
          Save
        </button>
      </div>
      {error !== null && (
        <Alert tone="error" testId="role-error">
          {apiMessage(error)}
        </Alert>
      )}
      {done && (
        <p role="status" className="text-success text-sm">
          {done}
        </p>
      )}
    </form>
  );
}
