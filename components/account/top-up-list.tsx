"use client";
// The signed-in user's top-ups through the payment provider: amount, state and the
// provider's reference for each, newest first.
import { useTopUps } from "@/components/data/hooks";
import { formatMoney } from "@/components/data/format";
import type { TopUpDto, TopUpList } from "@/components/data/types";
import { Card, EmptyState } from "@/components/ui/card";
import { Time } from "@/components/ui/time";

const STATUS_LABEL: Record<TopUpDto["status"], string> = {
  pending: "Waiting for payment",
  succeeded: "Paid",
  failed: "Failed",
  expired: "Expired",
};

const STATUS_TONE: Record<TopUpDto["status"], string> = {
  pending: "text-ink-muted",
  succeeded: "text-success",
  failed: "text-danger",
  expired: "text-ink-muted",
};

export function TopUpHistory({ initial }: { initial: TopUpList }) {
  const { data = initial } = useTopUps(initial);
  return (
    <Card title="Top-ups" className="md:col-span-2">
      {data.topUps.length === 0 ? (
        <EmptyState>No top-ups yet.</EmptyState>
      ) : (
        <ul className="divide-surface-border flex flex-col divide-y" aria-label="Top-ups">
          {data.topUps.map((topUp) => (
            <li
              key={topUp.id}
              className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
              data-testid="top-up-row"
            >
              <span className="min-w-0">
                <span className="font-medium tabular-nums">{formatMoney(topUp.amountCents)}</span>
                {topUp.provider === "demo" && <span className="text-ink-muted"> · demo money</span>}
                <br />
                <span className="text-ink-muted">
                  <Time iso={topUp.createdAt} />
                </span>
              </span>
              <span className="text-right">
                <span className={`font-semibold ${STATUS_TONE[topUp.status]}`}>
                  {STATUS_LABEL[topUp.status]}
                </span>
                <br />
                <span className="text-ink-muted break-all">
                  Reference {topUp.providerRef ?? "—"}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
