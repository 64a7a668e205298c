// Fails an API test file when any response it received did not match the OpenAPI document
// (tests/api/contract.ts checks each one in the tests' HTTP client).
import { afterAll, expect } from "vitest";
import { contractFailures } from "../api/contract";

afterAll(() => {
  const failures = contractFailures();
  expect(failures, `responses off the contract:\n${failures.join("\n")}`).toEqual([]);
});
