// GET /api/reservations/{id}/pass — the reservation's signed QR pass {token, qrSvg}
// (owner or staff at its location; anyone else's answers 404).
import { reservationPass } from "@/lib/passes/service";
import { idParamsSchema } from "@/lib/validation/common";
import { apiRoute, json, readParams } from "@/app/api/_lib/handler";

export const GET = apiRoute("user", async (_request, { actor, params }) => {
  const { id } = readParams(params, idParamsSchema);
  return json(await reservationPass(actor, id));
});
