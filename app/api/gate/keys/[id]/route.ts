// DELETE /api/gate/keys/{id} — revoke a gate key (admin; idempotent).
import { revokeGateKey } from "@/lib/gate/keys";
import { idParamsSchema } from "@/lib/validation/common";
import { apiRoute, readParams } from "@/app/api/_lib/handler";

export const DELETE = apiRoute("admin", async (_request, { actor, params }) => {
  const { id } = readParams(params, idParamsSchema);
  await revokeGateKey(actor, id);
  return new Response(null, { status: 204 });
});
