// Crash test: 20 clients (19 drivers and one staff member) reserve, end, cancel and top
// up against the built app on an SQLite file, and the server is killed with SIGKILL
// (`kill -9`) three times under that load. After each restart, on one snapshot of the
// file: no slot holds overlapping upcoming/active reservations, no slot two active ones,
// every wallet equals its ledger, every reservation has exactly one payment and one charge
// row (a refunded one its refund row), availability agrees with the active reservations,
// and EVERY success a client was answered is in the database as answered.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { Client, login } from "../api/client";
import { testTmpDir } from "../setup/paths";
import { startAppProcess, type AppProcess } from "../setup/app-process";
import { OPS_DRIVERS, OPS_STAFF } from "../setup/ops-accounts";
import { checkDatabase, tableCounts } from "./invariants";
import { Load } from "./load";

const KILLS = 3;
const LOAD_MS = 2_500;
const port = Number(new URL(inject("baseUrl")).port);
const databasePath = path.join(testTmpDir, `crash-${process.pid}.db`);
let server: AppProcess | undefined;

afterAll(async () => {
  await server?.stop();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databasePath + suffix, { force: true });
});

const start = () => startAppProcess({ name: "crash", database: databasePath, port });

describe("kill -9 under load", () => {
  it(`keeps every invariant and every acknowledged write across ${KILLS} crashes`, async () => {
    fs.copyFileSync(inject("opsTemplatePath"), databasePath);
    server = await start();
    const staff = await login(OPS_STAFF);
    const drivers: Client[] = [];
    for (const username of OPS_DRIVERS.slice(0, 19)) drivers.push(await login(username));
    for (const driver of drivers) {
      expect((await driver.post("/api/add-balance", { amountCents: 30_000 })).status).toBe(200);
    }
    const slots = (await staff.get("/api/slots?available=all&limit=500")).body as {
      slots: { id: number }[];
    };
    const load = new Load(
      drivers,
      staff,
      slots.slots.map((s) => s.id),
    );

    load.start();
    const inFlightAtKill: number[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      await new Promise((r) => setTimeout(r, LOAD_MS));
      load.close();
      inFlightAtKill.push(load.inFlight);
      await server.kill9();
      await load.settled();
      server = await start();
      expect(checkDatabase(databasePath, load.acknowledged), `after kill ${kill}`).toEqual([]);
      load.open();
    }
    await new Promise((r) => setTimeout(r, LOAD_MS));
    await load.stop();
    await server.stop();
    server = undefined;
    expect(checkDatabase(databasePath, load.acknowledged), "at the end").toEqual([]);

    // The crashes hit requests in flight, and the load did real work between them.
    expect(inFlightAtKill.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const { reserves, ends, cancels, topUps } = load.acknowledged;
    const done = {
      reserves: reserves.length,
      keyed: reserves.filter((r) => r.idempotencyKey).length,
      ends: ends.length,
      overrides: ends.filter((e) => e.byStaff).length,
      cancels: cancels.length,
      topUps: topUps.length,
      broken: load.count("network"),
    };
    console.info("crash test:", done, "in flight at each kill:", inFlightAtKill);
    console.info("rows:", tableCounts(databasePath));
    expect(done.reserves).toBeGreaterThanOrEqual(30);
    expect(done.keyed).toBeGreaterThan(0);
    expect(done.ends).toBeGreaterThan(0);
    expect(done.topUps).toBeGreaterThanOrEqual(10);
    expect([...load.statuses].filter(([status]) => status.startsWith("5"))).toEqual([]);
  });
});
