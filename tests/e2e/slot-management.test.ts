// Staff slot management at network scale on /slots: finding one slot among many pages by
// its number, taking a zone out of service with a reason drivers then see (in the search
// and on the floor map) and putting it back, and a staff user assigned to one garage, whom
// the page offers no change elsewhere and the API refuses.
import { describe, expect, test } from "vitest";
import type { APIRequestContext, Locator, Page } from "playwright-core";
import {
  DESKTOP,
  PASSWORD,
  PHONE,
  assertAccessible,
  assertNoHorizontalScroll,
  gotoAndSettle,
} from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

type Location = { id: number; slug: string; name: string };
type Slot = { id: number; slotNumber: string; locationId: number };

async function locations(api: APIRequestContext): Promise<Location[]> {
  const response = await api.get("/api/locations");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { locations: Location[] }).locations;
}

async function location(api: APIRequestContext, slug: string): Promise<Location> {
  const found = (await locations(api)).find((each) => each.slug === slug);
  if (!found) throw new Error(`no location ${slug} in the demo seed`);
  return found;
}

/** The slot numbers shown on the page now. */
function shownNumbers(page: Page): Promise<string[]> {
  return page
    .getByTestId("slot-result")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-slot-number") ?? ""));
}

/** Each result's state in words (its icon left out). */
function stateTexts(page: Page | Locator): Promise<string[]> {
  return page.getByTestId("slot-state").evaluateAll((badges) =>
    badges.map((badge) =>
      [...badge.childNodes]
        .filter((node) => !(node instanceof HTMLElement && node.ariaHidden === "true"))
        .map((node) => node.textContent)
        .join(""),
    ),
  );
}

async function assertFits(page: Page): Promise<void> {
  await assertAccessible(page);
  await assertNoHorizontalScroll(page, PHONE);
  await assertAccessible(page);
  await assertNoHorizontalScroll(page, DESKTOP);
}

// The zone this file closes (and puts back in service whatever happens to the test).
const CLOSED = { slug: "city-centre", floor: 1, zone: "B" };

describe("slot management", () => {
  test("staff find a slot by number among many pages", async () => {
    const page = await session().newPage({ user: "staff", viewport: DESKTOP });
    const garage = await location(page.context().request, "city-centre");
    await gotoAndSettle(page, `/slots?location=${garage.slug}`);
    expect(await page.getByTestId("slots-scope").textContent()).toBe(`At ${garage.name}`);
    // Staff see every state by default, and only the chosen garage's slots.
    expect(await page.getByLabel("State").inputValue()).toBe("all");
    const count = (await page.getByTestId("slot-count").textContent()) ?? "";
    const total = Number(/^(\d+) slots match/.exec(count)?.[1]);
    expect(total).toBeGreaterThan(48);
    const firstPage = await shownNumbers(page);
    expect(firstPage).toHaveLength(48);
    const ids = await page
      .getByTestId("slot-result")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-location-id")));
    expect(new Set(ids)).toEqual(new Set([String(garage.id)]));
    expect(await page.getByTestId("pager-position").textContent()).toMatch(/^Page 1 of \d+/);

    await page
      .getByRole("navigation", { name: "Slot pages" })
      .getByRole("link", { name: /Next/ })
      .click();
    await page.waitForURL(/[?&]offset=48/);
    expect(new URL(page.url()).searchParams.get("location")).toBe(garage.slug);
    await expect.poll(() => page.getByTestId("pager-position").textContent()).toMatch(/^Page 2 of/);
    // The second page's slots, none of the first's.
    await expect
      .poll(async () => (await shownNumbers(page)).filter((n) => firstPage.includes(n)))
      .toEqual([]);
    const secondPage = await shownNumbers(page);
    expect(secondPage.length).toBeGreaterThan(0);
    await assertFits(page);

    // A slot of page 2, found by part of its number in any case, on a shareable address.
    const wanted = secondPage.at(-1)!;
    await page.getByLabel("Search slot numbers").fill(wanted.toLowerCase());
    await page.waitForURL(new RegExp(`[?&]q=${encodeURIComponent(wanted.toLowerCase())}`));
    await expect.poll(() => shownNumbers(page)).toEqual([wanted]);
    const shared = page.url();
    expect(new URL(shared).searchParams.has("offset")).toBe(false);
    const other = await session().newPage({ user: "staff", viewport: PHONE });
    await gotoAndSettle(other, shared);
    expect(await shownNumbers(other)).toEqual([wanted]);
    expect(await other.getByLabel("Search slot numbers").inputValue()).toBe(wanted.toLowerCase());
  });

  test("staff take a zone out of service with a reason, drivers see why, and it comes back", async () => {
    const staff = await session().newPage({ user: "staff", viewport: DESKTOP });
    const api = staff.context().request;
    const garage = await location(api, CLOSED.slug);
    try {
      const zoneUrl = `/slots?location=${garage.slug}&floor=${CLOSED.floor}&zone=${CLOSED.zone}`;
      await gotoAndSettle(staff, zoneUrl);
      const zoneSlots = await shownNumbers(staff);
      expect(zoneSlots.length).toBeGreaterThan(0);
      const reason = `Line painting ${Date.now().toString(36)}`;

      await staff.getByRole("button", { name: `Change all ${zoneSlots.length} slots` }).click();
      const dialog = staff.getByRole("dialog", { name: "Change slots in bulk" });
      await dialog.waitFor();
      // A reason comes first: without one, nothing can be taken out of service.
      expect(await dialog.getByRole("button", { name: "Take out of service" }).isDisabled()).toBe(
        true,
      );
      await dialog.getByLabel("Reason (shown to drivers)").fill(reason);
      await dialog.getByRole("button", { name: "Take out of service" }).click();
      await expect
        .poll(() => dialog.getByTestId("bulk-result").textContent())
        .toMatch(new RegExp(`${zoneSlots.length} slots out of service\\.$`));
      await assertAccessible(staff);
      await assertNoHorizontalScroll(staff, PHONE);
      await staff.setViewportSize(DESKTOP);
      await dialog.getByRole("button", { name: "Done" }).click();
      await expect
        .poll(() => stateTexts(staff))
        .toEqual(zoneSlots.map(() => `Out of service: ${reason}`));

      // A driver: no free slot there, the reason in the search and on the floor map.
      const driver = await session().newPage({ user: "alice", viewport: PHONE });
      await gotoAndSettle(driver, zoneUrl);
      expect(await driver.getByTestId("slot-count").textContent()).toBe(
        "No free slot matches these filters.",
      );
      await driver.getByRole("link", { name: "see these slots in every state" }).click();
      await driver.waitForURL(/[?&]state=all/);
      await expect.poll(() => driver.getByTestId("slot-result").count()).toBe(zoneSlots.length);
      expect(await driver.getByLabel("State").inputValue()).toBe("all");
      await driver.getByLabel("State").selectOption("out_of_service");
      await driver.waitForURL(/[?&]state=out_of_service/);
      await expect
        .poll(() => shownNumbers(driver).then((n) => n.sort()))
        .toEqual([...zoneSlots].sort());
      expect(await stateTexts(driver)).toEqual(zoneSlots.map(() => `Out of service: ${reason}`));
      expect(await driver.getByRole("button", { name: /^Reserve slot/ }).count()).toBe(0);
      await assertFits(driver);

      await gotoAndSettle(driver, `/?location=${garage.slug}&floor=${CLOSED.floor}`);
      const tile = driver.locator(`[data-slot-id][data-slot-number="${zoneSlots[0]}"]`);
      expect(await tile.getAttribute("data-status")).toBe("out-of-service");
      expect(await tile.getAttribute("title")).toContain(`Out of service: ${reason}`);
      expect(await tile.locator(".sr-only").textContent()).toContain(`Out of service: ${reason}`);
      const closed = driver.getByTestId("closed-slots");
      expect(await closed.textContent()).toContain(`${reason}: ${zoneSlots.length} slots`);
      await assertFits(driver);

      // Back in service: the reason goes, and the driver's map shows it without a reload.
      await staff.getByRole("button", { name: `Change all ${zoneSlots.length} slots` }).click();
      await dialog.getByRole("button", { name: "Back in service" }).click();
      await expect
        .poll(() => dialog.getByTestId("bulk-result").textContent())
        .toMatch(new RegExp(`${zoneSlots.length} slots back in service\\.$`));
      await expect.poll(() => tile.getAttribute("data-status")).not.toBe("out-of-service");
      await expect.poll(() => closed.count()).toBe(0);

      // One slot, with its own reason, from its edit dialog; then back.
      await dialog.getByRole("button", { name: "Done" }).click();
      const one = zoneSlots[1]!;
      const row = staff.locator(`[data-testid="slot-result"][data-slot-number="${one}"]`);
      await row.getByRole("button", { name: `Edit slot ${one}` }).click();
      const edit = staff.getByRole("dialog", { name: `Edit slot ${one}` });
      await edit.getByLabel(/^Out of service/).check();
      await edit.getByLabel("Reason (shown to drivers)").fill("Bay flooded");
      await edit.getByRole("button", { name: "Save changes" }).click();
      await edit.getByTestId("edit-slot-result").waitFor();
      await expect.poll(() => stateTexts(row)).toEqual(["Out of service: Bay flooded"]);
      await edit.getByLabel(/^Out of service/).uncheck();
      await edit.getByRole("button", { name: "Save changes" }).click();
      await expect.poll(() => stateTexts(row)).not.toEqual(["Out of service: Bay flooded"]);
      expect((await stateTexts(row))[0]).not.toMatch(/^Out of service/);
    } finally {
      await api.post("/api/slots/bulk", {
        data: {
          locationId: garage.id,
          floor: CLOSED.floor,
          zone: CLOSED.zone,
          outOfService: false,
        },
      });
    }
  });

  test("a staff user of one garage is offered no change at another, and the API refuses it", async () => {
    const admin = await session().newPage({ user: "admin" });
    const api = admin.context().request;
    const [mine, theirs] = [
      await location(api, "riverside-mall"),
      await location(api, "city-centre"),
    ];
    // A new staff user, assigned to one garage (the others assigned there stay).
    const username = `rita-${Date.now().toString(36)}`;
    const ritaContext = await session().newContext(DESKTOP);
    const registered = await ritaContext.request.post("/api/auth/register", {
      data: { username, email: `${username}@example.com`, password: PASSWORD },
    });
    expect(registered.status()).toBe(201);
    const { user } = (await registered.json()) as { user: { id: number } };
    expect((await api.patch(`/api/users/${user.id}`, { data: { role: "staff" } })).status()).toBe(
      200,
    );
    const users = (await (await api.get("/api/users?limit=500")).json()) as {
      users: { id: number; role: string; locationIds: number[] }[];
    };
    const there = users.users
      .filter((each) => each.role === "staff" && each.locationIds.includes(mine.id))
      .map((each) => each.id);
    const assigned = await api.put(`/api/locations/${mine.id}/staff`, {
      data: { userIds: [...there, user.id] },
    });
    expect(assigned.status()).toBe(200);

    const rita = await ritaContext.newPage();
    // Where she works: edit buttons, the bulk change and the create form.
    await gotoAndSettle(rita, `/slots?location=${mine.slug}`);
    expect(await rita.getByRole("button", { name: /^Edit slot/ }).count()).toBeGreaterThan(0);
    expect(await rita.getByRole("button", { name: /^Change all \d+ slots?$/ }).count()).toBe(1);
    expect(await rita.getByRole("form", { name: `Create a slot at ${mine.name}` }).count()).toBe(1);
    // Elsewhere: its slots, but nothing to change them with.
    await gotoAndSettle(rita, `/slots?location=${theirs.slug}`);
    expect(await rita.getByTestId("slot-result").count()).toBeGreaterThan(0);
    expect(await rita.getByRole("button", { name: /^Edit slot/ }).count()).toBe(0);
    expect(await rita.getByRole("button", { name: /^Change all/ }).count()).toBe(0);
    expect(await rita.getByTestId("not-your-garage").textContent()).toContain(theirs.name);
    await assertFits(rita);
    // The whole network: edit buttons on her garage's slots, and only there.
    await gotoAndSettle(rita, "/slots?location=&q=1-A-00");
    const rows = await rita.getByTestId("slot-result").evaluateAll((items) =>
      items.map((row) => ({
        locationId: Number(row.getAttribute("data-location-id")),
        editable: row.querySelector('button[aria-label^="Edit slot"]') !== null,
      })),
    );
    expect(rows.some((row) => row.locationId === mine.id)).toBe(true);
    expect(rows.some((row) => row.locationId !== mine.id)).toBe(true);
    for (const row of rows) expect(row.editable).toBe(row.locationId === mine.id);

    // The API refuses her changes at the other garage, and they change nothing.
    const [slot] = (
      (await (
        await api.get(`/api/slots?locationId=${theirs.id}&available=all&limit=1`)
      ).json()) as {
        slots: Slot[];
      }
    ).slots;
    const bulk = await ritaContext.request.post("/api/slots/bulk", {
      data: { locationId: theirs.id, slotIds: [slot!.id], outOfService: true, reason: "No" },
    });
    expect(bulk.status()).toBe(403);
    const patch = await ritaContext.request.patch(`/api/slots/${slot!.id}`, {
      data: { outOfService: true, reason: "No" },
    });
    expect(patch.status()).toBe(403);
    const after = (await (await api.get(`/api/slots/${slot!.id}`)).json()) as {
      slot: { outOfServiceReason: string | null };
    };
    expect(after.slot.outOfServiceReason).not.toBe("No");
  });
});
