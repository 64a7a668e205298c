// The header's location picker: the choice goes into the URL, the navigation keeps it, a
// reload keeps it, and a page opened without it is sent to the URL carrying the
// remembered one.
import { describe, expect, test } from "vitest";
import { assertAccessible, gotoAndSettle, signInApi } from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

describe("location picker", () => {
  test("scopes the dashboard, survives navigation and a reload, and is remembered", async () => {
    const context = await session().newContext();
    await signInApi(context, "staff");
    const page = await context.newPage();
    await gotoAndSettle(page, "/");
    const picker = page.getByLabel("Garage", { exact: true });
    await picker.selectOption({ label: "Riverside Mall" });
    await page.waitForURL(/[?&]location=riverside-mall/);
    // The dashboard's floor map is the chosen garage's.
    await expect(
      page
        .getByRole("navigation", { name: "Garages" })
        .getByRole("link", { name: /Riverside Mall/ })
        .getAttribute("aria-current"),
    ).resolves.toBe("page");
    await assertAccessible(page);

    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Slots" })
      .click();
    await page.waitForURL(/\/slots\?location=riverside-mall/);
    await page.reload();
    expect(await page.getByLabel("Garage", { exact: true }).inputValue()).toBe("riverside-mall");

    // Opened without the parameter: sent to the address carrying the remembered choice.
    await gotoAndSettle(page, "/reservations");
    expect(new URL(page.url()).searchParams.get("location")).toBe("riverside-mall");

    // Choosing the whole network forgets it.
    await page.getByLabel("Garage", { exact: true }).selectOption({ label: "All garages" });
    await page.waitForURL(/[?&]location=(&|$)/);
    await gotoAndSettle(page, "/slots");
    expect(new URL(page.url()).searchParams.has("location")).toBe(false);
  });
});
