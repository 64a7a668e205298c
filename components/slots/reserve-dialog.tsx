"use client";
// Reserve a slot: choose 1–24 hours, see the price and the wallet after paying, confirm.
// Every contract error is said in words with its way out.
import Link from "next/link";
import { useMemo, useState } from "react";
import { postJson, ApiError } from "@/components/data/fetcher";
import { useMe, useRefreshAll } from "@/components/data/hooks";
import { describeError } from "@/components/data/messages";
import { formatMoney } from "@/components/data/format";
import type { ReserveResponse, SlotDto, UserDto } from "@/components/data/types";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { TypeBadge } from "@/components/slots/slot-status";

const MAX_HOURS = 24;

function parseHours(text: string): number | null {
  if (!/^\d{1,2}$/.test(text.trim())) return null;
  const hours = Number(text);
  return hours >= 1 && hours <= MAX_HOURS ? hours : null;
}

type Outcome = { kind: "done"; result: ReserveResponse } | { kind: "error"; error: unknown } | null;

export function ReserveDialog({
  slot,
  user,
  onClose,
}: {
  slot: SlotDto;
  user: UserDto;
  onClose: () => void;
}) {
  const { data: me } = useMe({ user });
  const refreshAll = useRefreshAll();
  const [hoursText, setHoursText] = useState("2");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  // One key per dialog: a retried or double-clicked confirm never pays twice.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);

  const hours = parseHours(hoursText);
  const balance = me?.user.walletBalanceCents ?? user.walletBalanceCents;
  const price = hours === null ? null : hours * slot.pricePerHourCents;
  const after = price === null ? null : balance - price;

  async function confirm() {
    if (hours === null) return;
    setBusy(true);
    try {
      const result = await postJson<ReserveResponse>(
        "/api/reserve",
        { slotId: slot.id, durationHours: hours },
        { "Idempotency-Key": `${idempotencyKey}-${hours}` },
      );
      setOutcome({ kind: "done", result });
    } catch (error) {
      setOutcome({ kind: "error", error });
    } finally {
      // Whatever happened, every list and the header balance now show the truth.
      await refreshAll();
      setBusy(false);
    }
  }

  if (outcome?.kind === "done") {
    const { reservation, walletBalanceCents } = outcome.result;
    return (
      <Dialog open onClose={onClose} title={`Slot ${slot.slotNumber} is yours`}>
        <Alert tone="success" testId="reserve-success">
          Reserved until <Time iso={reservation.endTime} />. You paid{" "}
          {formatMoney(reservation.totalAmountCents)}; your wallet now holds{" "}
          {formatMoney(walletBalanceCents)}.
        </Alert>
        <div className="flex flex-wrap justify-end gap-2">
          <Link href="/" className={buttonClass.secondary}>
            Go to the dashboard
          </Link>
          <button type="button" className={buttonClass.primary} onClick={onClose} data-autofocus>
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={`Reserve slot ${slot.slotNumber}`}
      description={
        <span className="flex flex-wrap items-center gap-2">
          Floor {slot.floor}, zone {slot.zone} <TypeBadge type={slot.type} />{" "}
          {formatMoney(slot.pricePerHourCents)} per hour
        </span>
      }
    >
      <Field
        label="Duration (hours)"
        hint="From 1 to 24 hours, starting now."
        error={hours === null ? "Enter a whole number of hours from 1 to 24." : undefined}
      >
        {(props) => (
          <input
            {...props}
            type="number"
            min={1}
            max={MAX_HOURS}
            step={1}
            inputMode="numeric"
            value={hoursText}
            onChange={(e) => {
              setHoursText(e.target.value);
              setOutcome(null);
            }}
            className={inputClass}
            data-autofocus
          />
        )}
      </Field>
      <dl className="grid grid-cols-2 gap-y-1 text-sm tabular-nums" aria-live="polite">
        <dt>Price</dt>
        <dd className="text-right font-semibold" data-testid="reserve-price">
          {price === null ? "–" : formatMoney(price)}
        </dd>
        <dt>Wallet now</dt>
        <dd className="text-right">{formatMoney(balance)}</dd>
        <dt>Wallet after paying</dt>
        <dd
          className={`text-right font-semibold ${after !== null && after < 0 ? "text-danger" : ""}`}
          data-testid="reserve-after"
        >
          {after === null ? "–" : formatMoney(after)}
        </dd>
      </dl>
      {after !== null && after < 0 && outcome === null && (
        <Alert tone="warning">
          This costs {formatMoney(-after)} more than your wallet holds.{" "}
          <Link href={`/account?topUp=${-after}#top-up`} className={buttonClass.link}>
            Top up your wallet
          </Link>
        </Alert>
      )}
      {outcome?.kind === "error" && (
        <ReserveError error={outcome.error} shortfall={after !== null && after < 0 ? -after : 0} />
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className={buttonClass.primary}
          onClick={confirm}
          disabled={busy || hours === null}
        >
          {busy ? "Paying…" : price === null ? "Confirm" : `Confirm and pay ${formatMoney(price)}`}
        </button>
      </div>
    </Dialog>
  );
}

function ReserveError({ error, shortfall }: { error: unknown; shortfall: number }) {
  const code = error instanceof ApiError ? error.code : null;
  return (
    <Alert tone="error" testId="reserve-error">
      {describeError(error)}{" "}
      {code === "INSUFFICIENT_FUNDS" && (
        <Link
          href={`/account${shortfall > 0 ? `?topUp=${shortfall}` : ""}#top-up`}
          className={buttonClass.link}
        >
          Top up your wallet
        </Link>
      )}
      {code === "SLOT_UNAVAILABLE" &&
        "The list behind this dialog now shows the slots that are free: cancel and pick another."}
      {code === "UNAUTHENTICATED" && (
        <Link href="/login?next=/slots" className={buttonClass.link}>
          Sign in again
        </Link>
      )}
      {code === "CONFLICT" && "Close this dialog and reserve again."}
    </Alert>
  );
}
