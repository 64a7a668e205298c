// The process's one structured logger: JSON lines on stdout (pino, written as logged),
// level from LOG_LEVEL (default info). Every line written while a request is being handled
// carries that request's id (`reqId`), taken from the request context the HTTP server opens
// per request.
//
// The server entry (server/) and the Next.js bundle each get their own copy of this module,
// so the logger and the request context live on globalThis: both copies share one of each.
// LOG_LEVEL is read here rather than in lib/env.ts because the server entry must log before
// and outside the app bundle without loading zod and the database adapters that env.ts pulls in.
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type Logger } from "pino";

export type RequestContext = { requestId: string };

type Shared = { logger: Logger; requestContext: AsyncLocalStorage<RequestContext> };

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
type Level = (typeof LEVELS)[number];

function configuredLevel(value = process.env.LOG_LEVEL): Level {
  if (!value) return "info";
  const level = value.trim().toLowerCase();
  if ((LEVELS as readonly string[]).includes(level)) return level as Level;
  throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(", ")}; got "${value}".`);
}

function createShared(): Shared {
  const requestContext = new AsyncLocalStorage<RequestContext>();
  // Written as logged (sync): pino's default buffers and, on exit, flushes synchronously,
  // and that flush retries a write failing with EPIPE forever (sonic-boom 4.2): a process
  // whose log reader went away (a killed `| tee`) could never exit. A sync write that fails
  // with EPIPE turns logging off instead (pino's broken-pipe handling).
  const destination = pino.destination({ dest: 1, sync: true });
  const logger = pino(
    {
      level: configuredLevel(),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Names instead of numbers make the lines readable without a formatter.
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const context = requestContext.getStore();
        return context ? { reqId: context.requestId } : {};
      },
    },
    destination,
  );
  return { logger, requestContext };
}

const key = Symbol.for("smart-parking.log");
const shared = ((globalThis as { [key]?: Shared })[key] ??= createShared());

export const logger: Logger = shared.logger;

/** Runs `work` with `context` as the current request's (for the `reqId` of its log lines). */
export function withRequestContext<T>(context: RequestContext, work: () => T): T {
  return shared.requestContext.run(context, work);
}
