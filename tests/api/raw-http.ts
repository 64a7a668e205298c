// Requests fetch cannot make, over node:http: methods it refuses (TRACE, PROPFIND), bodies
// streamed in pieces (chunked, or shorter than their Content-Length), reading the answer
// while the body is still being sent, and (by default) each request on a new connection.
import http from "node:http";
import { baseUrl, type ApiResponse } from "./client";

export type RawOptions = {
  headers?: Record<string, string>;
  /** Sent whole; omit for no body. */
  body?: string;
  /** Whose connections to use (a keep-alive agent keeps one); default a new connection. */
  agent?: http.Agent;
};

function toApiResponse(response: http.IncomingMessage, text: string): ApiResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    for (const v of Array.isArray(value) ? value : [value ?? ""]) headers.append(name, v);
  }
  const isJson = /^application\/json\b/i.test(headers.get("content-type") ?? "");
  let body: unknown;
  if (isJson && text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: response.statusCode ?? 0, headers, body, text };
}

function readAnswer(response: http.IncomingMessage): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on("data", (chunk: Buffer) => chunks.push(chunk));
    response.on("end", () => resolve(toApiResponse(response, Buffer.concat(chunks).toString())));
    response.on("error", reject);
  });
}

export function rawRequest(
  method: string,
  path: string,
  options: RawOptions = {},
): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    // node:http sends a DELETE's or TRACE's body without a length unless told one.
    const length =
      options.body === undefined
        ? {}
        : { "content-length": String(Buffer.byteLength(options.body)) };
    const request = http.request(new URL(path, baseUrl), {
      method,
      headers: { ...length, ...options.headers },
      agent: options.agent ?? false,
    });
    request.on("response", (response) => readAnswer(response).then(resolve, reject));
    request.on("error", reject);
    request.end(options.body);
  });
}

export type UploadResult = {
  response: ApiResponse | undefined;
  /** Bytes handed to the connection before the answer came (or the connection closed). */
  sent: number;
  /** Milliseconds from the start until the answer's headers arrived. */
  answeredAfterMs: number | undefined;
  /** The connection's error, when it failed before an answer. */
  failure?: string;
};

/**
 * Streams `totalBytes` of body in 1 MiB pieces, stopping as soon as an answer arrives or the
 * server closes the connection. Without `contentLength` the body goes chunked.
 */
export function streamUpload(
  path: string,
  totalBytes: number,
  options: { contentLength?: number; headers?: Record<string, string> } = {},
): Promise<UploadResult> {
  const piece = Buffer.alloc(1024 * 1024, "a");
  const started = performance.now();
  return new Promise((resolve) => {
    let sent = 0;
    let answered = false;
    let answeredAfterMs: number | undefined;
    let response: ApiResponse | undefined;
    const headers: Record<string, string> = {
      "content-type": "application/json",
      ...options.headers,
    };
    if (options.contentLength !== undefined)
      headers["content-length"] = String(options.contentLength);
    const request = http.request(new URL(path, baseUrl), { method: "POST", headers, agent: false });
    let failure: string | undefined;
    const finish = () => resolve({ response, sent, answeredAfterMs, failure });
    request.on("response", (res) => {
      answered = true;
      answeredAfterMs = performance.now() - started;
      readAnswer(res).then(
        (r) => {
          response = r;
          request.destroy();
          finish();
        },
        () => finish(),
      );
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      failure = error.code ?? error.message;
      if (!answered) finish();
    });
    const pump = () => {
      while (!answered && !request.destroyed && sent < totalBytes) {
        const chunk = piece.subarray(0, Math.min(piece.length, totalBytes - sent));
        sent += chunk.length;
        if (!request.write(chunk)) {
          request.once("drain", pump);
          return;
        }
      }
      if (!answered && !request.destroyed) request.end();
    };
    request.write("{");
    pump();
  });
}
