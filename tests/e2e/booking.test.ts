// Booking ahead in the browser: book a slot at the New York garage for 10:00 its time (the
// picker takes the garage's local time, whatever the browser's zone), see it under
// Upcoming, cancel it, and see the refund in the wallet and its ledger.
import { describe, expect, test } from "vitest";
import { gotoAndSettle } from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

function cents(text: string | null): number {
  const match = /\$([\d,]+)\.(\d{2})/.exec(text ?? "");
  if (!match) throw new Error(`no amount in ${JSON.stringify(text)}`);
  return Number(match[1]!.replace(/,/g, "")) * 100 + Number(match[2]);
}

/** The day after tomorrow (UTC) at 10:00, as a datetime-local value: a wall time anywhere. */
function dayAfterTomorrowAtTen(): string {
  return `${new Date(Date.now() + 48 * 3_600_000).toISOString().slice(0, 10)}T10:00`;
}

describe("booking ahead", () => {
  test("book for 10:00 New York time, see it under upcoming, cancel, see the refund in the wallet", async () => {
    const s = session();
    const context = await s.newContext();
    const username = `ahead_${Date.now().toString(36)}`;
    const registered = await context.request.post("/api/auth/register", {
      data: { username, email: `${username}@example.test`, password: "parking-demo" },
    });
    expect(registered.status()).toBe(201);
    const topUp = await context.request.post("/api/add-balance", { data: { amountCents: 5_000 } });
    expect(topUp.status()).toBe(200);
    const page = await context.newPage();

    await gotoAndSettle(page, "/slots?location=riverside-mall");
    const first = page.getByTestId("slot-result").first();
    const slotNumber = await first.getAttribute("data-slot-number");
    await first.getByRole("button", { name: /Reserve/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Ending a reservation early refunds nothing").waitFor();
    await dialog.getByLabel("Later").check();
    await dialog.getByLabel("Start time").fill(dayAfterTomorrowAtTen());
    await dialog.getByLabel("Duration (hours)").fill("2");
    const confirm = dialog.getByRole("button", { name: /Confirm and pay/ });
    await confirm.waitFor();
    const price = cents(await confirm.textContent());
    expect(price).toBeGreaterThan(0);
    await confirm.click();
    const success = dialog.getByTestId("reserve-success");
    await success.waitFor();
    const booked = await success.textContent();
    expect(booked, booked ?? "").toMatch(/Booked from .*10:00 E[SD]T until .*12:00 E[SD]T/);
    await expect
      .poll(async () => cents(await page.getByTestId("header-balance").textContent()))
      .toBe(5_000 - price);
    await dialog.getByRole("link", { name: "See my reservations" }).click();
    await page.waitForURL(/\/reservations(\?|$)/);

    const upcoming = page.getByRole("list", { name: "Upcoming reservations" });
    const row = upcoming.locator(
      `[data-testid="reservation-row"][data-slot-number="${slotNumber}"]`,
    );
    await expect.poll(() => row.getAttribute("data-status")).toBe("upcoming");
    await row.getByRole("button", { name: `Cancel booking of slot ${slotNumber}` }).click();
    await row
      .getByRole("button", { name: `Cancel and refund the booking of slot ${slotNumber}` })
      .click();

    // It moves to history, cancelled and refunded; the header shows the money back.
    const past = page
      .getByRole("list", { name: "Past reservations" })
      .locator(`[data-testid="reservation-row"][data-slot-number="${slotNumber}"]`);
    await expect.poll(() => past.first().getAttribute("data-status")).toBe("cancelled");
    expect(await past.first().textContent()).toContain("(refunded)");
    await expect
      .poll(async () => cents(await page.getByTestId("header-balance").textContent()))
      .toBe(5_000);

    await gotoAndSettle(page, "/account");
    expect(cents(await page.getByTestId("account-balance").textContent())).toBe(5_000);
    await expect.poll(() => page.getByText("Refund", { exact: true }).count()).toBeGreaterThan(0);
  });
});
