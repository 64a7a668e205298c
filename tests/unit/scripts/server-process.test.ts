import { describe, expect, it } from "vitest";
import { SERVER_HEAP_MB, serverNodeOptions } from "@/scripts/server-process";

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
