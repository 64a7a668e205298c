// Splits a SQL script (a PostgreSQL migration file) into its statements at the semicolons
// that end one: not those inside '…' strings, "…" identifiers, -- and /* */ comments or
// $tag$…$tag$ dollar-quoted bodies (plpgsql functions). adapter-pg's own executeScript
// splits at every semicolon, which breaks function bodies (lib/db/pg-adapter.ts replaces
// it with this). Empty statements (only whitespace and comments) are dropped.
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  let hasCode = false;
  const n = script.length;
  const push = (end: number) => {
    const statement = script.slice(start, end).trim();
    if (hasCode && statement !== "") statements.push(statement);
    start = end + 1;
    hasCode = false;
  };
  while (i < n) {
    const c = script.charAt(i);
    const next = script.charAt(i + 1);
    if (c === "-" && next === "-") {
      const end = script.indexOf("\n", i);
      i = end === -1 ? n : end + 1;
    } else if (c === "/" && next === "*") {
      // PostgreSQL block comments nest.
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (script[i] === "/" && script[i + 1] === "*") {
          depth++;
          i += 2;
        } else if (script[i] === "*" && script[i + 1] === "/") {
          depth--;
          i += 2;
        } else i++;
      }
    } else if (c === "'" || c === '"') {
      // '' (or "") inside is an escaped quote: two adjacent quoted runs, same result.
      hasCode = true;
      const end = script.indexOf(c, i + 1);
      i = end === -1 ? n : end + 1;
    } else if (c === "$" && !/[\w$]/.test(script[i - 1] ?? "")) {
      const tag = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(script.slice(i));
      hasCode = true;
      if (tag) {
        const end = script.indexOf(tag[0], i + tag[0].length);
        i = end === -1 ? n : end + tag[0].length;
      } else i++;
    } else if (c === ";") {
      push(i);
      i++;
    } else {
      if (!/\s/.test(c)) hasCode = true;
      i++;
    }
  }
  push(n);
  return statements;
}
