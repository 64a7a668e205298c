// Live update: the dashboard open in one context shows a reservation made through the API
// in another within 6 s, without a reload.
import { describe, expect, test } from "vitest";
import { gotoAndSettle, signInApi } from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

describe("live dashboard", () => {
  test("a slot reserved through the API turns occupied within 6 s", async () => {
    const api = await session().newContext();
    await signInApi(api, "bob");
    const free = await api.request.get("/api/slots?type=regular&limit=1");
    const [slot] = (await free.json()).slots as { id: number; floor: number; locationId: number }[];
    if (!slot) throw new Error("no free regular slot in the seed");
    const { locations } = (await (await api.request.get("/api/locations")).json()) as {
      locations: { id: number; slug: string }[];
    };
    const garage = locations.find((location) => location.id === slot.locationId)!.slug;

    // The floor map shows one garage's floor at a time: the slot's.
    const viewer = await session().newPage();
    await gotoAndSettle(viewer, `/?location=${garage}&floor=${slot.floor}`);
    const tile = viewer.locator(`[data-slot-id="${slot.id}"]`);
    expect(await tile.getAttribute("data-status")).toBe("available");
    await viewer.evaluate(() => {
      (window as unknown as { markBeforeReload: boolean }).markBeforeReload = true;
    });

    const reserved = await api.request.post("/api/reserve", {
      data: { slotId: slot.id, durationHours: 1 },
    });
    expect(reserved.status()).toBe(201);
    const started = Date.now();
    await tile.and(viewer.locator('[data-status="occupied"]')).waitFor({ timeout: 6000 });
    expect(Date.now() - started).toBeLessThan(6000);
    // Same document: no reload happened.
    expect(
      await viewer.evaluate(
        () => (window as unknown as { markBeforeReload?: boolean }).markBeforeReload,
      ),
    ).toBe(true);

    const { reservation } = await reserved.json();
    const ended = await api.request.post("/api/end-reservation", {
      data: { reservationId: reservation.id },
    });
    expect(ended.status()).toBe(200);
    await tile.and(viewer.locator('[data-status="available"]')).waitFor({ timeout: 6000 });
  });

  test("the floor map shows one floor at a time, chosen by link, and is sent only what it reads", async () => {
    const page = await session().newPage();
    await gotoAndSettle(page, "/");
    // What the page sends for the tiles: no prices (components/data/map-slots.ts).
    expect(await (await page.request.get("/")).text()).not.toContain("pricePerHourCents");
    const floors = page.getByRole("navigation", { name: "Floors" });
    const tileNumbers = () =>
      page
        .locator("[data-slot-number]")
        .evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute("data-slot-number")));
    // The lowest floor first: every tile is one of its slots.
    await expect(
      floors.getByRole("link", { name: /Floor 1/ }).getAttribute("aria-current"),
    ).resolves.toBe("page");
    const first = await tileNumbers();
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((n) => n?.startsWith("1-"))).toBe(true);

    await floors.getByRole("link", { name: /Floor 2/ }).click();
    await page.waitForURL(/[?&]floor=2$/);
    await expect
      .poll(async () => (await tileNumbers()).every((n) => n?.startsWith("2-")))
      .toBe(true);
    expect((await tileNumbers()).length).toBeGreaterThan(0);
    expect(await floors.getByRole("link", { name: /Floor 2/ }).getAttribute("aria-current")).toBe(
      "page",
    );
    expect(
      await floors.getByRole("link", { name: /Floor 1/ }).getAttribute("aria-current"),
    ).toBeNull();
  });

  test("in the network view the floor links count the map's garage, live, and the page sends no zone rows", async () => {
    const page = await session().newPage();
    await gotoAndSettle(page, "/");
    await page.getByRole("heading", { name: "Free by garage" }).waitFor();
    // What the page sends: per-garage rows, not the network's floor and zone rows.
    expect(await (await page.request.get("/")).text()).not.toContain("byZone");

    const mapHeading = (await page.locator("#floor-map-floor").textContent()) ?? "";
    const garageName = mapHeading.slice(0, mapHeading.lastIndexOf(", floor "));
    const api = await session().newContext();
    await signInApi(api, "bob");
    const { locations } = (await (await api.request.get("/api/locations")).json()) as {
      locations: { id: number; name: string }[];
    };
    const garage = locations.find((location) => location.name === garageName)!;
    const free = await api.request.get(
      `/api/slots?locationId=${garage.id}&floor=1&type=regular&limit=1`,
    );
    const [slot] = (await free.json()).slots as { id: number }[];
    const floorOne = page
      .getByRole("navigation", { name: "Floors" })
      .locator('a[href$="&floor=1"] span');
    const freeOnFloorOne = async () =>
      Number(/(\d+) free/.exec((await floorOne.textContent()) ?? "")?.[1]);
    const before = await freeOnFloorOne();

    const reserved = await api.request.post("/api/reserve", {
      data: { slotId: slot!.id, durationHours: 1 },
    });
    expect(reserved.status()).toBe(201);
    await expect.poll(freeOnFloorOne, { timeout: 6000 }).toBe(before - 1);
    const { reservation } = await reserved.json();
    await api.request.post("/api/end-reservation", { data: { reservationId: reservation.id } });
    await expect.poll(freeOnFloorOne, { timeout: 6000 }).toBe(before);
  });

  test("the live indicator shows recent updates", async () => {
    const page = await session().newPage();
    await gotoAndSettle(page, "/");
    const indicator = page.getByTestId("live-indicator");
    await expect.poll(() => indicator.getAttribute("data-state")).toBe("live");
    await expect.poll(() => indicator.textContent(), { timeout: 8000 }).toMatch(/updated/);
  });

  test("the live indicator warns when the server cannot be reached", async () => {
    const page = await session().newPage();
    await gotoAndSettle(page, "/");
    // Every /api request fails as if the server were down.
    session().allow(/Failed to load resource/);
    await page.route("**/api/**", (route) => route.abort("connectionrefused"));
    const indicator = page.getByTestId("live-indicator");
    await expect
      .poll(() => indicator.getAttribute("data-state"), { timeout: 15000 })
      .toBe("offline");
    await page.unroute("**/api/**");
    await expect.poll(() => indicator.getAttribute("data-state"), { timeout: 15000 }).toBe("live");
  });
});
