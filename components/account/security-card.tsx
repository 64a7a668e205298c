"use client";
// /account: change the password (the other sessions end) and sign out everywhere.
import { useState } from "react";
import { useSignedOut } from "@/components/auth/use-signed-out";
import { ApiError, postJson } from "@/components/data/fetcher";
import { useMutation } from "@/components/data/mutation";
import { describeError, fieldErrors } from "@/components/data/messages";
import { PASSWORD_LENGTH } from "@/lib/validation/limits";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

type Result = { ok: true } | { ok: false; error: unknown } | null;

export function SecurityCard() {
  return (
    <section
      aria-labelledby="security-heading"
      className="rounded-card border-surface-border bg-surface p-card border md:col-span-2"
    >
      <h2 id="security-heading" className="mb-3 text-base font-semibold">
        Sign-in and security
      </h2>
      <div className="gap-section grid md:grid-cols-2">
        <ChangePasswordForm />
        <SignOutEverywhere />
      </div>
    </section>
  );
}

function ChangePasswordForm() {
  const [fields, setFields] = useState({ currentPassword: "", newPassword: "", repeat: "" });
  const [checked, setChecked] = useState(false);
  // A password change moves no slot, reservation or balance: nothing to refresh.
  const { busy, run } = useMutation({ refresh: false });
  const [result, setResult] = useState<Result>(null);

  const { min, max } = PASSWORD_LENGTH;
  const local = {
    currentPassword: fields.currentPassword === "" ? "Enter your current password." : undefined,
    newPassword:
      fields.newPassword.length < min || fields.newPassword.length > max
        ? `Choose a password of ${min} to ${max} characters.`
        : undefined,
    repeat: fields.repeat !== fields.newPassword ? "The two new passwords differ." : undefined,
  };
  const error = result && !result.ok ? result.error : null;
  const server = fieldErrors(error);
  const wrongCurrent = error instanceof ApiError && error.code === "INVALID_CREDENTIALS";
  const shown = {
    currentPassword:
      (checked ? local.currentPassword : undefined) ??
      (wrongCurrent ? "That is not your current password." : server.currentPassword),
    newPassword: (checked ? local.newPassword : undefined) ?? server.newPassword,
    repeat: checked ? local.repeat : undefined,
  };

  function update(name: keyof typeof fields, value: string) {
    setFields((previous) => ({ ...previous, [name]: value }));
    setResult(null);
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (local.currentPassword || local.newPassword || local.repeat) return;
    const outcome = await run(() =>
      postJson("/api/auth/password", {
        currentPassword: fields.currentPassword,
        newPassword: fields.newPassword,
      }),
    );
    if (!outcome.ok) {
      setResult({ ok: false, error: outcome.error });
      return;
    }
    setFields({ currentPassword: "", newPassword: "", repeat: "" });
    setChecked(false);
    setResult({ ok: true });
  }

  // Said under the form only when no field says what went wrong (rate limit, outage, ...).
  const formError =
    error !== null && !wrongCurrent && Object.keys(server).length === 0 ? error : null;
  return (
    <form
      onSubmit={submit}
      className="flex flex-col gap-3"
      noValidate
      aria-labelledby="password-heading"
    >
      <h3 id="password-heading" className="text-sm font-semibold">
        Change password
      </h3>
      <PasswordField
        label="Current password"
        autoComplete="current-password"
        value={fields.currentPassword}
        onChange={(value) => update("currentPassword", value)}
        error={shown.currentPassword}
      />
      <PasswordField
        label="New password"
        autoComplete="new-password"
        hint={`${min} to ${max} characters.`}
        value={fields.newPassword}
        onChange={(value) => update("newPassword", value)}
        error={shown.newPassword}
      />
      <PasswordField
        label="Repeat the new password"
        autoComplete="new-password"
        value={fields.repeat}
        onChange={(value) => update("repeat", value)}
        error={shown.repeat}
      />
      <button type="submit" className={buttonClass.primary} disabled={busy}>
        {busy ? "Changing…" : "Change password"}
      </button>
      {result?.ok && (
        <Alert tone="success" testId="password-changed">
          Password changed. Every other device and browser was signed out.
        </Alert>
      )}
      {formError !== null && (
        <Alert tone="error" testId="password-error">
          {describeError(formError)}
        </Alert>
      )}
    </form>
  );
}

function PasswordField(props: {
  label: string;
  autoComplete: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {(wiring) => (
        <input
          {...wiring}
          type="password"
          autoComplete={props.autoComplete}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          className={inputClass}
        />
      )}
    </Field>
  );
}

function SignOutEverywhere() {
  const signedOut = useSignedOut();
  // Success signs this browser out and leaves the page: stay busy meanwhile.
  const { busy, run } = useMutation({ refresh: false, busyAfterSuccess: true });
  const [error, setError] = useState<unknown>(null);

  async function signOutEverywhere() {
    setError(null);
    const outcome = await run(async () => {
      try {
        await postJson("/api/auth/logout-everywhere");
      } catch (caught) {
        // 401: this session had ended already; it is signed out either way.
        if (!(caught instanceof ApiError && caught.status === 401)) throw caught;
      }
    });
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    await signedOut();
  }

  return (
    <div
      className="flex flex-col items-start gap-3"
      role="group"
      aria-labelledby="everywhere-heading"
    >
      <h3 id="everywhere-heading" className="text-sm font-semibold">
        Signed in somewhere else?
      </h3>
      <p className="text-ink-muted text-sm">
        Sign out on every device and browser where you are signed in, this one included. You can
        sign in again with your password.
      </p>
      <button
        type="button"
        className={buttonClass.danger}
        onClick={signOutEverywhere}
        disabled={busy}
      >
        {busy ? "Signing out…" : "Sign out everywhere"}
      </button>
      {error !== null && (
        <Alert tone="error" testId="sign-out-everywhere-error">
          {describeError(error)}
        </Alert>
      )}
    </div>
  );
}
