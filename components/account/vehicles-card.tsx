"use client";
// The account's vehicles: add one by plate (stored normalized by the server), list, remove.
// A booking names the only vehicle by default; the gate knows a car by its plate.
import { useState } from "react";
import useSWR from "swr";
import { fetcher, postJson, sendJson, type ApiError } from "@/components/data/fetcher";
import { useMutation } from "@/components/data/mutation";
import { describeError } from "@/components/data/messages";
import { Card, EmptyState } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

type Vehicle = { id: number; plate: string; label: string | null };

export function VehiclesCard() {
  const { data, mutate } = useSWR<{ vehicles: Vehicle[] }, ApiError>("/api/vehicles", fetcher);
  const { busy, run } = useMutation({ refresh: false });
  const [plate, setPlate] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function add(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    const outcome = await run(() => postJson("/api/vehicles", { plate }));
    if (outcome.ok) setPlate("");
    else setError(describeError(outcome.error));
    await mutate();
  }

  async function remove(id: number) {
    setError(null);
    const outcome = await run(() => sendJson("DELETE", `/api/vehicles/${id}`));
    if (!outcome.ok) setError(describeError(outcome.error));
    await mutate();
  }

  const vehicles = data?.vehicles ?? [];
  return (
    <Card title="Vehicles">
      {vehicles.length === 0 ? (
        <EmptyState>No vehicles yet. Add your plate so the gate knows your car.</EmptyState>
      ) : (
        <ul className="mb-3 flex flex-col gap-2" aria-label="Vehicles">
          {vehicles.map((v) => (
            <li key={v.id} className="flex items-center justify-between gap-2 text-sm">
              <span className="font-mono font-semibold">{v.plate}</span>
              {v.label && <span className="text-ink-muted">{v.label}</span>}
              <button
                type="button"
                className={buttonClass.danger}
                disabled={busy}
                onClick={() => remove(v.id)}
                aria-label={`Remove vehicle ${v.plate}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="flex items-end gap-2">
        <Field label="Plate" hint="Letters and digits, e.g. AB12 CDE">
          {(props) => (
            <input
              {...props}
              className={inputClass}
              value={plate}
              onChange={(e) => setPlate(e.target.value)}
              maxLength={32}
              required
            />
          )}
        </Field>
        <button type="submit" className={buttonClass.primary} disabled={busy || plate === ""}>
          Add vehicle
        </button>
      </form>
      {error && (
        <p role="alert" className="text-danger mt-2 text-sm">
          {error}
        </p>
      )}
    </Card>
  );
}
