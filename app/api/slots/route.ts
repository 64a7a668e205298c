// GET /api/slots — search slots by floor, zone, type and maximum price.
import { searchSlots } from "@/lib/slots/queries";
import { slotsQuerySchema } from "@/lib/validation/parking";
import { apiRoute, json, readQuery } from "@/app/api/_lib/handler";

export const GET = apiRoute("public", async (request) =>
  json(await searchSlots(readQuery(request, slotsQuerySchema))),
);
