// QR pass tokens on a real database: signed with the key stored in app_secrets, verified by
// it, and nothing else verifies.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signPass, verifyPass } from "@/lib/passes/token";

describe("QR pass tokens", () => {
  it("round-trips and names its reservation", async () => {
    const token = await signPass(42);
    expect(token).toMatch(/^rp_42\.[A-Za-z0-9_-]{43}$/);
    expect(await verifyPass(token)).toBe(42);
    expect(await signPass(42)).toBe(token);
  });

  it("keeps one signing key in the database", async () => {
    await signPass(1);
    const rows = await db.appSecret.findMany({ where: { name: "pass_signing_key" } });
    expect(rows.map((row) => Buffer.from(row.value, "base64url").length)).toEqual([32]);
  });

  it("refuses a token for another reservation, a forged or altered one, and junk", async () => {
    const token = await signPass(7);
    const signature = token.slice(token.indexOf(".") + 1);
    expect(await verifyPass(`rp_8.${signature}`)).toBeNull();
    const flipped =
      signature.slice(0, -2) + (signature.at(-2) === "A" ? "B" : "A") + signature.at(-1);
    expect(await verifyPass(`rp_7.${flipped}`)).toBeNull();
    for (const junk of [
      "",
      "rp_7",
      "rp_7.",
      `rp_07.${signature}`,
      `rp_-7.${signature}`,
      `${token}x`,
      `RP_7.${signature}`,
    ]) {
      expect(await verifyPass(junk), junk).toBeNull();
    }
  });
});
