// A small HTTP client for the API tests: one cookie jar and one client address per
// simulated user, JSON helpers, and ways to get signed-in demo users and fresh drivers.
// The login rate limit counts failures per username and per client address (the
// right-most X-Forwarded-For entry), so every client gets an address of its own.
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { recordContractCheck } from "./contract";

export const baseUrl = inject("baseUrl");
export const DEMO_PASSWORD = "parking-demo";
export const MAX_TOP_UP_CENTS = 100_000;

export type ApiResponse = {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response declares JSON, else undefined. */
  body: unknown;
  text: string;
};

export type RequestOptions = {
  /** Serialised as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** A raw body, sent as is (set the content type in `headers` if wanted). */
  body?: string;
  headers?: Record<string, string>;
};

export type SessionUser = { id: number; username: string; email: string; role: string };

/** A TEST-NET-like private address, random so that test files never share one. */
export function uniqueAddress(): string {
  const [a, b, c] = randomBytes(3);
  return `10.${a}.${b}.${c}`;
}

const runTag = randomBytes(3).toString("hex");
let nameCounter = 0;

/** A username nobody has used in this run (3..32 characters of a-z 0-9 _ . -). */
export function uniqueUsername(prefix = "t"): string {
  nameCounter += 1;
  return `${prefix}${runTag}${randomBytes(2).toString("hex")}_${nameCounter}`.slice(0, 32);
}

type StoredCookie = { value: string; attributes: Record<string, string | true> };

/** Parses one Set-Cookie header into its name, value and lower-cased attributes. */
export function parseSetCookie(header: string): { name: string } & StoredCookie {
  const [pair = "", ...parts] = header.split(";");
  const eq = pair.indexOf("=");
  const attributes: Record<string, string | true> = {};
  for (const part of parts) {
    const i = part.indexOf("=");
    const key = (i === -1 ? part : part.slice(0, i)).trim().toLowerCase();
    if (key) attributes[key] = i === -1 ? true : part.slice(i + 1).trim();
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes };
}

function isExpiry(cookie: StoredCookie): boolean {
  const maxAge = cookie.attributes["max-age"];
  if (typeof maxAge === "string" && Number(maxAge) <= 0) return true;
  const expires = cookie.attributes.expires;
  return typeof expires === "string" && Date.parse(expires) <= Date.now();
}

export class Client {
  readonly address: string;
  user: SessionUser | undefined;
  /** The signed-in user's password, to sign them in elsewhere (anotherSession). */
  password: string | undefined;
  private readonly jar = new Map<string, string>();

  constructor(address: string = uniqueAddress()) {
    this.address = address;
  }

  /** A second client with a copy of this one's cookies (and its own address). */
  clone(): Client {
    const copy = new Client();
    for (const [name, value] of this.jar) copy.jar.set(name, value);
    copy.user = this.user;
    copy.password = this.password;
    return copy;
  }

  /**
   * A second browser: a new session of the same user (its own cookie, which ends apart
   * from this one's), or a new anonymous client for an anonymous one.
   */
  async anotherSession(): Promise<Client> {
    if (!this.user || this.password === undefined) return new Client();
    return login(this.user.username, this.password);
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  setCookie(name: string, value: string): void {
    this.jar.set(name, value);
  }

  clearCookies(): void {
    this.jar.clear();
  }

  /** What this client sends with every request: its address and its cookies. */
  baseHeaders(): Record<string, string> {
    const headers: Record<string, string> = { "x-forwarded-for": this.address };
    if (this.jar.size > 0) {
      headers.cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
    }
    return headers;
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const headers = this.baseHeaders();
    let body: string | undefined = options.body;
    if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    }
    Object.assign(headers, options.headers);
    const response = await fetch(baseUrl + path, { method, headers, body, redirect: "manual" });
    for (const header of response.headers.getSetCookie()) {
      const { name, ...cookie } = parseSetCookie(header);
      if (isExpiry(cookie)) this.jar.delete(name);
      else this.jar.set(name, cookie.value);
    }
    const text = await response.text();
    const isJson = /^application\/json\b/i.test(response.headers.get("content-type") ?? "");
    let parsed: unknown;
    if (isJson && text !== "") {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined; // left undefined: the caller's schema check then fails loudly
      }
    }
    const result = { status: response.status, headers: response.headers, body: parsed, text };
    await recordContractCheck(method, path, result);
    return result;
  }

  get(path: string, options?: RequestOptions): Promise<ApiResponse> {
    return this.request("GET", path, options);
  }

  post(path: string, json?: unknown, options: RequestOptions = {}): Promise<ApiResponse> {
    return this.request("POST", path, json === undefined ? options : { ...options, json });
  }
}

function sessionUserOf(response: ApiResponse, context: string): SessionUser {
  const user = (response.body as { user?: SessionUser } | undefined)?.user;
  if (!user || typeof user.id !== "number") {
    throw new Error(`${context} failed: ${response.status} ${response.text.slice(0, 300)}`);
  }
  return user;
}

/** A client signed in as `username` (the demo users share one password). */
export async function login(username: string, password = DEMO_PASSWORD): Promise<Client> {
  const client = new Client();
  const response = await client.post("/api/auth/login", { username, password });
  if (response.status !== 200) {
    throw new Error(`login as ${username} failed: ${response.status} ${response.text}`);
  }
  client.user = sessionUserOf(response, `login as ${username}`);
  client.password = password;
  return client;
}

/** Tops up a wallet in steps the API accepts; `client` is the user or staff acting for them. */
export async function topUp(client: Client, amountCents: number, userId?: number): Promise<number> {
  let balance = Number.NaN;
  for (let left = amountCents; left > 0; left -= MAX_TOP_UP_CENTS) {
    const response = await client.post("/api/add-balance", {
      amountCents: Math.min(left, MAX_TOP_UP_CENTS),
      ...(userId !== undefined && { userId }),
    });
    if (response.status !== 200) {
      throw new Error(`top-up failed: ${response.status} ${response.text}`);
    }
    balance = (response.body as { walletBalanceCents: number }).walletBalanceCents;
  }
  return balance;
}

/** Registers a new driver (signed in by registering) and tops their wallet up. */
export async function registerDriver(balanceCents = 0): Promise<Client> {
  const client = new Client();
  const username = uniqueUsername("d");
  const password = "correct horse battery";
  const response = await client.post("/api/auth/register", {
    username,
    email: `${username}@example.test`,
    password,
  });
  if (response.status !== 201) {
    throw new Error(`register ${username} failed: ${response.status} ${response.text}`);
  }
  client.user = sessionUserOf(response, `register ${username}`);
  client.password = password;
  if (balanceCents > 0) await topUp(client, balanceCents);
  return client;
}

/** Runs `task` over `items` with at most `width` at a time (argon2 is CPU-bound). */
export async function inBatches<T, R>(
  items: readonly T[],
  width: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

export async function registerDrivers(count: number, balanceCents = 0): Promise<Client[]> {
  return inBatches(
    Array.from({ length: count }, (_, i) => i),
    4,
    () => registerDriver(balanceCents),
  );
}
