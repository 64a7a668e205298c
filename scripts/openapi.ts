// npm run openapi [-- <file>]: writes the OpenAPI document (the one GET /api/openapi.json
// serves) to a file, openapi.json by default, for SDK generators and reviewers.
import { writeFileSync } from "node:fs";
import { buildOpenApiDocument } from "@/app/api/_lib/openapi/document";

const file = process.argv[2] ?? "openapi.json";
writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
console.log(`Wrote ${file}`);
