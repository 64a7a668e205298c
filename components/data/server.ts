import "server-only";
// Server-render helpers: the session read once per request (layout and page share it).
import { cache } from "react";
import { getCurrentActor } from "@/lib/auth/session";
import { findUserById } from "@/lib/users/queries";
import type { Actor } from "@/lib/auth/actor";
import type { UserDto } from "@/lib/dto";

/** The signed-in user for this request, or null; cached so layout and page read it once. */
export const getViewer = cache(async (): Promise<UserDto | null> => {
  const actor = await getCurrentActor();
  return actor ? findUserById(actor.id) : null;
});

export function actorOf(user: UserDto): Actor {
  return { id: user.id, role: user.role };
}
