// A driver with too little money is told so in words, with a way to top up that works.
import { describe, expect, test } from "vitest";
import { gotoAndSettle } from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

describe("wallet", () => {
  test("insufficient funds: the message and the way to top up", async () => {
    const s = session();
    const context = await s.newContext();
    const username = `broke_${Date.now().toString(36)}`;
    const registered = await context.request.post("/api/auth/register", {
      data: { username, email: `${username}@example.test`, password: "parking-demo" },
    });
    expect(registered.status()).toBe(201);
    const page = await context.newPage();
    await gotoAndSettle(page, "/slots");
    expect(await page.getByTestId("header-balance").textContent()).toContain("$0.00");

    await page
      .getByTestId("slot-result")
      .first()
      .getByRole("button", { name: /Reserve/ })
      .click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Duration (hours)").fill("1");
    // The dialog warns before paying; the server refuses with 402 if confirmed anyway.
    await dialog.getByText(/more than your wallet holds/).waitFor();
    s.allow(/status of 402/);
    await dialog.getByRole("button", { name: /Confirm and pay/ }).click();
    const error = dialog.getByTestId("reserve-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("Your wallet does not have enough money");

    await error.getByRole("link", { name: "Top up your wallet" }).click();
    await page.waitForURL(/\/account/);
    const amount = page.getByLabel("Amount ($)");
    expect(Number(await amount.inputValue())).toBeGreaterThan(0);
    await amount.fill("20");
    await page.getByRole("button", { name: "Add $20.00" }).click();
    await page.getByTestId("top-up-success").waitFor();
    await expect.poll(() => page.getByTestId("account-balance").textContent()).toBe("$20.00");
    await expect.poll(() => page.getByTestId("header-balance").textContent()).toContain("$20.00");
    await expect.poll(() => page.getByText("Top-up").count()).toBeGreaterThan(0);
  });
});
