// POST /api/end-reservation — end an active reservation now and free its slot.
import { endReservation } from "@/lib/reservations/service";
import { endReservationBodySchema } from "@/lib/validation/parking";
import { apiRoute, json, readJsonBody } from "@/app/api/_lib/handler";

export const POST = apiRoute("user", async (request, { actor }) => {
  const { reservationId } = await readJsonBody(request, endReservationBodySchema);
  return json({ reservation: await endReservation(actor, reservationId) });
});
