import "server-only";
// The signed-in user for server renders, read once per request (layout and page share it).
import { cache } from "react";
import { getCurrentActor } from "@/lib/auth/session";
import { findUserById } from "@/lib/users/queries";
import type { UserDto } from "@/lib/dto";

/** The signed-in user for this request, or null; cached so layout and page read it once. */
export const getViewer = cache(async (): Promise<UserDto | null> => {
  const actor = await getCurrentActor();
  return actor ? findUserById(actor.id) : null;
});
