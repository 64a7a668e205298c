import { db } from "@/lib/db/client";
import { perDataVersionKeyed } from "@/lib/db/version-cache";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin, requireStaff } from "@/lib/auth/access";
import { USER_WITH_LOCATIONS, toUserDto, type UserDto } from "@/lib/dto";

/** The user as a DTO, or null; shared with other callers until the next commit: never mutate. */
export async function findUserById(id: number): Promise<UserDto | null> {
  return committedUser(id);
}

/** Every page and /api/me read the signed-in user: read again only after a commit. */
const committedUser = perDataVersionKeyed("user-by-id", async (id: number) => {
  const user = await db.user.findUnique({ where: { id }, include: USER_WITH_LOCATIONS });
  return user ? toUserDto(user) : null;
});

/** A LIKE pattern (with ESCAPE '!') that finds `text` literally anywhere in a value. */
function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, "!$&")}%`;
}

/** Staff only: users whose username or email contains `q` (any case), by username. */
export async function searchUsers(
  actor: Actor,
  filter: { q?: string; limit: number; offset: number },
): Promise<{ users: UserDto[]; total: number }> {
  requireStaff(actor);
  // Usernames and emails are stored in lower case, and SQLite's LIKE ignores ASCII case,
  // so lower-casing the query suffices.
  const q = filter.q?.trim().toLowerCase();
  // Prisma's `contains` passes the text to LIKE unescaped, so a `_` or `%` in the query
  // (`_` is common in usernames) would be a wildcard; match with an escaped pattern.
  const pattern = q ? containsPattern(q) : undefined;
  const match = pattern
    ? Prisma.sql`(username LIKE ${pattern} ESCAPE '!' OR email LIKE ${pattern} ESCAPE '!')`
    : Prisma.sql`1 = 1`;
  const [page, counted] = await Promise.all([
    db.$queryRaw<{ id: number | bigint }[]>`
      SELECT id FROM users WHERE ${match}
      ORDER BY username LIMIT ${filter.limit} OFFSET ${filter.offset}`,
    db.$queryRaw<{ total: number | bigint }[]>`SELECT COUNT(*) AS total FROM users WHERE ${match}`,
  ]);
  const rows = await db.user.findMany({
    where: { id: { in: page.map((row) => Number(row.id)) } },
    orderBy: [{ username: "asc" }],
    include: USER_WITH_LOCATIONS,
  });
  return { users: rows.map(toUserDto), total: Number(counted[0]?.total ?? 0) };
}

/** Admin only: every staff user with the locations they work at, by username. */
export async function listStaffUsers(actor: Actor): Promise<UserDto[]> {
  requireAdmin(actor);
  const rows = await db.user.findMany({
    where: { role: "staff" },
    orderBy: [{ username: "asc" }],
    include: USER_WITH_LOCATIONS,
  });
  return rows.map(toUserDto);
}

/**
 * Staff only: who works in staff roles now (staff and admins), by username: the names
 * staff logs show for the ids they record.
 */
export async function listStaffNames(actor: Actor): Promise<{ id: number; username: string }[]> {
  requireStaff(actor);
  return db.user.findMany({
    where: { role: { in: ["staff", "admin"] } },
    select: { id: true, username: true },
    orderBy: [{ username: "asc" }],
  });
}
