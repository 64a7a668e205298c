// Reading the app server's log (JSON lines, lib/log.ts): the lines of one request, and the
// problems a test run must not leave behind (anything unstructured, anything at error level
// or above that no test announced).
import fs from "node:fs";

export type LogLine = { level: string; msg?: string; reqId?: string; [key: string]: unknown };

const SERIOUS = new Set(["error", "fatal"]);

export function readServerLog(file: string): { lines: LogLine[]; unstructured: string[] } {
  const lines: LogLine[] = [];
  const unstructured: string[] = [];
  for (const text of fs.readFileSync(file, "utf8").split("\n")) {
    if (!text.trim()) continue;
    try {
      const parsed = JSON.parse(text) as LogLine;
      if (typeof parsed.level === "string") {
        lines.push(parsed);
        continue;
      }
    } catch {
      // not JSON: reported below
    }
    unstructured.push(text);
  }
  return { lines, unstructured };
}

/** Lines a clean run must not have: unstructured output, and errors not matching `expected`. */
export function logProblems(file: string, expected: RegExp[] = []): string[] {
  const { lines, unstructured } = readServerLog(file);
  const serious = lines
    .filter((line) => SERIOUS.has(line.level))
    .map((line) => JSON.stringify(line))
    .filter((text) => !expected.some((pattern) => pattern.test(text)));
  return [...unstructured.map((text) => `unstructured: ${text}`), ...serious];
}

/**
 * For a global setup's teardown: fails the run, listing them, when the log has lines a clean
 * run must not have. Vitest reports an error thrown there but still exits 0, hence the exit code.
 */
export function assertCleanLog(file: string, expected: RegExp[] = []): void {
  const problems = logProblems(file, expected);
  if (problems.length > 0) {
    process.exitCode = 1;
    throw new Error(
      `The server logged ${problems.length} problem line(s) (${file}):\n` +
        problems.slice(0, 20).join("\n"),
    );
  }
}
