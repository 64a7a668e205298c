import "server-only";
// Server-render helpers: the session read once per request (layout and page share it).
import { cache } from "react";
import { getCurrentUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/actor";
import type { UserDto } from "@/lib/dto";

/** The signed-in user for this request, or null; cached so layout and page read it once. */
export const getViewer = cache(getCurrentUser);

export function actorOf(user: UserDto): Actor {
  return { id: user.id, role: user.role };
}
