// The gate's races on PostgreSQL: the same eventId ten times at once, in and out for one
// plate at once, two cars for the last slot (tests/unit/gate/races.ts), with the domain in
// this process and its transactions on separate pooled connections.
import { afterAll, inject } from "vitest";

process.env.DATABASE_URL = inject("pgDatabaseUrl");
const { db } = await import("@/lib/db/client");
const { describeGateRaces } = await import("../unit/gate/races");
afterAll(() => db.$disconnect());

describeGateRaces(new Date(Date.UTC(2031, 2, 10, 9)));
