// Arbitraries (fast-check) for fuzzing the API's inputs, and how they go on the wire:
// JSON bodies with wrong types, extreme and fractional numbers (also as raw literals JSON
// cannot round-trip, like -0 and 1e400), long and unicode strings, duplicated, extra and
// missing fields; raw non-JSON bodies and wrong content types; query strings with
// duplicated parameters and bad percent-encoding; path segments likewise. Long for its
// lists of boundary values.
import fc from "fast-check";

/** A number written into JSON text as is (JSON.stringify would change or refuse it). */
export class RawLiteral {
  constructor(readonly text: string) {}
}

/** A field value meaning "leave the field out" (optional fields: see optional()). */
export const OMIT = Symbol("omit");

/** An optional field: often left out, else a value of `valid`. */
export function optional<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<T | typeof OMIT> {
  return fc.oneof(valid, fc.constant(OMIT));
}

/** A JSON object body as written: entries in order, keys may repeat. */
export class Entries {
  constructor(readonly entries: [string, unknown][]) {}
}

/** Serialises a body value, keeping raw literals and repeated keys as written. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawLiteral) return value.text;
  if (value instanceof Entries) {
    const present = value.entries.filter(([, v]) => v !== OMIT);
    return `{${present.map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`).join(",")}}`;
  }
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return toJsonText(new Entries(Object.entries(value)));
  }
  // undefined (a missing value inside an array) is written as null, as JSON.stringify does.
  return JSON.stringify(value) ?? "null";
}

/** encodeURIComponent for any string: a lone surrogate (which it refuses) becomes U+FFFD. */
export function encode(text: string): string {
  return encodeURIComponent(
    text.replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      "\ufffd",
    ),
  );
}

const TWO_31 = 2 ** 31;
const TWO_53 = 2 ** 53;

/** Numbers at and beyond every boundary a field or a database column has. */
export const extremeNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    0,
    1,
    -1,
    2,
    23,
    24,
    25,
    100_000,
    100_001,
    TWO_31 - 1,
    TWO_31,
    -TWO_31,
    -TWO_31 - 1,
    2 ** 32,
    TWO_53 - 1,
    TWO_53,
    TWO_53 + 2,
    -TWO_53,
    1e21,
    1e308,
    -1e308,
    Number.MIN_VALUE,
    0.5,
    1.5,
    0.1 + 0.2,
    99.99,
  ),
  fc.integer(),
  fc.integer({ min: -1_000, max: 1_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc
    .constantFrom(
      "-0",
      "1e400",
      "-1e400",
      "1E2",
      "1.0",
      "2147483648",
      "9007199254740993",
      "123456789012345678901234567890",
      "0.0000001",
      "1e-400",
    )
    .map((text) => new RawLiteral(text)),
);

const specialStrings = [
  "",
  " ",
  "\u0000",
  "\t\n",
  "null",
  "true",
  "1",
  "-1",
  "1.5",
  "1e3",
  "0x10",
  "2147483648",
  "١٢٣",
  "𝟙𝟚",
  "²",
  "é",
  "e\u0301",
  "🅿️🚗",
  "\u202eevil",
  "\ud800",
  "'; DROP TABLE users; --",
  "%00",
  "%",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "staff@parking.example",
  "a".repeat(33),
  "x".repeat(300),
  "p".repeat(10_000),
  "ü".repeat(1_000),
  "2026-11-24T09:00:00.000Z",
  "2026-11-24T09:00:00+01:00",
  "9999-12-31T23:59:59.999Z",
  "0000-01-01T00:00:00.000Z",
  "regular",
  "REGULAR",
  "all",
];

/** Long, unicode, control-character and look-alike strings. */
export const oddString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...specialStrings),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "binary-ascii", minLength: 200, maxLength: 2_000 }),
);

const smallJson = fc.jsonValue({ maxDepth: 2 });

/** Any value a field might carry: the valid kind (often), or anything else. */
export function fieldValue(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 3, arbitrary: extremeNumber },
    { weight: 3, arbitrary: oddString },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
    { weight: 1, arbitrary: smallJson },
    { weight: 1, arbitrary: fc.array(valid, { maxLength: 3 }) },
    { weight: 1, arbitrary: valid.map((v) => ({ value: v })) },
  );
}

export type Send = { body?: string; contentType?: string; headers?: Record<string, string> };

/**
 * Every field valid, then at most one of them broken (removed, or given another kind of
 * value): requests that reach the checks behind validation, and each field's own refusal.
 */
function nearlyValid(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Entries> {
  const names = Object.keys(fields);
  if (names.length === 0) return fc.constant(new Entries([]));
  const junk = fieldValue(fc.constant(null));
  return fc
    .tuple(
      fc.tuple(...names.map((name) => fields[name]!)),
      fc.option(fc.tuple(fc.nat(names.length - 1), fc.option(junk, { freq: 3 })), { freq: 2 }),
    )
    .map(([values, broken]) => {
      const entries = names.map((name, i): [string, unknown] => [name, values[i]]);
      if (broken === null) return new Entries(entries);
      const [index, replacement] = broken;
      if (replacement === null) entries.splice(index, 1);
      else entries[index] = [names[index]!, replacement];
      return new Entries(entries);
    });
}

/**
 * A request body built around `fields` (each present or missing, valid or not), with
 * extra fields and repeated keys sometimes; or any JSON value; or text that is not JSON;
 * or a content type that is not JSON.
 */
export function body(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Send> {
  const entry = (key: string, value: fc.Arbitrary<unknown>) =>
    fc.option(
      fieldValue(value).map((v): [string, unknown] => [key, v]),
      { freq: 6 },
    );
  const names = Object.keys(fields);
  // Unknown fields, and the known ones again (a repeated key: JSON.parse keeps the last).
  const extraKey =
    names.length > 0 ? fc.oneof(fc.constantFrom(...names), fc.string()) : fc.string();
  const objectBody = fc
    .tuple(
      fc.tuple(...Object.entries(fields).map(([key, value]) => entry(key, value))),
      fc.array(fc.tuple(extraKey, smallJson), { maxLength: 2 }),
    )
    .map(([known, extra]) => {
      const present = known.filter((e): e is [string, unknown] => e !== null);
      return new Entries([...present, ...extra]);
    });
  const json = (value: unknown): Send => ({
    body: toJsonText(value),
    contentType: "application/json",
  });
  return fc.oneof(
    { weight: 8, arbitrary: nearlyValid(fields).map(json) },
    { weight: 6, arbitrary: objectBody.map(json) },
    { weight: 2, arbitrary: smallJson.map(json) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          oddString,
          fc.constantFrom("{", "{bad", '{"a":1,}', "{} {}", "[", "\u0000{}", "{'a':1}", "NaN"),
        )
        .map((text) => ({ body: text, contentType: "application/json" })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          objectBody,
          fc.constantFrom(
            undefined,
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/jsonx",
            "application/json-patch+json",
            "multipart/form-data; boundary=x",
            "application/json; charset=utf-16",
          ),
        )
        .map(([value, contentType]) => ({ body: toJsonText(value), contentType })),
    },
  );
}

/** Percent-encoding that is malformed or decodes to something odd. */
const badEncoding = fc.constantFrom(
  "%",
  "%z",
  "%zz",
  "%ff",
  "%e9",
  "%C0%AF",
  "%ED%A0%80",
  "%00",
  "%2",
  "%%41",
  "%u0041",
  "+",
  "%20",
  "a%2Fb",
  "%0d%0a",
);

/** A query-string value as written into the URL (encoded, or raw bad encoding). */
export function queryValue(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: valid.map(encode) },
    {
      weight: 3,
      arbitrary: extremeNumber.map((n) => encode(n instanceof RawLiteral ? n.text : String(n))),
    },
    { weight: 3, arbitrary: oddString.map(encode) },
    { weight: 2, arbitrary: badEncoding },
    { weight: 1, arbitrary: fc.tuple(valid, badEncoding).map(([v, bad]) => `${v}${bad}`) },
  );
}

/**
 * A query string over `params` (each absent, present or repeated) plus unknown ones.
 * Returns "" or "?…".
 */
export function query(params: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const names = Object.keys(params);
  const pair =
    names.length === 0
      ? fc.tuple(fc.string({ maxLength: 8 }).map(encode), queryValue(fc.string()))
      : fc.oneof(
          ...names.map((name) =>
            queryValue(params[name]!).map((value): [string, string] => [name, value]),
          ),
          fc.tuple(
            fc.oneof(fc.string({ maxLength: 8 }).map(encode), badEncoding),
            queryValue(fc.string()),
          ),
        );
  const chaotic = fc.array(pair, { maxLength: 5 });
  // Every parameter with a valid value, one of them perhaps broken or repeated.
  const complete = fc
    .tuple(
      fc.tuple(...names.map((name) => params[name]!.map(encode))),
      fc.option(fc.tuple(fc.nat(Math.max(0, names.length - 1)), pair), { freq: 2 }),
    )
    .map(([values, extra]) => {
      const pairs = names.map((name, i): [string, string] => [name, values[i]!]);
      if (extra !== null) {
        const [index, broken] = extra;
        if (broken[0] === pairs[index]?.[0]) pairs[index] = broken;
        else pairs.push(broken);
      }
      return pairs;
    });
  return fc
    .oneof(chaotic, ...(names.length > 0 ? [complete] : []))
    .map((pairs) => (pairs.length === 0 ? "" : `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`));
}

/** Whether path segments get malformed percent-encoding too (the HTTP edge answers 400). */
export const BAD_ENCODING_IN_PATHS = true;

/** A dynamic path segment: `valid` ids (as text), or anything else, sometimes badly encoded. */
export function pathSegment(valid: fc.Arbitrary<number>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: valid.map(String) },
    {
      weight: 3,
      arbitrary: extremeNumber.map((n) => encode(n instanceof RawLiteral ? n.text : String(n))),
    },
    { weight: 2, arbitrary: oddString.filter((s) => s !== "").map(encode) },
    ...(BAD_ENCODING_IN_PATHS ? [{ weight: 2, arbitrary: badEncoding }] : []),
  );
}

/** An Idempotency-Key header value (what fetch can send: no control characters). */
export const idempotencyKey: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.uuid(),
  fc.string({ maxLength: 300 }),
  fc.constantFrom(" ", "a b", "x".repeat(256), "é", "\t"),
);
