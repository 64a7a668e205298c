// Live update: the dashboard open in one context shows a reservation made through the API
// in another within 6 s, without a reload.
import { describe, expect, test } from "vitest";
import { gotoAndSettle, signInApi } from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

describe("live dashboard", () => {
  test("a slot reserved through the API turns occupied within 6 s", async () => {
    const viewer = await session().newPage();
    await gotoAndSettle(viewer, "/");

    const api = await session().newContext();
    await signInApi(api, "bob");
    const free = await api.request.get("/api/slots?type=regular&limit=1");
    const [slot] = (await free.json()).slots as { id: number; slotNumber: string }[];
    if (!slot) throw new Error("no free regular slot in the seed");
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
