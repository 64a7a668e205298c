// ajv (JSON Schema 2020-12, strict) accepts zod's output for the whole document, and that
// output means what the zod schemas mean: UTC times with a Z, nullable fields, integer
// ranges, enums, no undocumented fields. The DTO mappers produce exactly these shapes.
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/app/api/_lib/openapi/document";
import { toSlotDto, toUserDto } from "@/lib/dto";
import type { ApiResponse } from "../../api/client";
import { ContractChecker, type OpenApi } from "../../api/contract";

const checker = new ContractChecker(buildOpenApiDocument() as unknown as OpenApi);

function answer(status: number, body: unknown, contentType = "application/json"): ApiResponse {
  const text = body === undefined ? "" : JSON.stringify(body);
  return { status, headers: new Headers({ "content-type": contentType }), body, text };
}

const user = toUserDto({
  id: 7,
  username: "alice",
  email: "alice@example.test",
  passwordHash: "never shown",
  phone: null,
  vehicleNumber: "AB12CDE",
  role: "driver",
  walletBalanceCents: 10_000,
  outstandingCents: 0,
  createdAt: new Date("2026-11-24T09:00:00.000Z"),
  staffAssignments: [],
});

const me = (changes: Record<string, unknown>) =>
  checker.check("GET", "/api/me", answer(200, { user: { ...user, ...changes } }));

describe("zod's JSON Schema under ajv", () => {
  it("compiles every response schema of the document in strict mode", () => {
    const doc = buildOpenApiDocument();
    let compiled = 0;
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const status of Object.keys(op.responses as object)) {
          const path = template.replace(/\{[^}]+\}/g, "1");
          // An empty JSON object is wrong for nearly every answer; what matters is that it compiles.
          checker.check(method, path, answer(Number(status), {}));
          compiled += 1;
        }
      }
    }
    expect(compiled).toBeGreaterThan(100);
  });

  it("accepts what the DTO mappers produce", () => {
    expect(me({})).toEqual([]);
    const slot = toSlotDto({
      id: 3,
      locationId: 1,
      slotNumber: "2-B-014",
      floorNumber: 2,
      zone: "B",
      slotType: "electric",
      pricePerHourCents: 450,
      isAvailable: true,
      outOfService: false,
      outOfServiceReason: "stale reason",
    } as Parameters<typeof toSlotDto>[0]);
    expect(
      checker.check("GET", "/api/slots?floor=2", answer(200, { slots: [slot], total: 1 })),
    ).toEqual([]);
  });

  it("takes times only as ISO-8601 in UTC with a Z", () => {
    expect(me({ createdAt: "2026-11-24T09:00:00Z" })).toEqual([]);
    expect(me({ createdAt: "2026-11-24T09:00:00.000+01:00" })).not.toEqual([]);
    expect(me({ createdAt: "2026-11-24T09:00:00.000" })).not.toEqual([]);
    expect(me({ createdAt: "2026-02-30T09:00:00.000Z" })).not.toEqual([]);
    expect(me({ createdAt: 1_700_000_000_000 })).not.toEqual([]);
  });

  it("takes null where a field is nullable, and nowhere else", () => {
    expect(me({ phone: null, vehicleNumber: null })).toEqual([]);
    expect(me({ email: null })).not.toEqual([]);
    expect(me({ phone: undefined })).not.toEqual([]); // required, though nullable
  });

  it("keeps integer ranges and refuses fractions", () => {
    expect(me({ walletBalanceCents: 0 })).toEqual([]);
    expect(me({ walletBalanceCents: -1 })).not.toEqual([]);
    expect(me({ walletBalanceCents: 10.5 })).not.toEqual([]);
    expect(me({ id: 0 })).not.toEqual([]);
    expect(me({ id: 2_147_483_648 })).not.toEqual([]);
  });

  it("keeps enums exact", () => {
    expect(me({ role: "staff" })).toEqual([]);
    expect(me({ role: "Staff" })).not.toEqual([]);
    expect(me({ role: "owner" })).not.toEqual([]);
  });

  it("refuses undocumented fields, statuses, codes, content types and methods", () => {
    expect(me({ passwordHash: "x" })).not.toEqual([]);
    expect(checker.check("GET", "/api/me", answer(418, { user }))).not.toEqual([]);
    const error = (code: string) => ({ error: { code, message: "No." } });
    expect(checker.check("GET", "/api/me", answer(401, error("UNAUTHENTICATED")))).toEqual([]);
    expect(checker.check("GET", "/api/me", answer(401, error("INVALID_CREDENTIALS")))).not.toEqual(
      [],
    );
    expect(checker.check("GET", "/api/me", answer(200, "<p>", "text/html"))).not.toEqual([]);
    // A VALIDATION_ERROR must name its fields.
    expect(checker.check("GET", "/api/slots", answer(400, error("VALIDATION_ERROR")))).not.toEqual(
      [],
    );
    expect(
      checker.check(
        "GET",
        "/api/slots",
        answer(400, {
          error: {
            code: "VALIDATION_ERROR",
            message: "No.",
            details: [{ path: "floor", message: "bad" }],
          },
        }),
      ),
    ).toEqual([]);
    // A method the path does not take: only a 405 with an Allow header.
    expect(checker.check("DELETE", "/api/me", answer(200, { user }))).not.toEqual([]);
    const refused = answer(405, error("METHOD_NOT_ALLOWED"));
    expect(checker.check("DELETE", "/api/me", refused)).not.toEqual([]);
    refused.headers.set("allow", "GET, HEAD, OPTIONS");
    expect(checker.check("DELETE", "/api/me", refused)).toEqual([]);
    // A path no route has: the catch-all's 404 only.
    expect(checker.check("GET", "/api/nope/deeper", answer(404, error("NOT_FOUND")))).toEqual([]);
    expect(checker.check("GET", "/api/nope", answer(200, {}))).not.toEqual([]);
  });

  it("documents an empty 204 as empty", () => {
    expect(checker.check("POST", "/api/auth/logout", answer(204, undefined))).toEqual([]);
    expect(checker.check("POST", "/api/auth/logout", answer(204, {}))).not.toEqual([]);
  });
});
