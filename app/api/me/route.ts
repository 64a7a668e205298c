// GET /api/me — the signed-in user.
import { apiRoute, json } from "@/app/api/_lib/handler";

export const GET = apiRoute("user", async (_request, { user }) => json({ user }));
