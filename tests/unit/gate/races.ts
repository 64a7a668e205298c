// Gate events racing each other: run on SQLite (tests/unit/gate/gate.test.ts) and on
// PostgreSQL (tests/api-pg/gate-races.test.ts), where concurrent transactions really
// overlap under READ COMMITTED.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { expectConsistentDatabase, unique } from "../builders";
import { createGarage, driverWithCar as driverWithCarNamed } from "./gate-fixtures";

// Names of this run's drivers, apart from any already in the database.
const run = randomBytes(4).toString("hex");
const driverWithCar = (balanceCents: number) =>
  driverWithCarNamed(balanceCents, `gate-race-${run}-${unique()}`);

/** The races, at the instant T0 (each test makes its own garage and drivers). */
export function describeGateRaces(T0: Date): void {
  describe("gate races", () => {
    it("the same eventId ten times at once: one entry, one answer", async () => {
      const garage = await createGarage();
      await garage.slot({ pricePerHourCents: 100 });
      const { plate, driver } = await driverWithCar(1_000);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          garage.event({ eventId: "burst", direction: "in", plate }, T0),
        ),
      );
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(answers[0]).toMatchObject({ decision: "open", reason: "drive_up" });
      expect(await db.gateEvent.count({ where: { locationId: garage.locationId } })).toBe(1);
      expect(await db.reservation.count({ where: { userId: driver.id } })).toBe(1);
      await expectConsistentDatabase();
    });

    it("in and out for one plate at once end in one consistent state", async () => {
      const garage = await createGarage();
      await garage.slot({ pricePerHourCents: 100 });
      const { plate, driver } = await driverWithCar(1_000);
      const answers = await Promise.all([
        garage.event({ direction: "in", plate }, T0),
        garage.event({ direction: "out", plate }, T0),
        garage.event({ direction: "in", plate }, T0),
      ]);
      const parked = answers.filter((a) => a.reason === "drive_up");
      const left = answers.filter((a) => a.reason !== "no_stay" && a.reason !== "drive_up");
      const stays = await db.reservation.findMany({ where: { userId: driver.id } });
      // Each answer matches what was written: a stay per drive_up, an exit per billed out,
      // the other `in` refused as already inside, and at most one stay still running.
      expect(stays.length).toBe(parked.length);
      expect(stays.filter((s) => s.checkedOutAt !== null).length).toBe(
        left.filter((a) => a.decision === "open").length,
      );
      expect(stays.filter((s) => s.checkedOutAt === null).length).toBeLessThanOrEqual(1);
      expect(parked.length + answers.filter((a) => a.reason === "already_inside").length).toBe(2);
      await expectConsistentDatabase();
    });

    it("two cars for the last free slot: one parks, the other is told the garage is full", async () => {
      const garage = await createGarage();
      await garage.slot({ pricePerHourCents: 100 });
      const [a, b] = [await driverWithCar(1_000), await driverWithCar(1_000)];
      const answers = await Promise.all([
        garage.event({ direction: "in", plate: a.plate }, T0),
        garage.event({ direction: "in", plate: b.plate }, T0),
      ]);
      expect(answers.map((x) => x.reason).sort()).toEqual(["drive_up", "full"]);
      await expectConsistentDatabase();
    });
  });
}
