// Users' roles, changed by an admin (audited). A user who is no longer staff loses their
// location assignments; the network always keeps an admin.
import "server-only";
import { transaction, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/access";
import { recordAudit } from "@/lib/audit/service";
import { dialect } from "@/lib/db/dialect";
import { USER_WITH_LOCATIONS, toUserDto, type Role, type UserDto } from "@/lib/dto";

/**
 * The admins, locked until the transaction ends on PostgreSQL (SQLite's writer transaction
 * holds the whole database), so that two admins demoting each other cannot both succeed.
 */
async function lockedAdminIds(tx: Tx): Promise<number[]> {
  const rows =
    dialect() === "postgres"
      ? await tx.$queryRaw<{ id: number }[]>`SELECT id FROM users WHERE role = 'admin' FOR UPDATE`
      : await tx.$queryRaw<{ id: number }[]>`SELECT id FROM users WHERE role = 'admin'`;
  return rows.map((row) => Number(row.id));
}

/**
 * Gives a user a role. The last admin cannot stop being one (409). A user who is no
 * longer staff loses their location assignments.
 */
export async function setUserRole(
  actor: Actor,
  userId: number,
  role: Role,
  now: Date = new Date(),
): Promise<UserDto> {
  requireAdmin(actor);
  const user = await transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!before) throw new AppError("NOT_FOUND", `User ${userId} does not exist.`);
    if (before.role === "admin" && role !== "admin") {
      const admins = await lockedAdminIds(tx);
      if (admins.length <= 1 && admins.includes(userId)) {
        throw new AppError("CONFLICT", "The last admin cannot stop being an admin.");
      }
    }
    await tx.user.update({ where: { id: userId }, data: { role } });
    if (role !== "staff") await tx.staffAssignment.deleteMany({ where: { userId } });
    await recordAudit(
      tx,
      actor,
      {
        action: "user_role_change",
        target: { type: "user", id: userId },
        before: { role: before.role },
        after: { role },
      },
      now,
    );
    return tx.user.findUniqueOrThrow({ where: { id: userId }, include: USER_WITH_LOCATIONS });
  });
  return toUserDto(user);
}
