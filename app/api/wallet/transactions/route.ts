// GET /api/wallet/transactions — the wallet ledger, newest first (an extension of the
// contract for the account page: drivers read their own, staff anyone's via userId).
import { listWalletTransactions } from "@/lib/wallet/service";
import { walletTransactionsQuerySchema } from "@/lib/validation/parking";
import { apiRoute, json, readQuery } from "@/app/api/_lib/handler";

export const GET = apiRoute("user", async (request, { actor }) =>
  json(await listWalletTransactions(actor, readQuery(request, walletTransactionsQuerySchema))),
);
