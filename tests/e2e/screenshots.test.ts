// Screenshots of every page at desktop and phone width, written to docs/screenshots/ when
// UPDATE_SCREENSHOTS=1 (`npm run screenshots`, after `npm run build`). Skipped otherwise.
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "vitest";
import { DESKTOP, PHONE, gotoAndSettle } from "./browser";
import { setupBrowser } from "./setup";

const enabled = process.env.UPDATE_SCREENSHOTS === "1";
const outDir = path.resolve(import.meta.dirname, "../../docs/screenshots");

const SHOTS: { name: string; path: string; user?: string }[] = [
  { name: "dashboard", path: "/", user: "alice" },
  { name: "slots", path: "/slots?floor=1", user: "alice" },
  { name: "reservations", path: "/reservations", user: "alice" },
  { name: "account", path: "/account", user: "alice" },
  { name: "login", path: "/login" },
  { name: "register", path: "/register" },
  { name: "users", path: "/users", user: "staff" },
  { name: "staff-reservations", path: "/reservations", user: "staff" },
  { name: "analytics", path: "/analytics?days=30", user: "staff" },
  { name: "staff-slots", path: "/slots?location=city-centre", user: "staff" },
  { name: "admin-overview", path: "/admin", user: "admin" },
  { name: "admin-locations", path: "/admin/locations", user: "admin" },
  { name: "gate", path: "/gate?location=city-centre", user: "staff" },
  { name: "admin-gate-keys", path: "/admin/locations/city-centre/gate-keys", user: "admin" },
];

const { session } = setupBrowser();

describe.skipIf(!enabled)("screenshots", () => {
  test("a running reservation, so the dashboard shows the countdown", async () => {
    fs.mkdirSync(outDir, { recursive: true });
    const setup = await session().newContext();
    const login = await setup.request.post("/api/auth/login", {
      data: { username: "alice", password: "parking-demo" },
    });
    if (login.status() !== 200) throw new Error("alice cannot sign in");
    const active = await setup.request.get("/api/reservations?status=active");
    if ((await active.json()).total === 0) {
      const free = await (await setup.request.get("/api/slots?floor=1&limit=1")).json();
      await setup.request.post("/api/reserve", {
        data: { slotId: free.slots[0].id, durationHours: 2 },
      });
    }
  });

  test("some gate activity at City Centre, so the gate log and its keys page show entries", async () => {
    const admin = await session().newContext();
    const api = admin.request;
    const login = await api.post("/api/auth/login", {
      data: { username: "admin", password: "parking-demo" },
    });
    if (login.status() !== 200) throw new Error("admin cannot sign in");
    const { locations } = (await (await api.get("/api/locations")).json()) as {
      locations: { id: number; slug: string }[];
    };
    const cityCentre = locations.find((l) => l.slug === "city-centre");
    if (!cityCentre) throw new Error("no city-centre garage");
    const created = await api.post("/api/gate/keys", {
      data: { locationId: cityCentre.id, label: "Entrance barrier" },
    });
    if (created.status() !== 201) throw new Error(`gate key: ${created.status()}`);
    const { key } = (await created.json()) as { key: string };
    const events: [string, string][] = [
      ["ALICE1", "in"], // alice, with her running reservation
      ["XY12345", "in"], // nobody's plate, and no free hour to sell it: refused
      ["XY12345", "out"],
    ];
    for (const [i, [plate, direction]] of events.entries()) {
      await api.post("/api/gate/events", {
        headers: { Authorization: `Bearer ${key}` },
        data: { eventId: `screenshot-${Date.now()}-${i}`, plate, direction },
      });
    }
    await api.post("/api/gate/open", {
      data: { locationId: cityCentre.id, direction: "in", reason: "Delivery van, driver called" },
    });
  });

  test.each(SHOTS)("$name at desktop and phone width", async (shot) => {
    for (const [suffix, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      const page = await session().newPage({ user: shot.user, viewport });
      await gotoAndSettle(page, shot.path);
      await page.screenshot({
        path: path.join(outDir, `${shot.name}-${suffix}.png`),
        fullPage: true,
      });
      await page.close();
    }
  });

  test("the reserve dialog, open", async () => {
    const page = await session().newPage({ user: "bob", viewport: DESKTOP });
    await gotoAndSettle(page, "/slots");
    await page
      .getByTestId("slot-result")
      .first()
      .getByRole("button", { name: /Reserve/ })
      .click();
    await page.getByRole("dialog").waitFor();
    await page.screenshot({ path: path.join(outDir, "reserve-dialog-desktop.png") });
  });
});
