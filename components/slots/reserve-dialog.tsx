"use client";
// Reserve a slot: now or later (up to 30 days ahead), 1–24 hours. The price comes from
// GET /api/quote (the function the server charges with) and is sent back as
// expectedTotalCents, so the driver pays what they saw or is told it moved (PRICE_CHANGED)
// and pays nothing. Every contract error is said in words with its way out.
import Link from "next/link";
import { useMemo, useState } from "react";
import { postJson, ApiError } from "@/components/data/fetcher";
import { useMe, useQuote } from "@/components/data/hooks";
import { useMutation } from "@/components/data/mutation";
import { MAX_BOOKING_AHEAD_DAYS, MAX_RESERVATION_HOURS } from "@/lib/validation/limits";
import { keys } from "@/components/data/keys";
import { describeError } from "@/components/data/messages";
import { formatMoney } from "@/components/data/format";
import type { ReserveResponse, SlotDto, UserDto } from "@/components/data/types";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { Time, zoneAbbreviation } from "@/components/ui/time";
import { instantOfWallTime, wallTimeAt } from "@/lib/analytics/time-zone";
import { TypeBadge } from "@/components/slots/slot-status";
import { MINUTE_MS } from "@/lib/time";

function parseHours(text: string): number | null {
  if (!/^\d{1,2}$/.test(text.trim())) return null;
  const hours = Number(text);
  return hours >= 1 && hours <= MAX_RESERVATION_HOURS ? hours : null;
}

/**
 * The start as ISO UTC, or an error to show; null start = now. `text` is the picker's
 * wall-clock time in the garage's zone.
 */
function parseStart(
  mode: "now" | "later",
  text: string,
  timeZone: string,
): { iso: string | null; error?: string } {
  if (mode === "now") return { iso: null };
  const at = instantOfWallTime(timeZone, text);
  if (at === null) return { iso: null, error: "Pick a date and time." };
  const now = Date.now();
  if (at < now - MINUTE_MS) return { iso: null, error: "Pick a time from now on." };
  if (at > now + MAX_BOOKING_AHEAD_DAYS * 24 * 60 * MINUTE_MS) {
    return { iso: null, error: `Pick a time within ${MAX_BOOKING_AHEAD_DAYS} days.` };
  }
  return { iso: new Date(at).toISOString() };
}

type Outcome = { kind: "done"; result: ReserveResponse } | { kind: "error"; error: unknown } | null;

export function ReserveDialog({
  slot,
  user,
  timeZone,
  onClose,
}: {
  slot: SlotDto;
  user: UserDto;
  /** The slot's location's zone: the booking's times are shown in it. */
  timeZone: string;
  onClose: () => void;
}) {
  const { data: me } = useMe({ user });
  const { busy, run } = useMutation();
  const [hoursText, setHoursText] = useState("2");
  const [mode, setMode] = useState<"now" | "later">("now");
  // The picker shows and takes the garage's local time, whatever the viewer's zone.
  const [startText, setStartText] = useState(() => {
    // Default "later": tomorrow at the garage's next full hour.
    const wall = wallTimeAt(timeZone, Date.now() + 25 * 60 * MINUTE_MS);
    return `${wall.slice(0, 13)}:00`;
  });
  // The picker's bounds, fixed when the dialog opens (the server checks the real range).
  const [bounds] = useState(() => ({
    min: wallTimeAt(timeZone, Date.now()),
    max: wallTimeAt(timeZone, Date.now() + MAX_BOOKING_AHEAD_DAYS * 24 * 60 * MINUTE_MS),
  }));
  const [outcome, setOutcome] = useState<Outcome>(null);
  // One key per dialog and request body: a retried or double-clicked confirm never pays
  // twice, and a changed choice is a new request.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);

  const hours = parseHours(hoursText);
  const start = parseStart(mode, startText, timeZone);
  const quoteKey =
    hours === null || start.error ? null : keys.quote(slot.id, hours, start.iso ?? undefined);
  const { data: quote, error: quoteError, mutate: requote } = useQuote(quoteKey);
  const quoteFits = quote !== undefined && quote.durationHours === hours;
  // What is charged: the quote. Until it arrives, the base price stands in (the same
  // unless demand pricing is on), marked as an estimate, and Confirm waits for the quote.
  const price = quoteFits ? quote.totalCents : null;
  const shown = price ?? (hours === null || start.error ? null : hours * slot.pricePerHourCents);
  const balance = me?.user.walletBalanceCents ?? user.walletBalanceCents;
  const after = shown === null ? null : balance - shown;
  const surged = quoteFits && quote.breakdown.some((h) => h.multiplier !== 1);

  function change(update: () => void) {
    update();
    setOutcome(null);
  }

  async function confirm() {
    if (hours === null || price === null || start.error) return;
    const body = {
      slotId: slot.id,
      durationHours: hours,
      expectedTotalCents: price,
      ...(start.iso !== null && { startTime: start.iso }),
    };
    // Whatever happens, every list and the header balance then show the truth (the hook
    // refreshes them).
    const outcome = await run(() =>
      postJson<ReserveResponse>("/api/reserve", body, {
        "Idempotency-Key": `${idempotencyKey}-${hours}-${start.iso ?? "now"}-${price}`,
      }),
    );
    if (outcome.ok) {
      setOutcome({ kind: "done", result: outcome.data });
      return;
    }
    setOutcome({ kind: "error", error: outcome.error });
    if (outcome.error instanceof ApiError && outcome.error.code === "PRICE_CHANGED") {
      await requote();
    }
  }

  if (outcome?.kind === "done") {
    const { reservation, walletBalanceCents } = outcome.result;
    const upcoming = reservation.status === "upcoming";
    return (
      <Dialog
        open
        onClose={onClose}
        title={upcoming ? `Slot ${slot.slotNumber} is booked` : `Slot ${slot.slotNumber} is yours`}
      >
        <Alert tone="success" testId="reserve-success">
          {upcoming ? (
            <>
              Booked from <Time iso={reservation.startTime} timeZone={timeZone} /> until{" "}
              <Time iso={reservation.endTime} timeZone={timeZone} />. You can cancel it for a full
              refund until it starts.
            </>
          ) : (
            <>
              Reserved until <Time iso={reservation.endTime} timeZone={timeZone} />.
            </>
          )}{" "}
          You paid {formatMoney(reservation.totalAmountCents)}; your wallet now holds{" "}
          {formatMoney(walletBalanceCents)}.
        </Alert>
        <div className="flex flex-wrap justify-end gap-2">
          <Link href={upcoming ? "/reservations" : "/"} className={buttonClass.secondary}>
            {upcoming ? "See my reservations" : "Go to the dashboard"}
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
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Start</legend>
        <div className="flex flex-wrap gap-4">
          <label className="inline-flex items-center gap-2">
            <input
              type="radio"
              name="start-mode"
              checked={mode === "now"}
              onChange={() => change(() => setMode("now"))}
            />
            Now
          </label>
          <label className="inline-flex items-center gap-2">
            <input
              type="radio"
              name="start-mode"
              checked={mode === "later"}
              onChange={() => change(() => setMode("later"))}
            />
            Later
          </label>
        </div>
        {mode === "later" && (
          <Field
            label="Start time"
            hint={`The garage's local time (${zoneAbbreviation(timeZone, new Date())}); up to ${MAX_BOOKING_AHEAD_DAYS} days ahead.`}
            error={start.error}
          >
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={startText}
                min={bounds.min}
                max={bounds.max}
                onChange={(e) => change(() => setStartText(e.target.value))}
                className={inputClass}
              />
            )}
          </Field>
        )}
      </fieldset>
      <Field
        label="Duration (hours)"
        hint={mode === "now" ? "From 1 to 24 hours, starting now." : "From 1 to 24 hours."}
        error={hours === null ? "Enter a whole number of hours from 1 to 24." : undefined}
      >
        {(props) => (
          <input
            {...props}
            type="number"
            min={1}
            max={MAX_RESERVATION_HOURS}
            step={1}
            inputMode="numeric"
            value={hoursText}
            onChange={(e) => change(() => setHoursText(e.target.value))}
            className={inputClass}
            data-autofocus
          />
        )}
      </Field>
      <dl className="grid grid-cols-2 gap-y-1 text-sm tabular-nums" aria-live="polite">
        <dt>Price</dt>
        <dd className="text-right font-semibold" data-testid="reserve-price">
          {shown === null ? "–" : formatMoney(shown)}
          {price === null && shown !== null && (
            <span className="text-ink-muted font-normal"> (estimate, getting the price…)</span>
          )}
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
      {surged && quote && (
        <p className="text-ink-muted text-sm" data-testid="reserve-demand">
          Demand pricing applies:{" "}
          {quote.breakdown.map((h) => `${formatMoney(h.cents)} (×${h.multiplier})`).join(" + ")}.
        </p>
      )}
      {quoteError && quoteKey !== null && (
        <Alert tone="error">The price could not be loaded: {describeError(quoteError)}</Alert>
      )}
      <p className="text-ink-muted text-sm" data-testid="reserve-refund-note">
        Ending a reservation early refunds nothing. A booking that has not started yet can be
        cancelled for a full refund.
      </p>
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
          disabled={busy || price === null || start.error !== undefined}
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
        "It may be booked for part of that time, or closed: pick another time or slot."}
      {code === "PRICE_CHANGED" && "The price above is the new one: confirm again to pay it."}
      {code === "UNAUTHENTICATED" && (
        <Link href="/login?next=/slots" className={buttonClass.link}>
          Sign in again
        </Link>
      )}
      {code === "CONFLICT" && "Close this dialog and reserve again."}
    </Alert>
  );
}
