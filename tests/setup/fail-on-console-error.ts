// A console.error during a test is a failure unless the test expects it
// (vi.spyOn(console, "error").mockImplementation(() => {}) in that test).
import { afterEach, beforeEach, vi } from "vitest";

let errors: unknown[][] = [];
const original = console.error;

beforeEach(() => {
  errors = [];
  console.error = (...args: unknown[]) => {
    errors.push(args);
    original(...args);
  };
});

afterEach(() => {
  const unexpected = vi.isMockFunction(console.error) ? [] : errors;
  console.error = original;
  if (unexpected.length > 0) {
    throw new Error(`console.error was called during the test: ${String(unexpected[0]?.[0])}`);
  }
});
