// Passwords are hashed with Argon2id (OWASP's recommended KDF) at its default cost,
// m=19 MiB, t=2, p=1; the PHC string carries salt and parameters, so the cost can be
// raised later without invalidating stored hashes.
import { hash, verify } from "@node-rs/argon2";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
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
