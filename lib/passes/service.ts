// A reservation's QR pass for its owner or staff at its location: the signed token
// (lib/passes/token.ts) and the same token drawn as a QR code (SVG, by the `qrcode` package)
// for the reservation card and a gate's scanner.
import "server-only";
import QRCode from "qrcode";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { requireReservationAccess } from "@/lib/auth/access";
import { signPass } from "@/lib/passes/token";

export type PassDto = { token: string; qrSvg: string };

/** Its owner or staff at its location; anyone else's looks like it does not exist. */
export async function reservationPass(actor: Actor, reservationId: number): Promise<PassDto> {
  const reservation = await db.reservation.findUnique({
    where: { id: reservationId },
    select: { userId: true, slot: { select: { locationId: true } } },
  });
  if (!reservation) throw new AppError("NOT_FOUND", `Reservation ${reservationId} does not exist.`);
  await requireReservationAccess(actor, {
    id: reservationId,
    userId: reservation.userId,
    locationId: reservation.slot.locationId,
  });
  const token = await signPass(reservationId);
  // Medium error correction survives a scuffed phone screen; a 2-module quiet zone is
  // enough on a white card.
  const qrSvg = await QRCode.toString(token, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { token, qrSvg };
}
