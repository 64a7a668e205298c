// Where the app server listens: PORT (default 3000) on HOST (default: every interface). Read
// by the process that listens: the server alone, or the primary of several workers.

export function listenAddress(): { port: number; host: string | undefined } {
  const port = Number(process.env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number; got "${process.env.PORT}".`);
  }
  return { port, host: process.env.HOST || undefined };
}
