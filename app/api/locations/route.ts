// GET /api/locations — every location, by name, with its slot counts (public).
// POST /api/locations — create a location (admin).
import { createLocation, listLocations } from "@/lib/locations/service";
import { createLocationBodySchema } from "@/lib/validation/locations";
import { apiRoute, json, readJsonBody } from "@/app/api/_lib/handler";

export const GET = apiRoute("public", async () => json({ locations: await listLocations() }));

export const POST = apiRoute("admin", async (request, { actor }) => {
  const body = await readJsonBody(request, createLocationBodySchema);
  return json({ location: await createLocation(actor, body) }, 201);
});
