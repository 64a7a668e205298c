// GET /api/health — liveness and database reachability.
import { checkDatabase } from "@/lib/db/health";
import { connection } from "next/server";
import { json } from "@/app/api/_lib/handler";

export async function GET() {
  // Per request, never prerendered at build time.
  await connection();
  const ok = await checkDatabase();
  return json({ status: ok ? "ok" : "degraded", db: ok ? "ok" : "down" }, ok ? 200 : 503);
}
