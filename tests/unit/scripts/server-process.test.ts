import { describe, expect, it } from "vitest";
import {
  MALLOC_ARENAS,
  SERVER_HEAP_MB,
  serverNodeOptions,
  serverProcessEnv,
} from "@/scripts/server-process";

describe("serverNodeOptions", () => {
  it("bounds the server's heap by default, keeping other options", () => {
    expect(serverNodeOptions("")).toBe(`--max-old-space-size=${SERVER_HEAP_MB}`);
    expect(serverNodeOptions("--enable-source-maps")).toBe(
      `--enable-source-maps --max-old-space-size=${SERVER_HEAP_MB}`,
    );
  });

  it("leaves an operator's own heap size alone", () => {
    expect(serverNodeOptions("--max-old-space-size=1024")).toBe("--max-old-space-size=1024");
  });
});

describe("serverProcessEnv", () => {
  it("adds the heap bound and the malloc arenas to the environment given", () => {
    expect(serverProcessEnv({ PORT: "3000", NODE_OPTIONS: "--enable-source-maps" })).toEqual({
      PORT: "3000",
      NODE_OPTIONS: `--enable-source-maps --max-old-space-size=${SERVER_HEAP_MB}`,
      MALLOC_ARENA_MAX: MALLOC_ARENAS,
    });
  });

  it("leaves an operator's own arena count alone", () => {
    expect(serverProcessEnv({ MALLOC_ARENA_MAX: "8" }).MALLOC_ARENA_MAX).toBe("8");
  });
});
