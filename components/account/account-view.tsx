"use client";
// /account: profile, wallet balance with top-up, the wallet ledger, password and sessions.
import { useMe, useWalletTransactions } from "@/components/data/hooks";
import { formatMoney } from "@/components/data/format";
import type { TopUpList, UserDto, WalletTransactionList } from "@/components/data/types";
import { Card, EmptyState } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { TopUpForm } from "@/components/account/top-up-form";
import { SecurityCard } from "@/components/account/security-card";
import { TopUpHistory } from "@/components/account/top-up-list";
import { VehiclesCard } from "@/components/account/vehicles-card";

const ROLE_LABEL: Record<UserDto["role"], string> = {
  driver: "Driver",
  staff: "Staff",
  admin: "Admin",
};

const KIND_LABEL: Record<string, string> = {
  top_up: "Top-up",
  charge: "Reservation charge",
  refund: "Refund",
  extension: "Extension",
  overstay: "Overstay",
  drive_up: "Drive-up stay",
  debt_payment: "Paid what was owed",
};

export function AccountView({
  user,
  ledger,
  topUps,
  payments,
  topUpCents,
}: {
  user: UserDto;
  ledger: WalletTransactionList;
  topUps: TopUpList;
  /** The payment provider and the largest single top-up it takes. */
  payments: { provider: "demo" | "stripe"; maxCents: number };
  topUpCents?: number;
}) {
  const { data: me } = useMe({ user });
  const { data: entries = ledger } = useWalletTransactions(ledger);
  const current = me?.user ?? user;
  const profile: [string, string][] = [
    ["Username", current.username],
    ["Email", current.email],
    ["Phone", current.phone ?? "—"],
    ["Vehicle", current.vehicleNumber ?? "—"],
    ["Role", ROLE_LABEL[current.role]],
  ];
  return (
    <div className="gap-section grid md:grid-cols-2">
      <Card title="Profile">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {profile.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-ink-muted">{label}</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <section
        id="top-up"
        aria-labelledby="wallet-heading"
        className="rounded-card border-surface-border bg-surface p-card scroll-mt-4 border"
      >
        <h2 id="wallet-heading" className="mb-1 text-base font-semibold">
          Wallet
        </h2>
        <p className="mb-3 text-3xl font-bold tabular-nums" data-testid="account-balance">
          {formatMoney(current.walletBalanceCents)}
        </p>
        {current.outstandingCents > 0 && (
          <p role="status" className="text-danger mb-3 text-sm" data-testid="account-debt">
            You owe {formatMoney(current.outstandingCents)} from an overstay; a top-up pays it
            first.
          </p>
        )}
        {payments.provider === "demo" ? (
          <p className="text-ink-muted mb-3 text-sm" data-testid="demo-money-note">
            Demo money: top-ups here are free and no card is charged.
          </p>
        ) : (
          <p className="text-ink-muted mb-3 text-sm">
            You pay by card on Stripe&apos;s secure page; the money arrives once the payment is
            confirmed.
          </p>
        )}
        <TopUpForm
          initialCents={topUpCents}
          provider={payments.provider}
          maxCents={payments.maxCents}
        />
      </section>
      <TopUpHistory initial={topUps} />
      <SecurityCard />
      <VehiclesCard />
      <Card title="Wallet history" className="md:col-span-2">
        {entries.transactions.length === 0 ? (
          <EmptyState>No wallet activity yet.</EmptyState>
        ) : (
          <ul className="divide-surface-border flex flex-col divide-y" aria-label="Wallet history">
            {entries.transactions.map((entry) => (
              <li
                key={entry.id}
                className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
              >
                <span className="min-w-0">
                  <span className="font-medium">{KIND_LABEL[entry.kind] ?? entry.kind}</span>
                  {entry.reservationId !== null && (
                    <span className="text-ink-muted"> · reservation #{entry.reservationId}</span>
                  )}
                  <br />
                  <span className="text-ink-muted">
                    <Time iso={entry.createdAt} />
                  </span>
                </span>
                <span className="text-right tabular-nums">
                  <span
                    className={`font-semibold ${entry.amountCents < 0 ? "text-danger" : "text-success"}`}
                  >
                    {entry.amountCents < 0 ? "−" : "+"}
                    {formatMoney(Math.abs(entry.amountCents))}
                  </span>
                  <br />
                  <span className="text-ink-muted">
                    balance {formatMoney(entry.balanceAfterCents)}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
        {entries.total > entries.transactions.length && (
          <p className="text-ink-muted mt-2 text-sm">
            Showing the latest {entries.transactions.length} of {entries.total} entries.
          </p>
        )}
      </Card>
    </div>
  );
}
