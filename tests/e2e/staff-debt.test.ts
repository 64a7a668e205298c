// Debt is visible to staff: a user who owes money from an unpaid exit bill shows "owes $x"
// in the /users list and in the top-up dialog, which says a top-up pays the debt first.
// The debt is written as the gate writes one (its ledger row and the balance together) on
// a user of this file's own, so no other test's account changes.
import Database from "better-sqlite3";
import { describe, expect, inject, test } from "vitest";
import { PASSWORD, assertAccessible, gotoAndSettle } from "./browser";
import { setupBrowser } from "./setup";

const { session } = setupBrowser();

const username = `owes_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** `cents` owed by `userId`, written as a second connection to the server's database. */
function recordDebt(userId: number, cents: number) {
  const db = new Database(inject("databasePath"), { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    db.transaction(() => {
      db.prepare(
        "INSERT INTO debt_entries (user_id, amount_cents, balance_after_cents, created_at) VALUES (?, ?, ?, ?)",
      ).run(userId, cents, cents, new Date().toISOString());
      db.prepare("UPDATE users SET outstanding_cents = ? WHERE id = ?").run(cents, userId);
    })();
  } finally {
    db.close();
  }
}

describe("debt, to staff", () => {
  test("a user who owes shows 'owes $x' on /users and in the top-up dialog", async () => {
    const context = await session().newContext();
    const registered = await context.request.post("/api/auth/register", {
      data: { username, email: `${username}@example.test`, password: PASSWORD },
    });
    expect(registered.status()).toBe(201);
    const { user } = (await registered.json()) as {
      user: { id: number; outstandingCents: number };
    };
    expect(user.outstandingCents).toBe(0);

    const page = await session().newPage({ user: "staff" });
    await gotoAndSettle(page, `/users?q=${username}`);
    const row = page.locator(`[data-testid="user-row"][data-username="${username}"]`);
    await row.waitFor();
    expect(await row.getByTestId("user-owes").count()).toBe(0);

    recordDebt(user.id, 1250);
    // The list polls: the debt appears without a reload.
    await expect.poll(() => row.getByTestId("user-owes").textContent()).toBe("owes $12.50");
    await row.getByRole("button", { name: `Add balance for ${username}` }).click();
    const dialog = page.getByRole("dialog", { name: `Add balance for ${username}` });
    await dialog.waitFor();
    expect(await dialog.getByTestId("top-up-owes").textContent()).toContain("They owe $12.50");
    await assertAccessible(page);
  });
});
