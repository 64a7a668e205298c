// A small stateful stand-in for the few Stripe endpoints the app calls (creating a Checkout
// Session), on a free port, for the official SDK pointed at it with STRIPE_API_BASE; plus
// signed webhook deliveries built with the SDK's own test header helper. stripe-stateful-mock
// serves no Checkout Sessions or PaymentIntents, so it cannot stand in here.
import http from "node:http";
import type net from "node:net";
import Stripe from "stripe";

type Session = Pick<
  Stripe.Checkout.Session,
  | "id"
  | "object"
  | "amount_total"
  | "client_reference_id"
  | "currency"
  | "metadata"
  | "mode"
  | "payment_status"
  | "status"
  | "success_url"
  | "url"
>;

export type StripeFake = {
  baseUrl: string;
  sessions: Map<string, Session>;
  /** Answer every API call with 503, as an outage would. */
  down: boolean;
  /** Requests received, as `METHOD /path`. */
  requests: string[];
  close(): Promise<void>;
};

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => resolve(body));
    request.on("error", reject);
  });
}

export async function startStripeFake(): Promise<StripeFake> {
  const sessions = new Map<string, Session>();
  const byIdempotencyKey = new Map<string, Session>();
  const fake: StripeFake = {
    baseUrl: "",
    sessions,
    down: false,
    requests: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      fake.requests.push(`${request.method} ${request.url}`);
      const send = (status: number, data: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(data));
      };
      if (fake.down) {
        send(503, { error: { type: "api_error", message: "Service unavailable" } });
        return;
      }
      if (!request.headers.authorization?.startsWith("Bearer sk_test_")) {
        send(401, { error: { type: "invalid_request_error", message: "Invalid API key" } });
        return;
      }
      if (request.method === "POST" && request.url === "/v1/checkout/sessions") {
        const key = request.headers["idempotency-key"];
        const known = typeof key === "string" ? byIdempotencyKey.get(key) : undefined;
        if (known) return send(200, known);
        const form = new URLSearchParams(body);
        const metadata: Record<string, string> = {};
        for (const [name, value] of form) {
          const match = /^metadata\[(\w+)\]$/.exec(name);
          if (match?.[1]) metadata[match[1]] = value;
        }
        const id = `cs_test_${sessions.size + 1}_${Date.now()}`;
        const session: Session = {
          id,
          object: "checkout.session",
          amount_total: Number(form.get("line_items[0][price_data][unit_amount]")) || null,
          client_reference_id: form.get("client_reference_id"),
          currency: form.get("line_items[0][price_data][currency]"),
          metadata,
          mode: "payment",
          payment_status: "unpaid",
          status: "open",
          success_url: form.get("success_url"),
          url: `https://checkout.stripe.test/pay/${id}`,
        };
        sessions.set(id, session);
        if (typeof key === "string") byIdempotencyKey.set(key, session);
        return send(200, session);
      }
      send(404, { error: { type: "invalid_request_error", message: "Unknown endpoint" } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return fake;
}

let eventCount = 0;

/** A Checkout Session event as Stripe sends it (only the fields a handler reads are real). */
export function sessionEvent(
  type:
    | "checkout.session.completed"
    | "checkout.session.expired"
    | "checkout.session.async_payment_failed",
  session: Session,
  id = `evt_test_${++eventCount}_${Date.now()}`,
): string {
  const paid = type === "checkout.session.completed";
  return JSON.stringify({
    id,
    object: "event",
    type,
    api_version: "2025-01-01",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: {
      object: {
        ...session,
        payment_status: paid ? "paid" : "unpaid",
        status: paid ? "complete" : type === "checkout.session.expired" ? "expired" : "complete",
      },
    },
  });
}

/** The Stripe-Signature header for `payload`, signed with `secret` at `timestamp` (seconds). */
export function signature(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}
