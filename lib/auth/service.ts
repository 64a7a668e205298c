// Registration, sign-in, password change and sign-out everywhere. Sessions live in
// lib/auth/session-store.ts; the limits on attempts in lib/auth/rate-limit.ts.
import { setTimeout as sleep } from "node:timers/promises";
import type { User } from "@/lib/generated/prisma/client.ts";
import { isUniqueViolation } from "@/lib/db/errors";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { USER_WITH_LOCATIONS, toUserDto, type UserDto, type UserWithLocations } from "@/lib/dto";
import type { Actor } from "@/lib/auth/actor";
import { decoyPasswordHash, hashPassword, verifyPassword } from "@/lib/auth/password";
import {
  LOGIN_LIMITS,
  SIGN_UP_LIMITS,
  abandonSignUp,
  finishLoginAttempt,
  startLoginAttempt,
  startSignUp,
  type LoginLimits,
  type SignUpLimits,
} from "@/lib/auth/rate-limit";
import {
  createSession,
  endSessionsOf,
  writeSessions,
  type SessionTx,
} from "@/lib/auth/session-store";

export type RegisterInput = {
  username: string;
  email: string;
  password: string;
  phone?: string;
  vehicleNumber?: string;
};

/** A signed-in user and the token of their new session (for the cookie). */
export type SignedIn = { user: UserDto; token: string; expiresAt: Date };

type Options<L> = {
  /** The token of the session this browser had: it ends as the new one starts. */
  replaces?: string;
  now?: Date;
  limits?: L;
};

const rateLimited = (message: string) => new AppError("RATE_LIMITED", message);
const invalidCredentials = () => new AppError("INVALID_CREDENTIALS", "Wrong username or password.");
const conflict = () => new AppError("CONFLICT", "That username or email is already registered.");

/**
 * Creates a driver with an empty wallet and signs them in. Usernames and emails are
 * unique, any case. Sign-ups per client address are limited (counted before the password
 * is hashed, so concurrent ones count too).
 */
export async function registerUser(
  input: RegisterInput,
  clientAddress: string,
  options: Options<SignUpLimits> = {},
): Promise<SignedIn> {
  const now = options.now ?? new Date();
  const username = input.username.toLowerCase();
  const email = input.email.toLowerCase();
  const attempt = await startSignUp(clientAddress, now, options.limits ?? SIGN_UP_LIMITS);
  if (!attempt) throw rateLimited("Too many sign-ups from this address. Try again later.");
  try {
    // A taken name answers before the (costly) hash; the unique constraints still decide.
    const taken = await db.user.findFirst({
      where: { OR: [{ username }, { email }] },
      select: { id: true },
    });
    if (taken) throw conflict();
    const passwordHash = await hashPassword(input.password);
    return await writeSessions(async (tx) => {
      const user = await tx.user.create({
        data: {
          username,
          email,
          passwordHash,
          phone: input.phone ?? null,
          vehicleNumber: input.vehicleNumber ?? null,
          role: "driver",
        },
        include: USER_WITH_LOCATIONS,
      });
      return {
        user: toUserDto(user),
        ...(await createSession(tx, user.id, now, options.replaces)),
      };
    });
  } catch (error) {
    await abandonSignUp(attempt);
    if (isUniqueViolation(error)) {
      throw conflict();
    }
    throw error;
  }
}

/**
 * The password check of a sign-in or a password change, under the login limits: refused
 * at a limit, slowed when the username has failed from many addresses, recorded as a
 * failure unless `onSuccess` (run with the user whose password matched) completes.
 */
async function withPasswordCheck<T>(
  username: string,
  password: string,
  clientAddress: string,
  options: Options<LoginLimits>,
  onSuccess: (user: UserWithLocations) => Promise<T>,
): Promise<T> {
  const attempt = await startLoginAttempt(
    username,
    clientAddress,
    options.now ?? new Date(),
    options.limits ?? LOGIN_LIMITS,
  );
  if (!attempt) throw rateLimited("Too many failed sign-in attempts. Try again later.");
  if (attempt.delayMs > 0) await sleep(attempt.delayMs);
  const user = await db.user.findUnique({ where: { username }, include: USER_WITH_LOCATIONS });
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  if (!user || !valid) throw invalidCredentials();
  const result = await onSuccess(user);
  await finishLoginAttempt(attempt);
  return result;
}

/**
 * Completes a password check within the caller's transaction: the user's password hash
 * must still be the one checked (a change committed meanwhile, which ended the other
 * sessions, makes this 0 rows: the password given is then no longer right). The update
 * (to `newHash`, or to the same hash) also locks the row on PostgreSQL, so a concurrent
 * change waits for this transaction and then sees, and ends, the session it made.
 */
async function commitPasswordCheck(
  tx: SessionTx,
  user: User,
  newHash = user.passwordHash,
): Promise<void> {
  const { count } = await tx.user.updateMany({
    where: { id: user.id, passwordHash: user.passwordHash },
    data: { passwordHash: newHash },
  });
  if (count === 0) throw invalidCredentials();
}

/**
 * Checks a username and password and starts a session. Failures are limited per username
 * and address and per address, and slow the username's further attempts (rate-limit.ts).
 */
export async function signIn(
  credentials: { username: string; password: string },
  clientAddress: string,
  options: Options<LoginLimits> = {},
): Promise<SignedIn> {
  const now = options.now ?? new Date();
  const username = credentials.username.toLowerCase();
  return withPasswordCheck(username, credentials.password, clientAddress, options, (user) =>
    writeSessions(async (tx) => {
      await commitPasswordCheck(tx, user);
      return {
        user: toUserDto(user),
        ...(await createSession(tx, user.id, now, options.replaces)),
      };
    }),
  );
}

/**
 * Changes the caller's password after checking the current one (a wrong one is a failed
 * login for the limits) and ends every other session of theirs; the session of `keep`
 * (the caller's own) stays.
 */
export async function changePassword(
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  clientAddress: string,
  keep: string | undefined,
  options: Omit<Options<LoginLimits>, "replaces"> = {},
): Promise<void> {
  const account = await db.user.findUnique({ where: { id: actor.id }, select: { username: true } });
  if (!account) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  await withPasswordCheck(
    account.username,
    input.currentPassword,
    clientAddress,
    options,
    async (user) => {
      const newHash = await hashPassword(input.newPassword);
      await writeSessions(async (tx) => {
        await commitPasswordCheck(tx, user, newHash);
        await endSessionsOf(tx, user.id, keep);
      });
    },
  );
}

/** Ends every session of the caller, this one included. */
export async function signOutEverywhere(actor: Actor): Promise<void> {
  await writeSessions((tx) => endSessionsOf(tx, actor.id));
}
