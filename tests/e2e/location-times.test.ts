// Times in the garage's time zone, labelled; the chosen location scopes the staff
// reservations and the analytics. Expected times are worked out here with Intl directly, not
// with the app's formatter.
import { describe, expect, test } from "vitest";
import type { APIRequestContext, Page } from "playwright-core";
import {
  PHONE,
  assertAccessible,
  assertNoHorizontalScroll,
  gotoAndSettle,
  signInApi,
} from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

type Location = { id: number; slug: string; name: string; timeZone: string; totalSlots: number };
type Reservation = { id: number; startTime: string; endTime: string; locationId: number };

async function allLocations(request: APIRequestContext): Promise<Location[]> {
  return ((await (await request.get("/api/locations")).json()) as { locations: Location[] })
    .locations;
}

async function locationBySlug(request: APIRequestContext, slug: string): Promise<Location> {
  const locations = await allLocations(request);
  const location = locations.find((l) => l.slug === slug);
  if (!location) throw new Error(`no location ${slug}`);
  return location;
}

/**
 * "14:30 EST": the wall-clock time at `iso` in `timeZone` and its abbreviation in `locale`
 * (en-US names New York's zone, en-GB London's).
 */
function wallClock(iso: string, timeZone: string, locale = "en-US"): string {
  const parts = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("hour")}:${part("minute")} ${part("timeZoneName")}`;
}

async function rowLocations(page: Page): Promise<string[]> {
  return page
    .getByTestId("reservation-row")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-location-id") ?? ""));
}

describe("times and the chosen location", () => {
  test("a reservation at a New York garage shows its times in New York's zone", async () => {
    const context = await session().newContext();
    const username = `nyc_${Date.now().toString(36)}`;
    const registered = await context.request.post("/api/auth/register", {
      data: { username, email: `${username}@example.test`, password: "parking-demo" },
    });
    expect(registered.status()).toBe(201);
    expect(
      (await context.request.post("/api/add-balance", { data: { amountCents: 10_000 } })).status(),
    ).toBe(200);
    const mall = await locationBySlug(context.request, "riverside-mall");
    expect(mall.timeZone).toBe("America/New_York");
    const { slots } = (await (
      await context.request.get(`/api/slots?locationId=${mall.id}&limit=1`)
    ).json()) as { slots: { id: number }[] };
    const reserved = await context.request.post("/api/reserve", {
      data: { slotId: slots[0]!.id, durationHours: 2 },
    });
    expect(reserved.status()).toBe(201);
    const { reservation } = (await reserved.json()) as { reservation: Reservation };
    expect(reservation.locationId).toBe(mall.id);

    const page = await context.newPage();
    await gotoAndSettle(page, "/reservations");
    const row = page.locator(`[data-testid="reservation-row"][data-location-id="${mall.id}"]`);
    const times = row.first().locator("time");
    expect(await times.nth(0).getAttribute("dateTime")).toBe(reservation.startTime);
    const start = wallClock(reservation.startTime, "America/New_York");
    const end = wallClock(reservation.endTime, "America/New_York");
    expect(start).toMatch(/ E[SD]T$/);
    expect(await times.nth(0).textContent()).toContain(start);
    expect(await times.nth(1).textContent()).toContain(end);
    // The dashboard's running reservation says the same.
    await gotoAndSettle(page, "/");
    expect(await page.getByTestId("active-reservation").locator("time").textContent()).toContain(
      end,
    );
    await assertAccessible(page);
    await assertNoHorizontalScroll(page, PHONE);
  });

  test("the dashboard's counts are the chosen garage's, else the network's", async () => {
    const context = await session().newContext();
    await signInApi(context, "staff");
    const locations = await allLocations(context.request);
    const mall = locations.find((l) => l.slug === "riverside-mall")!;
    const page = await context.newPage();
    await gotoAndSettle(page, "/?location=");
    const total = page.getByTestId("card-total").locator("dd");
    expect(await total.textContent()).toBe(
      String(locations.reduce((sum, l) => sum + l.totalSlots, 0)),
    );
    await page.getByLabel("Garage", { exact: true }).selectOption({ label: mall.name });
    await page.waitForURL(/\?location=riverside-mall/);
    await expect.poll(() => total.textContent()).toBe(String(mall.totalSlots));
    expect(await page.getByTestId("scope-note").textContent()).toBe(`At ${mall.name}`);
  });

  test("the picker scopes the staff reservations to one garage", async () => {
    const context = await session().newContext();
    await signInApi(context, "staff");
    const [city, mall] = await Promise.all([
      locationBySlug(context.request, "city-centre"),
      locationBySlug(context.request, "riverside-mall"),
    ]);
    const total = async (query: string) =>
      (
        (await (await context.request.get(`/api/reservations?limit=1${query}`)).json()) as {
          total: number;
        }
      ).total;
    const status = (page: Page) =>
      page.getByRole("status").filter({ hasText: "reservation" }).textContent();
    const page = await context.newPage();
    await gotoAndSettle(page, "/reservations?location=");
    const everywhere = await total("");
    expect(await status(page)).toContain(`${everywhere} reservation`);
    expect(await page.getByTestId("scope-note").textContent()).toBe("All garages");

    await page.getByLabel("Garage", { exact: true }).selectOption({ label: mall.name });
    await page.waitForURL(/\/reservations\?location=riverside-mall/);
    await expect
      .poll(async () => [...new Set(await rowLocations(page))])
      .toEqual([String(mall.id)]);
    const atMall = await total(`&locationId=${mall.id}`);
    expect(atMall).toBeLessThan(everywhere);
    await expect.poll(() => status(page)).toContain(`${atMall} reservation`);
    expect(await page.getByTestId("scope-note").textContent()).toBe(`At ${mall.name}`);

    // A filter keeps the garage; every time on a London garage's rows says GMT or BST.
    await gotoAndSettle(page, "/reservations?location=city-centre");
    await page.getByLabel("Status").selectOption({ label: "Completed" });
    await page.waitForURL(/status=completed/);
    expect(new URL(page.url()).searchParams.get("location")).toBe("city-centre");
    await expect
      .poll(async () => [...new Set(await rowLocations(page))])
      .toEqual([String(city.id)]);
    const labels = await page
      .getByTestId("reservation-row")
      .locator("time")
      .evaluateAll((times) => times.map((t) => t.textContent ?? ""));
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toMatch(/\d{2}:\d{2} (GMT|BST)$/);
    await assertAccessible(page);
    await assertNoHorizontalScroll(page, PHONE);
  });

  test("analytics of one garage are in its time zone, the network's in UTC", async () => {
    const context = await session().newContext();
    await signInApi(context, "staff");
    const city = await locationBySlug(context.request, "city-centre");
    const page = await context.newPage();
    await gotoAndSettle(page, "/analytics?days=7&location=");
    expect(await page.getByTestId("analytics-range").textContent()).toContain("(UTC)");
    expect(await page.getByTestId("kpi-peak").locator("dt").textContent()).toBe(
      "Busiest hour (UTC)",
    );

    await page.getByLabel("Garage", { exact: true }).selectOption({ label: city.name });
    await page.waitForURL(/\/analytics\?.*location=city-centre/);
    const range = page.getByTestId("analytics-range");
    await expect.poll(() => range.textContent()).toContain("Europe/London");
    const api = (await (
      await context.request.get(`/api/analytics?days=7&locationId=${city.id}`)
    ).json()) as {
      range: { timeZone: string; from: string; to: string };
      revenue: { totalCents: number };
      peakHours: { hour: number }[];
    };
    expect(api.range.timeZone).toBe("Europe/London");
    const zoneAt = (iso: string) => wallClock(iso, "Europe/London", "en-GB").split(" ")[1]!;
    const zoneNow = zoneAt(api.range.to);
    expect(await range.textContent()).toContain(`Europe/London, now ${zoneNow}`);
    expect(await page.getByTestId("kpi-peak").locator("dt").textContent()).toMatch(
      /^Busiest hour \((GMT|BST|BST\/GMT|GMT\/BST)\)$/,
    );
    // The page shows this garage's numbers, the hours local ones.
    await expect
      .poll(() => page.getByTestId("kpi-revenue").locator("dd").textContent())
      .toBe(
        new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(
          api.revenue.totalCents / 100,
        ),
      );
    expect(await page.getByTestId("kpi-peak").locator("dd").textContent()).toBe(
      `${String(api.peakHours[0]!.hour).padStart(2, "0")}:00`,
    );
    // The range links keep the garage.
    await page.getByRole("link", { name: "90 days" }).click();
    await page.waitForURL(/days=90/);
    expect(new URL(page.url()).searchParams.get("location")).toBe("city-centre");
    // Hours of the day over 90 days are labelled with every abbreviation the zone used then
    // (both, when the range crosses a clock change).
    const quarter = (await (
      await context.request.get(`/api/analytics?days=90&locationId=${city.id}`)
    ).json()) as { range: { from: string; to: string } };
    const [first, last] = [zoneAt(quarter.range.from), zoneAt(quarter.range.to)];
    await expect
      .poll(() => page.getByTestId("kpi-peak").locator("dt").textContent())
      .toBe(`Busiest hour (${first === last ? first : `${first}/${last}`})`);
    await assertAccessible(page);
    await assertNoHorizontalScroll(page, PHONE);
  });
});
