// A driver signs in, filters slots, reserves one, sees the charge in the header, ends it.
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { SLOT_TYPE_LABEL } from "@/components/data/format";
import { PASSWORD, gotoAndSettle } from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

function cents(text: string | null): number {
  const match = /\$([\d,]+)\.(\d{2})/.exec(text ?? "");
  if (!match) throw new Error(`no amount in ${JSON.stringify(text)}`);
  return Number(match[1]!.replace(/,/g, "")) * 100 + Number(match[2]);
}

type FreeSlot = { floor: number; type: keyof typeof SLOT_TYPE_LABEL; slotNumber: string };

/**
 * A slot free now, preferring an EV one: which slots the seed leaves occupied depends on
 * the time of day it ran, so the filters are chosen from what is free.
 */
async function aFreeSlot(page: Page): Promise<FreeSlot> {
  const response = await page.request.get("/api/slots?limit=500");
  const { slots } = (await response.json()) as { slots: FreeSlot[] };
  const slot = slots.find((s) => s.type === "electric") ?? slots[0];
  if (!slot) throw new Error("the demo garage has no free slot");
  return slot;
}

describe("driver", () => {
  test("signs in, filters, reserves, sees the charge in the header, and ends it", async () => {
    const page = await session().newPage();
    await gotoAndSettle(page, "/login?next=/slots");
    await page.getByLabel("Username").fill("alice");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/slots");
    await expect.poll(() => page.getByTestId("header-username").textContent()).toBe("alice");
    const before = cents(await page.getByTestId("header-balance").textContent());

    // Filter by a free slot's floor and type. The URL keeps the filter.
    const { floor, type } = await aFreeSlot(page);
    await page.getByLabel("Floor").selectOption(String(floor));
    await page.waitForURL(new RegExp(`floor=${floor}`));
    await page.getByLabel("Type").selectOption(type);
    await page.waitForURL(new RegExp(`floor=${floor}.*type=${type}|type=${type}.*floor=${floor}`));
    const results = page.getByTestId("slot-result");
    // Every result is on that floor and of that type, once the list shows the new filter.
    await expect
      .poll(async () => {
        const rows = await results.evaluateAll((items) =>
          items.map((item) => ({
            number: item.getAttribute("data-slot-number") ?? "",
            text: item.textContent ?? "",
          })),
        );
        return (
          rows.length > 0 &&
          rows.every(
            (row) => row.number.startsWith(`${floor}-`) && row.text.includes(SLOT_TYPE_LABEL[type]),
          )
        );
      })
      .toBe(true);

    // The filtered view survives a reload.
    await page.reload();
    await expect(page.getByLabel("Type").inputValue()).resolves.toBe(type);

    const slotNumber = await results.first().getAttribute("data-slot-number");
    const locationId = Number(await results.first().getAttribute("data-location-id"));
    await results
      .first()
      .getByRole("button", { name: /Reserve/ })
      .click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Duration (hours)").fill("3");
    const price = cents(await dialog.getByTestId("reserve-price").textContent());
    expect(cents(await dialog.getByTestId("reserve-after").textContent())).toBe(before - price);
    await dialog.getByRole("button", { name: /Confirm and pay/ }).click();
    await dialog.getByTestId("reserve-success").waitFor();

    // The header shows the charge.
    await expect
      .poll(async () => cents(await page.getByTestId("header-balance").textContent()))
      .toBe(before - price);
    await dialog.getByRole("button", { name: "Done" }).click();

    // The dashboard shows it running, with a countdown; end it there.
    await page.getByRole("link", { name: "Dashboard" }).click();
    const active = page.getByTestId("active-reservation");
    await expect.poll(() => active.textContent()).toContain(`Slot ${slotNumber}`);
    await expect.poll(() => active.getByTestId("countdown").textContent()).toMatch(/left$/);
    await active.getByRole("button", { name: new RegExp(`^End now.*slot ${slotNumber}$`) }).click();
    await expect.poll(() => page.getByTestId("active-reservation").count()).toBe(0);
    // The floor map shows the slot free again on its garage's floor.
    const { locations } = (await (await page.request.get("/api/locations")).json()) as {
      locations: { id: number; name: string }[];
    };
    const garage = locations.find((location) => location.id === locationId)!.name;
    await page
      .getByRole("navigation", { name: "Garages" })
      .getByRole("link", { name: garage })
      .click();
    await page.waitForURL(/[?&]location=/);
    await page
      .getByRole("navigation", { name: "Floors" })
      .getByRole("link", { name: new RegExp(`Floor ${floor}\\b`) })
      .click();
    await expect
      .poll(() =>
        page.locator(`[data-slot-number="${slotNumber}"]`).first().getAttribute("data-status"),
      )
      .toBe("available");

    // It is history now.
    await gotoAndSettle(page, "/reservations");
    const row = page.locator(`[data-testid="reservation-row"][data-slot-number="${slotNumber}"]`);
    await expect.poll(() => row.first().getAttribute("data-status")).toBe("completed");
  });

  test("an anonymous visitor is sent to sign in when reserving", async () => {
    const page = await session().newPage();
    const { type } = await aFreeSlot(page);
    await gotoAndSettle(page, `/slots?type=${type}`);
    await page
      .getByTestId("slot-result")
      .first()
      .getByRole("button", { name: /Reserve/ })
      .click();
    await page.waitForURL(/\/login\?next=/);
    expect(decodeURIComponent(new URL(page.url()).searchParams.get("next") ?? "")).toBe(
      `/slots?type=${type}`,
    );
  });
});
