// A driver's own top-up on the account page with the demo provider: the money is labelled
// demo money, credited at once, and the top-up is listed with its state and reference.
import { describe, expect, test } from "vitest";
import { gotoAndSettle } from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

describe("top-ups", () => {
  test("demo money: labelled, credited, and listed with state and reference", async () => {
    const s = session();
    const context = await s.newContext();
    const username = `topup_${Date.now().toString(36)}`;
    const registered = await context.request.post("/api/auth/register", {
      data: { username, email: `${username}@example.test`, password: "parking-demo" },
    });
    expect(registered.status()).toBe(201);
    const page = await context.newPage();
    await gotoAndSettle(page, "/account");
    expect(await page.getByTestId("demo-money-note").textContent()).toContain("Demo money");
    expect(await page.getByRole("list", { name: "Top-ups" }).count()).toBe(0);

    await page.getByLabel("Amount ($)").fill("15");
    await page.getByRole("button", { name: "Add $15.00" }).click();
    const success = page.getByTestId("top-up-success");
    await success.waitFor();
    expect(await success.textContent()).toContain("Added $15.00 of demo money");
    await expect.poll(() => page.getByTestId("account-balance").textContent()).toBe("$15.00");

    const row = page.getByTestId("top-up-row");
    await expect.poll(() => row.count()).toBe(1);
    const text = await row.textContent();
    expect(text).toContain("$15.00");
    expect(text).toContain("demo money");
    expect(text).toContain("Paid");
    expect(text).toMatch(/Reference demo_\d+/);
  });
});
