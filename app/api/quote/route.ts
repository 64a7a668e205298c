// GET /api/quote?slotId=&startTime=&durationHours= — the price of a window on a slot, hour
// by hour, from the same function the reserve transaction charges with. Public, like slot
// prices in GET /api/slots.
import { db } from "@/lib/db/client";
import { quoteForSlot } from "@/lib/pricing/service";
import { resolveStartTime } from "@/lib/reservations/service";
import { quoteQuerySchema } from "@/lib/validation/pricing";
import { apiRoute, json, readQuery } from "@/app/api/_lib/handler";

export const GET = apiRoute("public", async (request) => {
  const query = readQuery(request, quoteQuerySchema);
  const now = new Date();
  const startTime = resolveStartTime(query.startTime, now);
  return json(
    await quoteForSlot(
      db,
      { slotId: query.slotId, startTime, durationHours: query.durationHours },
      now,
    ),
  );
});
