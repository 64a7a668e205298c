// GET /api/health — liveness and database reachability.
import { checkDatabase } from "@/lib/db/health";
import { json } from "@/app/api/_lib/handler";

export const dynamic = "force-dynamic";

export async function GET() {
  const ok = await checkDatabase();
  return json({ status: ok ? "ok" : "degraded", db: ok ? "ok" : "down" }, ok ? 200 : 503);
}
