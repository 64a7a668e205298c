// Runs once when the server starts. A timer completes reservations whose time is up, so
// slots are released even when nobody is reading; read paths also sweep before they look.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { sweepExpiredReservations } = await import("@/lib/reservations/expiry");
  const sweep = () =>
    sweepExpiredReservations().catch((error: unknown) =>
      console.error("Reservation expiry sweep failed:", error),
    );
  await sweep();
  setInterval(sweep, 15_000).unref();
}
