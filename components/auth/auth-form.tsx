"use client";
// Sign-in and registration forms. They post to /api/auth/*, which set the session cookie,
// then re-render the app as the signed-in user.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { postJson } from "@/components/data/fetcher";
import { useMutation } from "@/components/data/mutation";
import { describeError, fieldErrors } from "@/components/data/messages";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

type FieldSpec = {
  name: string;
  label: string;
  type?: string;
  autoComplete: string;
  required?: boolean;
  hint?: string;
};

const LOGIN_FIELDS: FieldSpec[] = [
  { name: "username", label: "Username", autoComplete: "username", required: true },
  {
    name: "password",
    label: "Password",
    type: "password",
    autoComplete: "current-password",
    required: true,
  },
];

const REGISTER_FIELDS: FieldSpec[] = [
  {
    name: "username",
    label: "Username",
    autoComplete: "username",
    required: true,
    hint: "3–32 characters: lower-case letters, digits, _ . -",
  },
  { name: "email", label: "Email", type: "email", autoComplete: "email", required: true },
  {
    name: "password",
    label: "Password",
    type: "password",
    autoComplete: "new-password",
    required: true,
    hint: "At least 8 characters.",
  },
  { name: "phone", label: "Phone (optional)", type: "tel", autoComplete: "tel" },
  { name: "vehicleNumber", label: "Vehicle number (optional)", autoComplete: "off" },
];

export function AuthForm({ mode, next }: { mode: "login" | "register"; next: string }) {
  const router = useRouter();
  const [error, setError] = useState<unknown>(null);
  // Success navigates away: stay busy until the new page shows; nothing here to refresh.
  const { busy, run } = useMutation({ refresh: false, busyAfterSuccess: true });
  const fields = mode === "login" ? LOGIN_FIELDS : REGISTER_FIELDS;
  const perField = fieldErrors(error);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: Record<string, string> = {};
    for (const field of fields) {
      const value = String(form.get(field.name) ?? "").trim();
      if (value || field.required) body[field.name] = value;
    }
    if (body.username) body.username = body.username.toLowerCase();
    setError(null);
    const outcome = await run(() =>
      postJson(mode === "login" ? "/api/auth/login" : "/api/auth/register", body),
    );
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {error !== null && (
        <Alert tone="error" testId="auth-error">
          {describeError(error)}
          {mode === "register" && (error as { code?: string }).code === "CONFLICT" && (
            <>
              {" "}
              Choose another username or email, or{" "}
              <Link href={`/login?next=${encodeURIComponent(next)}`} className={buttonClass.link}>
                sign in
              </Link>
              .
            </>
          )}
        </Alert>
      )}
      {fields.map((field) => (
        <Field key={field.name} label={field.label} hint={field.hint} error={perField[field.name]}>
          {(props) => (
            <input
              {...props}
              name={field.name}
              type={field.type ?? "text"}
              autoComplete={field.autoComplete}
              required={field.required}
              autoCapitalize="none"
              className={inputClass}
            />
          )}
        </Field>
      ))}
      <button type="submit" className={buttonClass.primary} disabled={busy}>
        {mode === "login"
          ? busy
            ? "Signing in…"
            : "Sign in"
          : busy
            ? "Creating…"
            : "Create account"}
      </button>
      <p className="text-center text-sm">
        {mode === "login" ? (
          <>
            No account yet?{" "}
            <Link href={`/register?next=${encodeURIComponent(next)}`} className={buttonClass.link}>
              Register
            </Link>
          </>
        ) : (
          <>
            Already registered?{" "}
            <Link href={`/login?next=${encodeURIComponent(next)}`} className={buttonClass.link}>
              Sign in
            </Link>
          </>
        )}
      </p>
    </form>
  );
}
