// The "changed nothing" checks (tests/api/db.ts: snapshot() and digest()) read the database
// again only after a commit: these tests make sure a commit right after a check is always
// seen, whether the server makes it or another connection does.
import { describe, expect, it } from "vitest";
import { registerDriver, topUp } from "./client";
import { digest, snapshot, walletBalance, writeAsAnotherConnection } from "./db";

describe.each([
  ["snapshot()", snapshot],
  ["digest()", digest],
] as const)("%s", (_name, check) => {
  it("gives the same state twice when nothing was committed in between", async () => {
    const first = await check();
    expect(await check()).toEqual(first);
  });

  it("sees a write the server commits right after it", async () => {
    const driver = await registerDriver();
    const before = await check();
    await topUp(driver, 500);
    expect(await check()).not.toEqual(before);
  });

  it("sees a write another connection commits right after it", async () => {
    const driver = await registerDriver();
    const id = driver.user!.id;
    const before = await check();
    await writeAsAnotherConnection(
      "UPDATE users SET wallet_balance_cents = wallet_balance_cents + 1 WHERE id = ?",
      id,
    );
    try {
      expect(await walletBalance(id)).toBe(1);
      expect(await check()).not.toEqual(before);
    } finally {
      // Wallet and ledger agree again (other files check that invariant).
      await writeAsAnotherConnection(
        "UPDATE users SET wallet_balance_cents = wallet_balance_cents - 1 WHERE id = ?",
        id,
      );
    }
  });
});
