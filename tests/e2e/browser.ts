// Browser-test helpers: chromium through playwright-core, a context per user, and the
// checks every page must pass (no console errors, no page errors, no Content-Security-Policy
// violations, no serious or critical axe violations, no horizontal scroll).
import fs from "node:fs";
import { createRequire } from "node:module";
import { expect, inject } from "vitest";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type ViewportSize,
} from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");

export const PASSWORD = "parking-demo";
export const DESKTOP: ViewportSize = { width: 1440, height: 900 };
export const PHONE: ViewportSize = { width: 375, height: 812 };

export function baseUrl(): string {
  return inject("baseUrl");
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/**
 * Records console errors and uncaught page errors of every page in the contexts it made.
 * A test that expects a failing request (a 402, say) names it with allow(); anything else
 * fails the test in assertClean().
 */
export class BrowserSession {
  readonly problems: string[] = [];
  private allowed: RegExp[] = [];
  private contexts: BrowserContext[] = [];

  constructor(readonly browser: Browser) {}

  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  async newContext(viewport: ViewportSize = DESKTOP): Promise<BrowserContext> {
    const context = await this.browser.newContext({ viewport, baseURL: baseUrl() });
    this.contexts.push(context);
    context.on("page", (page) => this.watch(page));
    // Every CSP violation the page reports (a blocked script, style, frame…) is a problem,
    // whether or not the browser also logs it.
    await context.exposeBinding("__reportCspViolation", ({ page }, text: string) => {
      this.problems.push(`CSP violation on ${page.url()}: ${text}`);
    });
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        const report = (window as unknown as { __reportCspViolation: (t: string) => void })
          .__reportCspViolation;
        report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
      });
    });
    return context;
  }

  /** A fresh context and page, signed in as `username` (through the API) when given. */
  async newPage(options: { user?: string; viewport?: ViewportSize } = {}): Promise<Page> {
    const context = await this.newContext(options.viewport);
    if (options.user) await signInApi(context, options.user);
    return context.newPage();
  }

  private watch(page: Page) {
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const source = message.location().url;
      const text = `console.error on ${page.url()}: ${message.text()}${source ? ` (${source})` : ""}`;
      if (!this.allowed.some((pattern) => pattern.test(message.text()))) this.problems.push(text);
    });
    page.on("pageerror", (error) => {
      this.problems.push(`page error on ${page.url()}: ${error.message}`);
    });
  }

  assertClean(): void {
    expect(this.problems.join("\n"), "console errors or page errors").toBe("");
  }

  /** Close this test's contexts and reset the recorded problems and allowances. */
  async reset(): Promise<void> {
    await Promise.all(this.contexts.map((c) => c.close()));
    this.contexts = [];
    this.allowed = [];
    this.problems.length = 0;
  }
}

export async function signInApi(context: BrowserContext, username: string): Promise<void> {
  const response = await context.request.post("/api/auth/login", {
    data: { username, password: PASSWORD },
  });
  expect(response.status(), `sign in ${username}`).toBe(200);
}

/** Waits until the page is hydrated and has settled (no request for 500 ms). */
export async function gotoAndSettle(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
}

const AXE_SOURCE = fs.readFileSync(AXE_PATH, "utf8");

/** Fails on any serious or critical axe-core violation on the page as it is now. */
export async function assertAccessible(page: Page): Promise<void> {
  // Evaluated through the DevTools protocol: a <script> tag would be refused by the page's
  // Content-Security-Policy (it carries no nonce).
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{
            violations: {
              id: string;
              impact?: string | null;
              help: string;
              nodes: { target: unknown[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
    }));
  });
  const severe = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(severe, `axe violations on ${page.url()}`).toEqual([]);
}

/** The page is no wider than the viewport at this size. */
export async function assertNoHorizontalScroll(page: Page, viewport: ViewportSize): Promise<void> {
  await page.setViewportSize(viewport);
  await page.waitForTimeout(100);
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(
    widths.scroll,
    `horizontal scroll at ${viewport.width}px on ${page.url()}`,
  ).toBeLessThanOrEqual(widths.client);
}
