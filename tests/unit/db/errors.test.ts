// isUniqueViolation, the one test of "a unique index refused this write" the services use
// (sign-up, locations, slots, gate events, reserve, top-up settlement), whichever way the
// write was made: Prisma reports the model API's and a raw statement's differently.
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { unique } from "../builders";

async function failureOf(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write();
  } catch (error) {
    return error;
  }
  throw new Error("the write succeeded");
}

const location = (slug: string) => ({ slug, name: "Dup", address: "", timeZone: "UTC" });

describe("isUniqueViolation", () => {
  it("recognises a unique index's refusal from the model API and from a raw statement", async () => {
    const slug = `dup-${unique()}`;
    await db.location.create({ data: location(slug) });
    const model = await failureOf(() => db.location.create({ data: location(slug) }));
    const raw = await failureOf(
      () => db.$executeRaw`INSERT INTO locations (slug, name, address, time_zone)
        VALUES (${slug}, 'Dup', '', 'UTC')`,
    );
    expect(model).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect(raw).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((model as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
    expect((raw as Prisma.PrismaClientKnownRequestError).code).toBe("P2010");
    expect(isUniqueViolation(model)).toBe(true);
    expect(isUniqueViolation(raw)).toBe(true);
    expect(await db.location.count({ where: { slug } })).toBe(1);
  });

  it("is false for every other failure", async () => {
    const notNull = await failureOf(
      () => db.$executeRaw`INSERT INTO locations (slug, name, address, time_zone)
        VALUES (${`n-${unique()}`}, NULL, '', 'UTC')`,
    );
    expect((notNull as Prisma.PrismaClientKnownRequestError).code).toBe("P2010");
    expect(isUniqueViolation(notNull)).toBe(false);
    const missing = await failureOf(() =>
      db.location.update({ where: { id: -1 }, data: { name: "x" } }),
    );
    expect((missing as Prisma.PrismaClientKnownRequestError).code).toBe("P2025");
    expect(isUniqueViolation(missing)).toBe(false);
    expect(isUniqueViolation(new Error("UNIQUE constraint failed"))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
