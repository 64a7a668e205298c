// Passwords are hashed with Argon2id (OWASP's recommended KDF) at OWASP's cost, m=19 MiB,
// t=2, p=1; the PHC string carries salt and parameters, so the cost can be raised later
// without invalidating stored hashes. PASSWORD_HASH_COST=minimal (lib/env.ts) is for the
// test suites' servers: the same Argon2id at its smallest cost, so that suites signing up
// and in thousands of times do not spend minutes in the KDF. Verifying reads the cost from
// the stored hash, so either setting verifies what the other stored.
import { hash, verify, type Options } from "@node-rs/argon2";
import { env } from "@/lib/env";

/** OWASP's cost for Argon2id (Password Storage Cheat Sheet): what every deployment uses. */
export const OWASP_COST = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** Argon2's smallest: 8 KiB per lane, one pass. Tests only. */
const MINIMAL_COST = { memoryCost: 8, timeCost: 1, parallelism: 1 } as const;

function cost(): Options {
  return env().PASSWORD_HASH_COST === "minimal" ? MINIMAL_COST : OWASP_COST;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, cost());
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

// Verified against when the username does not exist, so that a miss costs as much time
// as a wrong password and response times do not reveal which usernames exist.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword("decoy-password-for-unknown-users");
  return decoyHash;
}
