// The HTTP edge: bodies over the limit are refused without being read, methods a route does
// not take and malformed paths get the contract's JSON errors, and every answer carries a
// request id.
import fs from "node:fs";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { baseUrl, Client } from "./client";
import { rawRequest, streamUpload } from "./raw-http";
import { expectError, expectNoLeak, HealthBody, expectOk } from "./schemas";

const LIMIT = 64 * 1024;
const MB = 1024 * 1024;

function serverRssMb(): number {
  const status = fs.readFileSync(`/proc/${inject("serverPid")}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

describe("request bodies over the limit", () => {
  it("refuses a declared Content-Length over the limit at once, before the body arrives", async () => {
    // 400 MB declared, 1 MB sent: the answer must not wait for the rest.
    const result = await streamUpload("/api/auth/login", MB, { contentLength: 400 * MB });
    expect(result.response, `an answer before the body ended (${result.failure})`).toBeDefined();
    expectError(result.response!, { status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(result.answeredAfterMs!).toBeLessThan(5_000);
  });

  it("answers 413 to a body just over the limit with a correct Content-Length", async () => {
    const body = JSON.stringify({ username: "a".repeat(LIMIT), password: "x" });
    const response = await new Client().post("/api/auth/login", undefined, {
      body,
      headers: { "content-type": "application/json" },
    });
    expectError(response, { status: 413, code: "PAYLOAD_TOO_LARGE" });
  });

  it("stops reading a chunked body at the limit: 200 MB upload, 413 quickly, memory flat", async () => {
    const before = serverRssMb();
    const result = await streamUpload("/api/auth/login", 200 * MB);
    const after = serverRssMb();
    expect(result.response, `an answer before the body ended (${result.failure})`).toBeDefined();
    expectError(result.response!, { status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(result.answeredAfterMs!).toBeLessThan(5_000);
    expect(result.sent, "the upload was cut short").toBeLessThan(200 * MB);
    // Reading it whole would hold ≥ 200 MB (more as a string); a generous bound on growth.
    expect(after - before, `RSS ${before.toFixed(0)} → ${after.toFixed(0)} MB`).toBeLessThan(64);
    expectOk(await new Client().get("/api/health"), 200, HealthBody);
  });

  it("delivers the 413 to every client still sending: no reset overtakes the answer", async () => {
    // The connection is closed after such an answer; closing at once with the client's bytes
    // unread resets it, and a reset that arrives first loses the answer (EPIPE). A race, so
    // many uploads in a row.
    const failures: string[] = [];
    for (let i = 0; i < 40; i++) {
      const result = await streamUpload("/api/auth/login", 8 * MB);
      if (result.response?.status !== 413) failures.push(result.failure ?? "no answer");
    }
    expect(failures).toEqual([]);
  });

  it("takes a body just under the limit as before", async () => {
    const response = await new Client().post("/api/auth/login", {
      username: "nobody",
      password: "p".repeat(LIMIT - 100),
    });
    expect(response.status).not.toBe(413);
  });
});

describe("methods a route does not take", () => {
  const routes = [
    "/api/health",
    "/api/slots",
    "/api/slots/1",
    "/api/me",
    "/api/reserve",
    "/api/auth/logout",
    "/api/reservations/1/cancel",
  ];
  const methods = ["TRACE", "PROPFIND", "MKCOL", "PURGE", "LOCK", "PUT", "PATCH", "DELETE", "POST"];

  it.each(routes)("%s: 405 METHOD_NOT_ALLOWED with the route's Allow, in JSON", async (path) => {
    const options = await rawRequest("OPTIONS", path);
    const allow = options.headers.get("allow") ?? "";
    expect(allow, `OPTIONS ${path}`).toMatch(/OPTIONS/);
    const taken = new Set(allow.split(",").map((m) => m.trim()));
    for (const method of methods.filter((m) => !taken.has(m))) {
      const response = await rawRequest(method, path, {
        headers: { "x-forwarded-for": "10.0.0.1" },
      });
      expectError(response, { status: 405, code: "METHOD_NOT_ALLOWED" });
      expect(response.headers.get("allow"), `${method} ${path}`).toBe(allow);
    }
  });

  it("answers a method on a path with no route with 404, as every other method", async () => {
    for (const method of ["TRACE", "PROPFIND", "OPTIONS"]) {
      expectError(await rawRequest(method, "/api/no-such-route"), {
        status: 404,
        code: "NOT_FOUND",
      });
    }
  });

  it("answers a request Node cannot parse (an unknown method) with a JSON 400", async () => {
    const { port } = new URL(baseUrl);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), "127.0.0.1", () => {
        socket.write("FOO /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
      });
      let text = "";
      socket.on("data", (chunk) => (text += chunk.toString()));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toMatchObject({
      error: { code: "VALIDATION_ERROR" },
    });
  });
});

describe("malformed percent-encoding in the path", () => {
  const paths = [
    "/api/slots/%ff",
    "/api/slots/%",
    "/api/slots/%zz",
    "/api/%c3%28",
    "/api/reservations/%e0%a4/cancel",
    "/api/no-such-route/%ff",
    "/api/health%ff",
  ];
  it.each(paths)("%s: 400 VALIDATION_ERROR in JSON for every method", async (path) => {
    for (const method of ["GET", "POST", "PATCH", "DELETE", "TRACE"]) {
      const response = await rawRequest(method, path, {
        headers: { "content-type": "application/json" },
        body: method === "GET" || method === "TRACE" ? undefined : "{}",
      });
      expectError(response, { status: 400, code: "VALIDATION_ERROR", field: "(url)" });
      expectNoLeak(response);
    }
  });
});

describe("request ids", () => {
  it("echoes a plain X-Request-Id and makes one when there is none or it is not plain", async () => {
    const given = await new Client().get("/api/health", {
      headers: { "x-request-id": "abc-123.X:9" },
    });
    expect(given.headers.get("x-request-id")).toBe("abc-123.X:9");
    const made = await new Client().get("/api/health");
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    for (const bad of ["a b", "x".repeat(200), "<script>", "é"]) {
      const response = await rawRequest("GET", "/api/health", { headers: { "x-request-id": bad } });
      const id = response.headers.get("x-request-id");
      expect(id, bad).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("puts the id on error answers the edge gives too", async () => {
    const response = await rawRequest("TRACE", "/api/health", {
      headers: { "x-request-id": "t-1" },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("x-request-id")).toBe("t-1");
  });
});

describe("idle keep-alive connections", () => {
  // A load balancer or reverse proxy keeps its connections to the app open while idle (60 s
  // is the common default); the server must outlast it, or a request the proxy sends as the
  // server closes the connection meets a reset (a 502 for its client).
  it("keeps an idle connection open past Node's 5 s default and says how long it will", async () => {
    const { port } = new URL(baseUrl);
    const socket = net.connect(Number(port), "127.0.0.1");
    let text = "";
    let closed = false;
    socket.on("data", (chunk) => (text += chunk.toString()));
    socket.on("close", () => (closed = true));
    const answers = async (count: number) => {
      while ((text.match(/^HTTP\/1\.1 /gm) ?? []).length < count && !closed) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return text.match(/^HTTP\/1\.1 \d+/gm) ?? [];
    };
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", resolve);
        socket.once("error", reject);
      });
      socket.write("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
      expect(await answers(1)).toEqual(["HTTP/1.1 200"]);
      const keepAlive = /^keep-alive: timeout=(\d+)/im.exec(text);
      expect(Number(keepAlive?.[1])).toBeGreaterThanOrEqual(65);
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(closed).toBe(false);
      socket.write("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
      expect(await answers(2)).toEqual(["HTTP/1.1 200", "HTTP/1.1 200"]);
    } finally {
      socket.destroy();
    }
  }, 15_000);
});
