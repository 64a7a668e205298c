// Health, unknown /api paths and methods a route does not have.
import { describe, expect, it } from "vitest";
import { Client } from "./client";
import { staff } from "./fixtures";
import { expectError, expectOk, HealthBody } from "./schemas";

describe("GET /api/health", () => {
  it("answers 200 {status: ok, db: ok} to anyone", async () => {
    const body = expectOk(await new Client().get("/api/health"), 200, HealthBody);
    expect(body).toEqual({ status: "ok", db: "ok" });
  });
});

describe("unknown /api paths", () => {
  const paths = [
    "/api",
    "/api/nope",
    "/api/auth",
    "/api/auth/nope",
    "/api/reserve/1",
    "/api/slots/1/extra",
    "/api/health/extra",
    "/api/users/1/extra",
    "/api/me/extra",
  ];
  const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

  it.each(paths)("%s answers a JSON 404 NOT_FOUND to every method", async (path) => {
    for (const method of methods) {
      const response = await new Client().request(method, path);
      expect(response.status, `${method} ${path}`).toBe(404);
      expectError(response, { status: 404, code: "NOT_FOUND" });
    }
  });

  it("answers 404 to a signed-in user too (no route hides behind a sign-in wall)", async () => {
    const admin = await staff();
    expectError(await admin.get("/api/no-such-route"), { status: 404, code: "NOT_FOUND" });
    expectError(await admin.post("/api/no-such-route", { a: 1 }), {
      status: 404,
      code: "NOT_FOUND",
    });
  });
});

describe("methods a route does not have", () => {
  it.each([
    ["GET", "/api/reserve"],
    ["GET", "/api/end-reservation"],
    ["GET", "/api/add-balance"],
    ["GET", "/api/auth/login"],
    ["PUT", "/api/slots"],
    ["DELETE", "/api/me"],
    ["PATCH", "/api/reservations"],
    ["POST", "/api/users"],
  ])("%s %s answers 405, never 2xx or 500", async (method, path) => {
    const response = await new Client().request(method, path);
    expect(response.status).toBe(405);
  });
});
