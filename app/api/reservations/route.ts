// GET /api/reservations — the caller's reservations (staff: anyone's), newest first.
import { listReservations } from "@/lib/reservations/queries";
import { reservationsQuerySchema } from "@/lib/validation/parking";
import { apiRoute, json, readQuery } from "@/app/api/_lib/handler";

export const GET = apiRoute("user", async (request, { actor }) =>
  json(await listReservations(actor, readQuery(request, reservationsQuerySchema))),
);
