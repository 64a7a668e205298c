"use client";
// Add money to a wallet. With `provider` (the account page): the signed-in user's own, through
// POST /api/top-ups — demo money at once, or a redirect to the card provider's payment page.
// Without it (staff, another user's wallet): directly, as cash taken at the desk.
import { useState } from "react";
import { postJson } from "@/components/data/fetcher";
import { useMutation } from "@/components/data/mutation";
import { describeError, fieldErrors } from "@/components/data/messages";
import { centsToInput, formatMoney } from "@/components/data/format";
import { parseMoneyToCents } from "@/lib/validation/money";
import { MAX_TOP_UP_CENTS } from "@/lib/validation/limits";
import type { AddBalanceResponse, TopUpCreated } from "@/components/data/types";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

const PRESETS = [1000, 2000, 5000];

export function TopUpForm({
  userId,
  initialCents,
  onDone,
  autoFocus,
  provider,
  maxCents = MAX_TOP_UP_CENTS,
}: {
  userId?: number;
  provider?: "demo" | "stripe";
  maxCents?: number;
  initialCents?: number;
  onDone?: () => void;
  autoFocus?: boolean;
}) {
  const { busy, run } = useMutation({ busyAfterSuccess: provider === "stripe" });
  const [amount, setAmount] = useState(initialCents ? centsToInput(initialCents) : "");
  const [result, setResult] = useState<
    { ok: true; balance: number | null; added: number } | { ok: false; error: unknown } | null
  >(null);
  const cents = parseMoneyToCents(amount);
  const invalid = amount.trim() !== "" && (cents === null || cents < 1 || cents > maxCents);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (cents === null || invalid) return;
    if (provider) {
      const started = await run(() =>
        postJson<TopUpCreated>("/api/top-ups", { amountCents: cents }),
      );
      if (!started.ok) {
        setResult({ ok: false, error: started.error });
        return;
      }
      if (started.data.checkoutUrl) {
        // The card is entered on the provider's page, which sends the driver back here.
        window.location.assign(started.data.checkoutUrl);
        return;
      }
      setResult({ ok: true, balance: null, added: cents });
      setAmount("");
      onDone?.();
      return;
    }
    const outcome = await run(() =>
      postJson<AddBalanceResponse>("/api/add-balance", {
        amountCents: cents,
        ...(userId !== undefined && { userId }),
      }),
    );
    if (!outcome.ok) {
      setResult({ ok: false, error: outcome.error });
      return;
    }
    setResult({ ok: true, balance: outcome.data.walletBalanceCents, added: cents });
    setAmount("");
    onDone?.();
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
      <Field
        label="Amount ($)"
        hint={`Up to ${formatMoney(maxCents)} at a time.`}
        error={
          invalid
            ? `Enter an amount from $0.01 to ${formatMoney(maxCents)}, like 20 or 12.50.`
            : (fieldErrors(result && !result.ok ? result.error : null).amountCents ?? undefined)
        }
      >
        {(props) => (
          <input
            {...props}
            name="amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            className={inputClass}
            autoFocus={autoFocus}
            data-autofocus={autoFocus ? true : undefined}
          />
        )}
      </Field>
      <div className="flex flex-wrap gap-2" role="group" aria-label="Quick amounts">
        {PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            className={buttonClass.secondary}
            onClick={() => setAmount(centsToInput(preset))}
          >
            {formatMoney(preset)}
          </button>
        ))}
      </div>
      <button
        type="submit"
        className={buttonClass.primary}
        disabled={busy || cents === null || invalid}
      >
        {busy
          ? "Adding…"
          : cents && !invalid
            ? `${provider === "stripe" ? "Pay" : "Add"} ${formatMoney(cents)}`
            : "Add money"}
      </button>
      {result?.ok && (
        <Alert tone="success" testId="top-up-success">
          Added {formatMoney(result.added)}
          {provider === "demo" && " of demo money"}.
          {result.balance !== null && ` The wallet now holds ${formatMoney(result.balance)}.`}
        </Alert>
      )}
      {result && !result.ok && <Alert tone="error">{describeError(result.error)}</Alert>}
    </form>
  );
}
