// `npm run build`, after `next build`: compiles the server entry (server/main.ts) and what it
// imports from this repository into one ES module, .next/app-server/main.mjs, so the server
// process runs plain JavaScript (a TypeScript loader in it would cost ~35 MB of memory).
// Packages stay imports from node_modules.
import path from "node:path";
import { build } from "esbuild";
import { SERVER_ENTRY } from "./server-process";

const root = path.resolve(import.meta.dirname, "..");

await build({
  entryPoints: [path.join(root, "server/main.ts")],
  outfile: path.join(root, SERVER_ENTRY),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: path.join(root, "tsconfig.json"),
  sourcemap: "linked",
  logLevel: "warning",
});
