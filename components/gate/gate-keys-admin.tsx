"use client";
// A garage's gate keys (admin): the list (label, prefix, created, revoked), a new key (shown
// once, with a copy button: only its hash is stored) and revoking one after a confirmation.
import { useState } from "react";
import { postJson, sendJson } from "@/components/data/fetcher";
import { useGateKeys } from "@/components/data/hooks";
import { apiMessage, fieldErrors } from "@/components/data/messages";
import { useMutation } from "@/components/data/mutation";
import type { CreatedGateKeyDto, GateKeyDto, GateKeyList } from "@/components/data/types";
import { NewKeyDialog } from "@/components/gate/new-key-dialog";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { Time } from "@/components/ui/time";

export function GateKeysAdmin({
  location,
  fallback,
}: {
  location: { id: number; name: string; timeZone: string };
  fallback: GateKeyList;
}) {
  const { data = fallback, mutate } = useGateKeys(location.id, fallback);
  const [created, setCreated] = useState<CreatedGateKeyDto | null>(null);
  const [revoking, setRevoking] = useState<GateKeyDto | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const active = data.keys.filter((key) => key.revokedAt === null).length;

  return (
    <div className="gap-section flex flex-col">
      <Card title="New key">
        <CreateKeyForm
          locationId={location.id}
          onCreated={(key) => {
            setDone(null);
            setCreated(key);
            void mutate();
          }}
        />
      </Card>
      {done && (
        <Alert tone="success" testId="gate-keys-done">
          {done}
        </Alert>
      )}
      <section aria-labelledby="gate-keys-heading">
        <h2 id="gate-keys-heading" className="mb-2 text-base font-semibold">
          Keys of {location.name}
        </h2>
        <p role="status" className="text-ink-muted mb-2 text-sm">
          {data.keys.length === 0
            ? "No key yet."
            : `${active} active, ${data.keys.length - active} revoked.`}
        </p>
        {data.keys.length === 0 ? (
          <EmptyState>Create a key for each gate device of this garage.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-2" aria-label="Gate keys">
            {data.keys.map((key) => (
              <li
                key={key.id}
                className="rounded-card border-surface-border bg-surface p-card flex flex-wrap items-center justify-between gap-3 border"
                data-testid="gate-key"
                data-label={key.label}
                data-revoked={key.revokedAt !== null}
              >
                <div className="min-w-0">
                  <p className="font-semibold break-words">{key.label}</p>
                  <p className="text-ink-muted text-sm">
                    <code className="text-ink" data-testid="gate-key-prefix">
                      {key.keyPrefix}…
                    </code>{" "}
                    · created <Time iso={key.createdAt} timeZone={location.timeZone} />
                  </p>
                  {key.revokedAt !== null && (
                    <p className="text-danger text-sm font-medium">
                      Revoked <Time iso={key.revokedAt} timeZone={location.timeZone} />
                    </p>
                  )}
                </div>
                {key.revokedAt === null && (
                  <button
                    type="button"
                    className={buttonClass.danger}
                    aria-label={`Revoke the key ${key.label}`}
                    onClick={() => {
                      setDone(null);
                      setRevoking(key);
                    }}
                  >
                    Revoke
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {created && <NewKeyDialog created={created} onClose={() => setCreated(null)} />}
      {revoking && (
        <RevokeDialog
          gateKey={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setRevoking(null);
            setDone(`The key ${revoking.label} was revoked: its gate is refused from now on.`);
            void mutate();
          }}
        />
      )}
    </div>
  );
}

function CreateKeyForm({
  locationId,
  onCreated,
}: {
  locationId: number;
  onCreated: (key: CreatedGateKeyDto) => void;
}) {
  const { busy, run } = useMutation({ refresh: false });
  const [label, setLabel] = useState("");
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrors(error);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const outcome = await run(() =>
      postJson<CreatedGateKeyDto>("/api/gate/keys", { locationId, label: label.trim() }),
    );
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    setError(null);
    setLabel("");
    onCreated(outcome.data);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" aria-label="New gate key">
      {error !== null && !fields.label && (
        <Alert tone="error" testId="gate-key-error">
          {apiMessage(error)}
        </Alert>
      )}
      <Field
        label="Label"
        hint="Which device it is for, e.g. “Entrance barrier”. Up to 60 characters."
        error={fields.label}
      >
        {(props) => (
          <input
            {...props}
            name="label"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            className={inputClass}
            autoComplete="off"
            required
            maxLength={60}
          />
        )}
      </Field>
      <div>
        <button type="submit" className={buttonClass.primary} disabled={busy}>
          {busy ? "Creating…" : "Create key"}
        </button>
      </div>
    </form>
  );
}

function RevokeDialog({
  gateKey,
  onClose,
  onRevoked,
}: {
  gateKey: GateKeyDto;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const { busy, run } = useMutation({ refresh: false });
  const [error, setError] = useState<unknown>(null);

  async function revoke() {
    const outcome = await run(() => sendJson<void>("DELETE", `/api/gate/keys/${gateKey.id}`));
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    onRevoked();
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={`Revoke the key ${gateKey.label}?`}
      description="The gate device that sends it is refused from then on; this cannot be undone. Its events stay in the log."
    >
      {error !== null && (
        <Alert tone="error" testId="gate-key-revoke-error">
          {apiMessage(error)}
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass.danger} onClick={revoke} disabled={busy}>
          Revoke key
        </button>
        <button type="button" className={buttonClass.secondary} onClick={onClose} data-autofocus>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
