import { beforeAll, describe, expect, it } from "vitest";
import { findUserById, searchUsers } from "@/lib/users/queries";
import { db } from "@/lib/db/client";
import { createDriver, createStaff, expectAppError, type TestUser } from "../builders";

let staff: TestUser;
let driver: TestUser;

beforeAll(async () => {
  staff = await createStaff({ username: "staff", email: "ops@parking.example" });
  driver = await createDriver({ username: "alice", email: "alice@parking.example" });
  await createDriver({ username: "bob", email: "robert@mail.example", balanceCents: 2500 });
  await createDriver({ username: "carol_x", email: "carol@parking.example" });
  await createDriver({ username: "carolx", email: "cx@mail.example" });
  await createDriver({ username: "dave", email: "dave_100%@mail.example" });
});

const page = { limit: 50, offset: 0 };
const names = (result: { users: { username: string }[] }) => result.users.map((u) => u.username);

describe("findUserById", () => {
  it("returns the user as the contract's User, without the password hash", async () => {
    const user = await findUserById(driver.id);
    expect(user).toEqual({
      id: driver.id,
      username: "alice",
      email: "alice@parking.example",
      phone: null,
      vehicleNumber: null,
      role: "driver",
      walletBalanceCents: 0,
      outstandingCents: 0,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      locationIds: [],
    });
    expect(JSON.stringify(user)).not.toMatch(/argon2|password/i);
  });

  it("returns null for an id that does not exist", async () => {
    expect(await findUserById(999_999)).toBeNull();
  });
});

describe("searchUsers", () => {
  it("is for staff only: a driver gets FORBIDDEN", async () => {
    await expectAppError(searchUsers(driver, page), "FORBIDDEN");
  });

  it("lists everyone by username without a query, with the total", async () => {
    const result = await searchUsers(staff, page);
    expect(names(result)).toEqual(["alice", "bob", "carol_x", "carolx", "dave", "staff"]);
    expect(result.total).toBe(6);
    expect(result.users.find((u) => u.username === "bob")?.walletBalanceCents).toBe(2500);
  });

  it("pages with limit and offset while the total counts every match", async () => {
    const first = await searchUsers(staff, { limit: 2, offset: 0 });
    const second = await searchUsers(staff, { limit: 2, offset: 2 });
    const past = await searchUsers(staff, { limit: 2, offset: 6 });
    expect(names(first)).toEqual(["alice", "bob"]);
    expect(names(second)).toEqual(["carol_x", "carolx"]);
    expect(names(past)).toEqual([]);
    expect([first.total, second.total, past.total]).toEqual([6, 6, 6]);
  });

  it("matches a substring of the username or the email, in any case", async () => {
    expect(names(await searchUsers(staff, { ...page, q: "ALI" }))).toEqual(["alice"]);
    // "robert" is only in bob's email.
    expect(names(await searchUsers(staff, { ...page, q: "Robert" }))).toEqual(["bob"]);
    expect(names(await searchUsers(staff, { ...page, q: "parking.example" }))).toEqual([
      "alice",
      "carol_x",
      "staff",
    ]);
    const none = await searchUsers(staff, { ...page, q: "nobody-here" });
    expect(none).toEqual({ users: [], total: 0 });
  });

  it("treats _ and % in the query as plain characters, not LIKE wildcards", async () => {
    const underscore = await searchUsers(staff, { ...page, q: "carol_" });
    expect(names(underscore)).toEqual(["carol_x"]);
    expect(underscore.total).toBe(1);
    expect(names(await searchUsers(staff, { ...page, q: "_" }))).toEqual(["carol_x", "dave"]);
    expect(names(await searchUsers(staff, { ...page, q: "%" }))).toEqual(["dave"]);
    expect(names(await searchUsers(staff, { ...page, q: "100%@" }))).toEqual(["dave"]);
    expect(names(await searchUsers(staff, { ...page, q: "!" }))).toEqual([]);
  });

  it("ignores surrounding spaces and treats a blank query as no query", async () => {
    expect(names(await searchUsers(staff, { ...page, q: "  bob " }))).toEqual(["bob"]);
    expect((await searchUsers(staff, { ...page, q: "   " })).total).toBe(6);
  });

  it("pages a filtered search too", async () => {
    const result = await searchUsers(staff, { limit: 1, offset: 1, q: "carol" });
    expect(names(result)).toEqual(["carolx"]);
    expect(result.total).toBe(2);
  });
});

// Last: the user it creates would change the counts above.
describe("what a user owes", () => {
  it("shows what the user owes, for staff to see (users.outstanding_cents)", async () => {
    const owing = await createDriver({ username: "owing" });
    // An unpaid exit bill as the gate records one: the debt row and the balance together.
    await db.$transaction([
      db.debtEntry.create({
        data: { userId: owing.id, amountCents: 1250, balanceAfterCents: 1250 },
      }),
      db.user.update({ where: { id: owing.id }, data: { outstandingCents: 1250 } }),
    ]);
    expect((await findUserById(owing.id))?.outstandingCents).toBe(1250);
    const listed = await searchUsers(staff, { ...page, q: "owing" });
    expect(listed.users.map((u) => [u.username, u.outstandingCents])).toEqual([["owing", 1250]]);
  });
});
