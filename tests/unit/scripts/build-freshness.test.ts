// When `npm start` rebuilds: no build, or a source changed after the build was made.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { staleBuildReason } from "@/scripts/build-freshness";
import { SERVER_ENTRY } from "@/scripts/server-process";

const roots: string[] = [];

function file(root: string, relative: string, mtime: Date) {
  const full = path.join(root, relative);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, "x");
  fs.utimesSync(full, mtime, mtime);
}

/** A project whose sources are an hour older than its build. */
function builtProject(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "freshness-"));
  roots.push(root);
  const earlier = new Date(Date.now() - 3_600_000);
  file(root, "app/page.tsx", earlier);
  file(root, "lib/slots/model.ts", earlier);
  file(root, "package-lock.json", earlier);
  for (const dir of ["app", "lib/slots", "lib"])
    fs.utimesSync(path.join(root, dir), earlier, earlier);
  file(root, ".next/BUILD_ID", new Date());
  file(root, SERVER_ENTRY, new Date());
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

describe("staleBuildReason", () => {
  it("is null for a build newer than every source", () => {
    expect(staleBuildReason(builtProject())).toBeNull();
  });

  it("asks for a build when there is none, or only half of one", () => {
    const root = builtProject();
    fs.rmSync(path.join(root, SERVER_ENTRY));
    expect(staleBuildReason(root)).toMatch(/no build/);
    fs.rmSync(path.join(root, ".next"), { recursive: true });
    expect(staleBuildReason(root)).toMatch(/no build/);
  });

  it("asks for a build when a source changed after it (a pull, an edit, npm ci)", () => {
    for (const changed of [
      "lib/slots/model.ts",
      "app/page.tsx",
      "package-lock.json",
      "server/edge.ts",
      "scripts/build-server.ts",
    ]) {
      const root = builtProject();
      file(root, changed, new Date(Date.now() + 60_000));
      expect(staleBuildReason(root), changed).toMatch(/changed after the last build/);
    }
  });

  it("ignores what the build does not read (tests, docs, data, other scripts)", () => {
    const root = builtProject();
    file(root, "tests/unit/x.test.ts", new Date(Date.now() + 60_000));
    file(root, "docs/x.md", new Date(Date.now() + 60_000));
    file(root, "scripts/db-backup.ts", new Date(Date.now() + 60_000));
    file(root, "data/parking.db", new Date(Date.now() + 60_000));
    expect(staleBuildReason(root)).toBeNull();
  });
});
