// Account: profile, wallet, top-up and the list of top-ups, the wallet ledger, password and
// sessions.
import { perRequestPage } from "@/components/layout/per-request-page";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { listWalletTransactions } from "@/lib/wallet/service";
import { actorOf } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/viewer";
import { listTopUps } from "@/lib/payments/top-ups";
import { configuredProviderName } from "@/lib/payments/provider";
import { configuredTopUpLimits } from "@/lib/payments/limits";
import { LEDGER_LIMIT, TOP_UPS_LIMIT } from "@/components/data/keys";
import { PageTitle } from "@/components/ui/card";
import { AccountView } from "@/components/account/account-view";

export const metadata: Metadata = { title: "Account" };

export default perRequestPage(async function AccountPage({ searchParams }: PageProps<"/account">) {
  const user = await getViewer();
  if (!user) redirect("/login?next=/account");
  const [ledger, topUps] = await Promise.all([
    listWalletTransactions(actorOf(user), { limit: LEDGER_LIMIT, offset: 0 }),
    listTopUps(actorOf(user), { limit: TOP_UPS_LIMIT, offset: 0 }),
  ]);
  const payments = {
    provider: configuredProviderName(),
    maxCents: configuredTopUpLimits().maxCents,
  };
  const topUp = (await searchParams).topUp;
  const topUpCents = typeof topUp === "string" && /^\d{1,6}$/.test(topUp) ? Number(topUp) : 0;
  return (
    <>
      <PageTitle title="Account" />
      <AccountView
        user={user}
        ledger={ledger}
        topUps={topUps}
        payments={payments}
        topUpCents={topUpCents > 0 && topUpCents <= 100_000 ? topUpCents : undefined}
      />
    </>
  );
});
