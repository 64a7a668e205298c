// Every page, as a visitor, a driver and staff: no console errors, no serious or critical
// axe-core violations, and no horizontal scroll at phone and desktop widths.
import { describe, test } from "vitest";
import {
  DESKTOP,
  PHONE,
  assertAccessible,
  assertNoHorizontalScroll,
  gotoAndSettle,
} from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

const PAGES: { user?: string; paths: string[] }[] = [
  // /api/docs: the API's document for people, under its own script-free policy.
  { paths: ["/", "/slots", "/login", "/register", "/no-such-page", "/api/docs"] },
  {
    user: "alice",
    paths: ["/", "/slots", "/reservations", "/account", "/users", "/analytics", "/audit", "/gate"],
  },
  {
    user: "staff",
    paths: [
      "/",
      "/slots",
      "/reservations",
      "/users",
      "/account",
      "/analytics",
      "/audit",
      "/gate",
      "/gate?location=city-centre",
    ],
  },
];

describe.each(PAGES)("pages as $user", ({ user, paths }) => {
  test.each(paths)("%s is accessible and fits 375 and 1440 px", async (path) => {
    // The not-found page answers 404, which the browser logs as a failed load.
    if (path === "/no-such-page") session().allow(/status of 404/);
    const page = await session().newPage({ user, viewport: DESKTOP });
    await gotoAndSettle(page, path);
    await assertAccessible(page);
    await assertNoHorizontalScroll(page, DESKTOP);
    await assertNoHorizontalScroll(page, PHONE);
    await assertAccessible(page);
  });
});

describe("dialogs", () => {
  test("the reserve dialog traps focus, closes on Esc and is accessible", async () => {
    const page = await session().newPage({ user: "bob", viewport: PHONE });
    await gotoAndSettle(page, "/slots");
    const opener = page
      .getByTestId("slot-result")
      .first()
      .getByRole("button", { name: /Reserve/ });
    await opener.click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await assertAccessible(page);
    await assertNoHorizontalScroll(page, PHONE);
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      const inside = await page.evaluate(() => document.activeElement?.closest("dialog") !== null);
      if (!inside) throw new Error(`focus left the dialog after ${i + 1} Tab presses`);
    }
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    const focusedName = await page.evaluate(() =>
      document.activeElement?.getAttribute("aria-label"),
    );
    if (!focusedName?.startsWith("Reserve slot")) {
      throw new Error(`focus did not return to the opener (now on ${focusedName})`);
    }
  });
});
