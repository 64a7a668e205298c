// GET /api/slots — search slots by floor, zone, type, maximum price, and (with from/to)
// slots free for a whole window. POST /api/slots — create a slot (staff).
import { searchSlots } from "@/lib/slots/queries";
import { createSlot } from "@/lib/slots/service";
import { createSlotBodySchema, slotsQuerySchema } from "@/lib/validation/parking";
import { apiRoute, json, readJsonBody, readQuery } from "@/app/api/_lib/handler";

export const GET = apiRoute("public", async (request) =>
  json(await searchSlots(readQuery(request, slotsQuerySchema))),
);

export const POST = apiRoute("staff", async (request, { actor }) => {
  const body = await readJsonBody(request, createSlotBodySchema);
  return json({ slot: await createSlot(actor, body) }, 201);
});
