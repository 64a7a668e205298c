// `npm run build`, after `next build`: compiles the server entry (server/main.ts) and what it
// imports from this repository into ES modules in .next/app-server/ (main.mjs and the
// chunks it loads on demand: the primary of a multi-process server loads neither Next.js
// nor the database), so the server processes run plain JavaScript (a TypeScript loader in
// them would cost ~35 MB of memory each). Packages stay imports from node_modules.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { SERVER_ENTRY } from "./server-process";

const root = path.resolve(import.meta.dirname, "..");
const outdir = path.dirname(path.join(root, SERVER_ENTRY));

fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, "server/main.ts")],
  outdir,
  entryNames: path.basename(SERVER_ENTRY, ".mjs"),
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: path.join(root, "tsconfig.json"),
  sourcemap: "linked",
  logLevel: "warning",
});
