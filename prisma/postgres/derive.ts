// Derives the PostgreSQL schema from the one source of truth, prisma/schema.prisma
// (SQLite). Prisma fixes one provider per schema and per generated client, so the
// PostgreSQL deployment needs its own schema file and client; everything else (models,
// fields, indexes, names) is copied unchanged. The changes, and only these:
// - datasource provider "sqlite" -> "postgresql";
// - generator output -> lib/generated/prisma-pg (a client compiled for PostgreSQL);
// - every DateTime column -> timestamptz(3), so stored instants carry their zone and
//   round-trip exactly as they do in SQLite (millisecond precision, UTC);
// - enums become native PostgreSQL enum types (Prisma does this by itself).
// Money stays Int (integer columns) on both. Used by prisma/postgres/sync.ts (writes it)
// and tests/unit/db/pg-schema.test.ts (checks the checked-in copy is current).

export const GENERATED_HEADER = `// GENERATED from prisma/schema.prisma by \`npm run db:pg:sync\`: do not edit.
// The models live in prisma/schema.prisma (SQLite); this copy differs only in provider,
// client output and timestamptz(3) for DateTime (prisma/postgres/derive.ts).
`;

export function derivePostgresSchema(sqliteSchema: string): string {
  let out = sqliteSchema;
  const replaceOnce = (pattern: RegExp, replacement: string, what: string) => {
    if (!pattern.test(out)) throw new Error(`derivePostgresSchema: ${what} not found`);
    out = out.replace(pattern, replacement);
  };
  replaceOnce(
    /(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/,
    '$1"postgresql"',
    'datasource provider "sqlite"',
  );
  replaceOnce(
    /(generator\s+client\s*\{[^}]*output\s*=\s*)"\.\.\/lib\/generated\/prisma"/,
    '$1"../../lib/generated/prisma-pg"',
    'generator output "../lib/generated/prisma"',
  );
  // A DateTime field line: `  name  DateTime[?]  attributes...`. Add @db.Timestamptz(3)
  // right after the type unless a native type is already given.
  out = out.replace(
    /^(\s+\w+\s+DateTime\??)([^\n]*)$/gm,
    (line: string, head: string, rest: string) =>
      /@db\./.test(rest) ? line : `${head}${rest.replace(/\s*$/, "")} @db.Timestamptz(3)`,
  );
  return GENERATED_HEADER + "\n" + out;
}
