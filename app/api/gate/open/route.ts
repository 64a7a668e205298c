// POST /api/gate/open — staff open a location's gate by hand, with the reason recorded.
import { manualOpen } from "@/lib/gate/log";
import { manualOpenBodySchema } from "@/lib/validation/gate";
import { apiRoute, json, readJsonBody } from "@/app/api/_lib/handler";

export const POST = apiRoute("staff", async (request, { actor }) => {
  const body = await readJsonBody(request, manualOpenBodySchema);
  return json({ event: await manualOpen(actor, body) }, 201);
});
