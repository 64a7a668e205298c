// /analytics in the browser: staff see every chart drawn (a non-empty canvas), the API's
// numbers on the page, the range in the URL, and no accessibility or layout failures on a
// phone; drivers are refused.
import { describe, expect, test } from "vitest";
import { PHONE, assertAccessible, assertNoHorizontalScroll, gotoAndSettle } from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

type Analytics = {
  revenue: { totalCents: number };
  utilization: { occupancyRate: number; byZone: { floor: number; zone: string }[] };
  peakHours: { hour: number }[];
};

const money = (cents: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

describe("analytics page", () => {
  test("staff see every chart drawn and the API's numbers", async () => {
    const page = await session().newPage({ user: "staff" });
    await gotoAndSettle(page, "/analytics?days=90");
    const charts = page.locator('[data-testid="chart"] canvas');
    expect(await charts.count()).toBe(4);
    // Every canvas has a size and at least one painted pixel.
    await expect
      .poll(() =>
        charts.evaluateAll((canvases) =>
          (canvases as HTMLCanvasElement[]).map((canvas) => {
            if (canvas.width === 0 || canvas.height === 0) return false;
            const ctx = canvas.getContext("2d")!;
            const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) return true;
            return false;
          }),
        ),
      )
      .toEqual([true, true, true, true]);

    const api = (await (await page.request.get("/api/analytics?days=90")).json()) as Analytics;
    // The heat map: a cell for every floor and zone of the API's occupancy by zone.
    const byZone = api.utilization.byZone;
    expect(await page.getByTestId("heat-cell").count()).toBe(
      new Set(byZone.map((z) => z.floor)).size * new Set(byZone.map((z) => z.zone)).size,
    );
    await expect
      .poll(() => page.getByTestId("kpi-revenue").locator("dd").textContent())
      .toBe(money(api.revenue.totalCents));
    expect(await page.getByTestId("kpi-occupancy").locator("dd").textContent()).toBe(
      `${(api.utilization.occupancyRate * 100).toFixed(1)}%`,
    );
    const peak = String(api.peakHours[0]!.hour).padStart(2, "0");
    expect(await page.getByTestId("kpi-peak").locator("dd").textContent()).toBe(`${peak}:00`);
    expect(await page.getByTestId("backtest").textContent()).toContain("Same hour last week");

    // The range lives in the URL.
    await page.getByRole("link", { name: "7 days" }).click();
    await page.waitForURL(/days=7/);
    const week = (await (await page.request.get("/api/analytics?days=7")).json()) as Analytics;
    await expect
      .poll(() => page.getByTestId("kpi-revenue").locator("dd").textContent())
      .toBe(money(week.revenue.totalCents));

    await assertAccessible(page);
    await assertNoHorizontalScroll(page, PHONE);
  });

  test("a driver opening /analytics is refused", async () => {
    const page = await session().newPage({ user: "alice" });
    await gotoAndSettle(page, "/analytics");
    expect(await page.getByTestId("forbidden").textContent()).toContain("staff account");
    expect(await page.locator("canvas").count()).toBe(0);
  });
});
