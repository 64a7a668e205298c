// Registration and sign-in. Sessions (cookies) live in lib/auth/session.ts.
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { db, transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { toUserDto, type UserDto } from "@/lib/dto";
import { decoyPasswordHash, hashPassword, verifyPassword } from "@/lib/auth/password";
import { finishLoginAttempt, startLoginAttempt } from "@/lib/auth/rate-limit";

export type RegisterInput = {
  username: string;
  email: string;
  password: string;
  phone?: string;
  vehicleNumber?: string;
};

/** Creates a driver with an empty wallet. Usernames and emails are unique, any case. */
export async function registerUser(input: RegisterInput): Promise<UserDto> {
  const username = input.username.toLowerCase();
  const email = input.email.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await transaction((tx) =>
      tx.user.create({
        data: {
          username,
          email,
          passwordHash,
          phone: input.phone ?? null,
          vehicleNumber: input.vehicleNumber ?? null,
          role: "driver",
        },
      }),
    );
    return toUserDto(user);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", "That username or email is already registered.");
    }
    throw error;
  }
}

/**
 * Checks a username and password. Repeated failures for a username or from an address
 * are rate limited; a blocked attempt is refused before the password is looked at.
 */
export async function authenticate(
  credentials: { username: string; password: string },
  clientAddress: string,
): Promise<UserDto> {
  const username = credentials.username.toLowerCase();
  // Recorded as a failure from here on, unless it is refused or succeeds (rate-limit.ts).
  const attempt = await startLoginAttempt(username, clientAddress);
  if (!attempt) {
    throw new AppError("RATE_LIMITED", "Too many failed sign-in attempts. Try again later.");
  }
  const user = await db.user.findUnique({ where: { username } });
  const valid = await verifyPassword(
    user?.passwordHash ?? (await decoyPasswordHash()),
    credentials.password,
  );
  if (!user || !valid) {
    throw new AppError("INVALID_CREDENTIALS", "Wrong username or password.");
  }
  await finishLoginAttempt(attempt);
  return toUserDto(user);
}
