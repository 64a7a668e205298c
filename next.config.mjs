/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  // pg and its adapter likewise stay plain node_modules imports.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@node-rs/argon2",
    "pg",
    "@prisma/adapter-pg",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  // Partial prerendering: every page's static shell (header frame, loading skeleton) is
  // built once and sent at once; the per-request parts stream into it. This is what makes
  // the dashboard's first byte fast while its server render still runs per request.
  cacheComponents: true,
  partialPrefetching: true,
  experimental: {
    // Next 16.4 turns this on silently with cacheComponents. Under concurrent page loads
    // it held the end of each page's inline RSC payload until the server was idle (pages
    // complete after seconds; docs/performance.md), and cost ~40% more CPU per page.
    cachedNavigations: false,
  },
};

export default nextConfig;
