// One browser per test file; each test gets fresh contexts and fails on console errors.
import { afterAll, afterEach, beforeAll } from "vitest";
import { BrowserSession, launchBrowser } from "./browser";

export function setupBrowser(): { session: () => BrowserSession } {
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    session = new BrowserSession(await launchBrowser());
  });
  afterEach(async () => {
    try {
      session?.assertClean();
    } finally {
      await session?.reset();
    }
  });
  afterAll(async () => {
    await session?.browser.close();
  });
  return {
    session: () => {
      if (!session) throw new Error("browser not launched");
      return session;
    },
  };
}
