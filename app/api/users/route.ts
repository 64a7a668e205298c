// GET /api/users — staff: search users by username or email.
import { searchUsers } from "@/lib/users/queries";
import { usersQuerySchema } from "@/lib/validation/parking";
import { apiRoute, json, readQuery } from "@/app/api/_lib/handler";

export const GET = apiRoute("staff", async (request, { actor }) =>
  json(await searchUsers(actor, readQuery(request, usersQuerySchema))),
);
