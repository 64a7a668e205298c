// The driver's side of a stay in the browser: on a running reservation's card, "Extend by
// 1 h — $x" (the quoted price) grows it by an hour and the card shows the new end; "Show
// pass" shows its QR code with the pass code to copy.
import { describe, expect, test } from "vitest";
import { gotoAndSettle } from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

describe("a running stay", () => {
  test("extend it by 1 h from its card and see the new end; open its pass and see a QR code", async () => {
    const s = session();
    const context = await s.newContext();
    const username = `stay_${Date.now().toString(36)}`;
    const registered = await context.request.post("/api/auth/register", {
      data: { username, email: `${username}@example.test`, password: "parking-demo" },
    });
    expect(registered.status()).toBe(201);
    expect(
      (await context.request.post("/api/add-balance", { data: { amountCents: 20_000 } })).status(),
    ).toBe(200);
    const slots = (await (
      await context.request.get("/api/slots?available=true&limit=50")
    ).json()) as { slots: { id: number; slotNumber: string }[] };
    // The last of the cheapest free slots: the least likely to be booked for the next hours.
    const slot = slots.slots.at(-1)!;
    const booked = await context.request.post("/api/reserve", {
      data: { slotId: slot.id, durationHours: 1 },
    });
    expect(booked.status()).toBe(201);
    const { reservation } = (await booked.json()) as {
      reservation: { id: number; endTime: string };
    };

    const page = await context.newPage();
    await gotoAndSettle(page, "/reservations");
    const row = page.locator(
      `[data-testid="reservation-row"][data-slot-number="${slot.slotNumber}"][data-status="active"]`,
    );
    await row.waitFor();
    expect(await row.textContent()).toContain("· 1 h ·");
    const extend = row.getByRole("button", {
      name: /^Extend the booking of slot .* by 1 hour for \$/,
    });
    await extend.waitFor();
    expect(await extend.textContent()).toMatch(/^Extend by 1 h — \$\d+\.\d{2}$/);
    await extend.click();
    await expect.poll(async () => row.textContent()).toContain("· 2 h ·");
    const after = (await (await context.request.get("/api/reservations?status=active")).json()) as {
      reservations: { id: number; endTime: string }[];
    };
    const grown = after.reservations.find((r) => r.id === reservation.id)!;
    expect(new Date(grown.endTime).getTime() - new Date(reservation.endTime).getTime()).toBe(
      3_600_000,
    );

    await row.getByRole("button", { name: `Show the pass for slot ${slot.slotNumber}` }).click();
    const qr = row.getByRole("img", { name: `QR pass for the booking of slot ${slot.slotNumber}` });
    await qr.waitFor();
    expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    const code = row.getByLabel("Pass code to copy");
    expect(await code.inputValue()).toMatch(new RegExp(`^rp_${reservation.id}\\.`));

    // Give the slot back for the tests after this one.
    expect(
      (
        await context.request.post("/api/end-reservation", {
          data: { reservationId: reservation.id },
        })
      ).status(),
    ).toBe(200);
  });
});
