// The password KDF's cost (lib/auth/password.ts): OWASP's unless PASSWORD_HASH_COST says
// otherwise, which only the test suites' shared servers do (tests/setup/app-server.ts).
import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { OWASP_COST, hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password hashes", () => {
  it("use Argon2id at OWASP's cost (m=19 MiB, t=2, p=1) by default, as every deployment does", async () => {
    // The unit project leaves PASSWORD_HASH_COST unset: this is the default.
    expect(env().PASSWORD_HASH_COST).toBe("owasp");
    expect(OWASP_COST).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(await hashPassword("a long enough password")).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
  });

  it("verify whatever cost they were made at, so changing the setting locks nobody out", async () => {
    const cheap = await hash("a long enough password", {
      memoryCost: 8,
      timeCost: 1,
      parallelism: 1,
    });
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=8,t=1,p=1\$/);
    expect(await verifyPassword(cheap, "a long enough password")).toBe(true);
    expect(await verifyPassword(cheap, "another password")).toBe(false);
    const owasp = await hashPassword("a long enough password");
    expect(await verifyPassword(owasp, "a long enough password")).toBe(true);
    expect(await verifyPassword(owasp, "another password")).toBe(false);
  });
});
