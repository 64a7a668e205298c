import { isStaffRole } from "@/lib/auth/roles";
import type { Role, UserDto } from "@/lib/dto";
import { AppError } from "@/lib/errors";

/** Who is asking: the signed-in user as the domain sees them. */
export type Actor = { id: number; role: Role };

/**
 * The user an action is for: the caller themself unless staff name someone else.
 * A driver naming another user is refused.
 */
export function resolveTargetUserId(actor: Actor, requestedUserId: number | undefined): number {
  if (requestedUserId === undefined || requestedUserId === actor.id) return actor.id;
  if (!isStaffRole(actor.role)) {
    throw new AppError("FORBIDDEN", "Only staff may act for another user.");
  }
  return requestedUserId;
}

/** The actor a signed-in user acts as. */
export function actorOf(user: Pick<UserDto, "id" | "role">): Actor {
  return { id: user.id, role: user.role };
}
