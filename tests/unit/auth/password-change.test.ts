// Changing the password and signing out everywhere (lib/auth/service.ts) on a real
// database: which sessions end, and the login limits on the current password's check.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { LOGIN_LIMITS } from "@/lib/auth/rate-limit";
import { changePassword, signIn, signOutEverywhere } from "@/lib/auth/service";
import { findSessionActor } from "@/lib/auth/session-store";
import { TEST_PASSWORD, createDriver, expectAppError, unique } from "../builders";

// Every test uses its own client address, so the per-address counts stay apart.
const address = () => `10.0.1.${unique()}`;
// The contract's limits with short delays (the delay's schedule has its own tests).
const limits = { ...LOGIN_LIMITS, firstDelayMs: 1, maxDelayMs: 40 };
const live = (token: string) => findSessionActor(token, new Date());

describe("changePassword", () => {
  const newPassword = "a brand-new passphrase";

  it("sets the new password, ends the user's other sessions and keeps the caller's", async () => {
    const driver = await createDriver();
    const other = await createDriver();
    const credentials = { username: driver.username, password: TEST_PASSWORD };
    const [mine, second, third] = await Promise.all([
      signIn(credentials, address()),
      signIn(credentials, address()),
      signIn(credentials, address()),
    ]);
    const bystander = await signIn(
      { username: other.username, password: TEST_PASSWORD },
      address(),
    );

    await changePassword(
      driver,
      { currentPassword: TEST_PASSWORD, newPassword },
      address(),
      mine.token,
    );

    expect(await live(mine.token)).toEqual({ id: driver.id, role: "driver" });
    expect(await live(second.token)).toBeNull();
    expect(await live(third.token)).toBeNull();
    expect(await live(bystander.token)).not.toBeNull();
    await expectAppError(signIn(credentials, address()), "INVALID_CREDENTIALS");
    await signIn({ username: driver.username, password: newPassword }, address());
  });

  it("refuses a wrong current password with INVALID_CREDENTIALS, as a failed login, and changes nothing", async () => {
    const driver = await createDriver();
    const from = address();
    const session = await signIn({ username: driver.username, password: TEST_PASSWORD }, address());
    const hashBefore = (await db.user.findUniqueOrThrow({ where: { id: driver.id } })).passwordHash;

    await expectAppError(
      changePassword(driver, { currentPassword: "wrong", newPassword }, from, undefined),
      "INVALID_CREDENTIALS",
    );

    const row = await db.user.findUniqueOrThrow({ where: { id: driver.id } });
    expect(row.passwordHash).toBe(hashBefore);
    expect(await live(session.token)).not.toBeNull();
    expect(
      await db.loginFailure.count({ where: { username: driver.username, address: from } }),
    ).toBe(1);
  });

  it("is refused at the login limits like a sign-in from the same address", async () => {
    const driver = await createDriver();
    const from = address();
    for (let i = 0; i < LOGIN_LIMITS.maxPerPair; i++) {
      await expectAppError(
        changePassword(driver, { currentPassword: `wrong-${i}`, newPassword }, from, undefined, {
          limits,
        }),
        "INVALID_CREDENTIALS",
      );
    }
    await expectAppError(
      changePassword(driver, { currentPassword: TEST_PASSWORD, newPassword }, from, undefined, {
        limits,
      }),
      "RATE_LIMITED",
    );
    await expectAppError(
      signIn({ username: driver.username, password: TEST_PASSWORD }, from, { limits }),
      "RATE_LIMITED",
    );
  });
});

describe("signOutEverywhere", () => {
  it("ends every session of the user and only theirs", async () => {
    const driver = await createDriver();
    const other = await createDriver();
    const credentials = { username: driver.username, password: TEST_PASSWORD };
    const sessions = [await signIn(credentials, address()), await signIn(credentials, address())];
    const bystander = await signIn(
      { username: other.username, password: TEST_PASSWORD },
      address(),
    );
    await signOutEverywhere(driver);
    for (const { token } of sessions) expect(await live(token)).toBeNull();
    expect(await live(bystander.token)).not.toBeNull();
    expect(await db.session.count({ where: { userId: driver.id } })).toBe(0);
  });
});
