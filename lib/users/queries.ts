import { db } from "@/lib/db/client";
import { requireStaff, type Actor } from "@/lib/auth/actor";
import { toUserDto, type UserDto } from "@/lib/dto";

export async function findUserById(id: number): Promise<UserDto | null> {
  const user = await db.user.findUnique({ where: { id } });
  return user ? toUserDto(user) : null;
}

/** Staff only: users whose username or email contains `q` (any case), by username. */
export async function searchUsers(
  actor: Actor,
  filter: { q?: string; limit: number; offset: number },
): Promise<{ users: UserDto[]; total: number }> {
  requireStaff(actor);
  // Usernames and emails are stored in lower case, and SQLite's LIKE (Prisma's
  // `contains`) ignores ASCII case, so lower-casing the query suffices.
  const q = filter.q?.trim().toLowerCase();
  const where = q ? { OR: [{ username: { contains: q } }, { email: { contains: q } }] } : {};
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ username: "asc" }],
      take: filter.limit,
      skip: filter.offset,
    }),
    db.user.count({ where }),
  ]);
  return { users: rows.map(toUserDto), total };
}
