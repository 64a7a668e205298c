// POST /api/add-balance — top up a wallet (drivers their own, staff anyone's).
import { topUpWallet } from "@/lib/wallet/service";
import { addBalanceBodySchema } from "@/lib/validation/parking";
import { apiRoute, json, readJsonBody } from "@/app/api/_lib/handler";

export const POST = apiRoute("user", async (request, { actor }) =>
  json(await topUpWallet(actor, await readJsonBody(request, addBalanceBodySchema))),
);
