"use client";
// An admin changes a user's role (PATCH /api/users/{id}). The select shows the role the
// server has; a refusal (the last admin cannot stop being one) is shown as the API words it.
import { useId, useState } from "react";
import { sendJson } from "@/components/data/fetcher";
import { useMutation } from "@/components/data/mutation";
import type { Role, UserDto } from "@/components/data/types";
import { ROLES } from "@/lib/api-schemas/enums";
import { Alert } from "@/components/ui/alert";
import { apiMessage } from "@/components/data/messages";

const LABEL: Record<Role, string> = { driver: "Driver", staff: "Staff", admin: "Admin" };

export function RoleSelect({ user }: { user: UserDto }) {
  const { busy, run } = useMutation();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const id = useId();

  async function change(role: Role) {
    setDone(null);
    const outcome = await run(() =>
      sendJson<{ user: UserDto }>("PATCH", `/api/users/${user.id}`, { role }),
    );
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    setError(null);
    setDone(`${outcome.data.user.username} is now ${LABEL[outcome.data.user.role].toLowerCase()}.`);
  }

  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor={id} className="font-medium">
          Role<span className="sr-only"> of {user.username}</span>
        </label>
        <select
          id={id}
          value={user.role}
          disabled={busy}
          onChange={(e) => void change(e.target.value as Role)}
          className="min-h-control rounded-control border-surface-border bg-surface border px-2"
          data-testid="role-select"
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {LABEL[role]}
            </option>
          ))}
        </select>
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
    </div>
  );
}
