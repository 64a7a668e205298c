// GET /api/availability — counts of available, occupied and out-of-service slots.
import { getAvailability } from "@/lib/slots/queries";
import { apiRoute, json } from "@/app/api/_lib/handler";

export const GET = apiRoute("public", async () => json(await getAvailability()));
