// Work to finish before the server process exits: the HTTP server (server/) runs these once
// it has stopped accepting and its in-flight requests are answered. The app bundle registers
// here (instrumentation.ts: stop the expiry sweep, close the database) and the server entry
// runs them; each has its own copy of this module, hence the registry on globalThis.

type Hook = { name: string; run: () => Promise<void> | void };

const key = Symbol.for("smart-parking.shutdown-hooks");
const hooks = ((globalThis as { [key]?: Hook[] })[key] ??= []);

/** Registers work for shutdown; hooks run in reverse order of registration. */
export function onShutdown(name: string, run: Hook["run"]): void {
  hooks.push({ name, run });
}

/** Runs every hook once (last registered first); says which ran and which failed. */
export async function runShutdownHooks(
  report: (name: string, error: unknown) => void,
): Promise<{ ran: string[]; failed: string[] }> {
  const ran: string[] = [];
  const failed: string[] = [];
  for (const hook of hooks.splice(0).reverse()) {
    try {
      await hook.run();
      ran.push(hook.name);
    } catch (error) {
      report(hook.name, error);
      failed.push(hook.name);
    }
  }
  return { ran, failed };
}
