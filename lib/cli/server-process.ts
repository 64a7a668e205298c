// Node options for the production app server, shared by `npm start` and `npm run bench` so
// the benchmark measures what operators run. Without a bound V8 sizes the old generation
// from the machine's memory (gigabytes) and collects lazily, so under 20 concurrent page
// renders the server's RSS grew past 430 MB; with 256 MB it stays near 250 MB at the same
// throughput (docs/performance.md). An operator's own --max-old-space-size wins.
export const SERVER_HEAP_MB = 256;

export function serverNodeOptions(existing: string = process.env.NODE_OPTIONS ?? ""): string {
  if (/--max-old-space-size/.test(existing)) return existing;
  return `${existing} --max-old-space-size=${SERVER_HEAP_MB}`.trim();
}
