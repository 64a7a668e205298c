// `npm run gate -- --location <slug> --plate <PLATE> --in|--out [--pass TOKEN] [--at ISO]
// [--event-id ID] [--url http://localhost:3000]`: a gate device simulator. It sends one
// event to POST /api/gate/events over HTTP and prints the decision. The key comes from
// GATE_KEY; without it, a key for that location is created directly in the app's database
// (DATABASE_URL, the demo database by default) under its first admin and printed, so that
// `export GATE_KEY=…` reuses it. Exit codes: 0 answered (open or deny), 1 refused or failed,
// 2 usage.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";

const USAGE =
  "usage: npm run gate -- --location <slug> (--plate <PLATE> | --pass <TOKEN>) (--in | --out)" +
  " [--at <ISO time>] [--event-id <id>] [--url <base URL>]";

function usage(message?: string): never {
  if (message) console.error(message);
  console.error(USAGE);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      location: { type: "string" },
      plate: { type: "string" },
      pass: { type: "string" },
      in: { type: "boolean", default: false },
      out: { type: "boolean", default: false },
      at: { type: "string" },
      "event-id": { type: "string" },
      url: { type: "string", default: process.env.GATE_URL ?? "http://localhost:3000" },
    },
    strict: true,
  }).values;
} catch (error) {
  usage((error as Error).message);
}
const { location, plate, pass } = parsed;
if (!location) usage("--location is required");
if (parsed.in === parsed.out) usage("give exactly one of --in and --out");
if ((plate === undefined) === (pass === undefined)) usage("give exactly one of --plate and --pass");

/** A key for the location, made in the database the app uses (as an admin would). */
async function createKeyInDatabase(slug: string): Promise<string> {
  const { db } = await import("@/lib/db/client");
  const { createGateKey } = await import("@/lib/gate/keys");
  const found = await db.location.findUnique({ where: { slug } });
  if (!found) throw new Error(`No location with slug "${slug}" in the database.`);
  const admin = await db.user.findFirst({ where: { role: "admin" }, orderBy: { id: "asc" } });
  if (!admin) throw new Error("The database has no admin to create a gate key as.");
  const created = await createGateKey(
    { id: admin.id, role: "admin" },
    { locationId: found.id, label: `gate simulator ${new Date().toISOString().slice(0, 16)}` },
  );
  await db.$disconnect();
  console.error(`Created gate key ${created.id} for ${slug}. Reuse it with:`);
  console.error(`  export GATE_KEY=${created.key}`);
  return created.key;
}

try {
  const key = process.env.GATE_KEY || (await createKeyInDatabase(location));
  const body = {
    eventId: parsed["event-id"] ?? `sim-${randomUUID()}`,
    direction: parsed.in ? "in" : "out",
    ...(plate !== undefined && { plate }),
    ...(pass !== undefined && { pass }),
    ...(parsed.at !== undefined && { at: parsed.at }),
  };
  const response = await fetch(new URL("/api/gate/events", parsed.url), {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  console.log(`${body.direction} ${plate ?? "(pass)"} → ${response.status} ${text}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
