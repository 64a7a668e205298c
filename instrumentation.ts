// Runs once when the server starts. A timer completes reservations whose time is up, so
// slots are released even when nobody is reading; read paths also sweep before they look.
// Another expires top-ups whose payment never started.
// Scheduled work runs once per machine: in a multi-process server on worker 0 only, whose
// replacement takes it over if it dies (lib/processes.ts, docs/processes.md).
// At shutdown (lib/shutdown.ts, run by the server entry once requests are finished) the
// timer stops, a sweep in progress finishes, and the database connection closes.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { sweepExpiredReservations } = await import("@/lib/reservations/expiry");
  const { logger } = await import("@/lib/log");
  const { onShutdown } = await import("@/lib/shutdown");
  const { db } = await import("@/lib/db/client");
  const { runsScheduledWork } = await import("@/lib/processes");
  onShutdown("close the database", () => db.$disconnect());
  // Before the first request: a GET of a pass must not be what creates the key.
  const { ensurePassSigningKey } = await import("@/lib/passes/token");
  await ensurePassSigningKey();
  if (!runsScheduledWork()) return;
  // Worker 0 books for the other workers on SQLite (lib/reservations/forwarding.ts).
  const { serveForwardedBookings } = await import("@/lib/reservations/forwarding");
  const { bookHere } = await import("@/lib/reservations/batch");
  serveForwardedBookings(bookHere);
  // Work on a timer: a failed run is logged; stop() clears the timer and waits for a run
  // under way.
  const repeat = (ms: number, failed: string, work: () => Promise<unknown>) => {
    let running: Promise<unknown> = Promise.resolve();
    const run = () =>
      (running = work().catch((error: unknown) => logger.error({ err: error }, failed)));
    const timer = setInterval(run, ms).unref();
    return {
      run,
      stop: async () => {
        clearInterval(timer);
        await running;
      },
    };
  };
  const sweeps = repeat(15_000, "Reservation expiry sweep failed", () =>
    sweepExpiredReservations(),
  );
  await sweeps.run();
  // Top-ups the payment provider never answered the start of, expired an hour on
  // (lib/payments/top-ups.ts); a scan of the top-ups, hence not every 15 s.
  const { expireUnstartedTopUps } = await import("@/lib/payments/top-ups");
  const topUps = repeat(600_000, "Top-up expiry failed", async () => {
    const count = await expireUnstartedTopUps();
    if (count > 0) logger.info({ count }, "Expired top-ups the provider never started");
  });
  onShutdown("stop the expiry sweep", async () => {
    await Promise.all([sweeps.stop(), topUps.stop()]);
  });
}
