// Another process writing to the server's SQLite file (Prisma Studio, a backup, a script)
// holds the write lock 20 ms of every 200 ms: reserves and top-ups wait their turn and
// succeed; none is answered 500. SQLite only (PostgreSQL locks rows, not the database).
import { inject, describe, expect, it } from "vitest";
import { holdWriteLockPeriodically } from "../setup/lock-holder";
import { registerDrivers } from "./client";
import { freeSlots, staff } from "./fixtures";
import { expectInvariants } from "./db";

const onSqlite = inject("databaseUrl").startsWith("file:");

describe.runIf(onSqlite)("a second process holding the write lock", () => {
  it("never turns a reserve or a top-up into a 5xx", async () => {
    const slots = await freeSlots(30);
    const drivers = await registerDrivers(slots.length, 5_000);
    const desk = await staff();
    const holder = holdWriteLockPeriodically(inject("databasePath"), 20, 200);
    try {
      await holder.ready;
      const statuses = await Promise.all(
        slots.flatMap((slot, i) => {
          const driver = drivers[i]!;
          const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
          return [
            later((i % 15) * 100).then(
              async () =>
                (await driver.post("/api/reserve", { slotId: slot.id, durationHours: 1 })).status,
            ),
            later((i % 15) * 100 + 50).then(
              async () =>
                (await desk.post("/api/add-balance", { amountCents: 100, userId: driver.user!.id }))
                  .status,
            ),
          ];
        }),
      );
      expect(statuses.filter((status) => status >= 500)).toEqual([]);
      expect(statuses.filter((status) => status === 201)).toHaveLength(slots.length);
    } finally {
      holder.stop();
    }
    await expectInvariants();
  });
});
