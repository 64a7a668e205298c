// `npm run forecast:eval`: the app's forecaster on occupancy history from outside the app,
// in the common public car-park format (one row per car park about every 30 minutes):
//
//   SystemCodeNumber,Capacity,Occupancy,LastUpdated
//   BHMBCCMKT01,577,61,2016-10-04 07:59:42
//
// Each park becomes an hourly occupancy-rate series (the mean rate of the readings in each
// hour; hours without readings, e.g. nights, are gaps). The last 20% of each park's
// timeline is the test period: from origins every 24 h inside it, each method forecasts
// the next 24 h from what was observed strictly before the origin, and is scored on the
// observed hours. Timestamps carry no zone and are read as they are (as UTC).
//
// A malformed file (wrong header, a row with the wrong number of columns) is an error
// naming the line; rows with impossible values are counted and skipped.
import { CsvError, parse } from "csv-parse/sync";
import {
  accumulatorStats,
  emptyAccumulators,
  HOURS_PER_DAY,
  mergeAccumulators,
  rollingOriginErrors,
  type ErrorStats,
  type ForecastMethod,
} from "@/lib/analytics/forecast";
import { HOUR_MS } from "@/lib/time";

const CSV_HEADER = ["SystemCodeNumber", "Capacity", "Occupancy", "LastUpdated"] as const;
const TEST_SHARE = 0.2;

export class CsvFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "CsvFormatError";
  }
}

export type SkipReason =
  "occupancyAboveCapacity" | "negative" | "unparsableDate" | "notANumber" | "missingPark";

export type ParsedCsv = {
  rows: number;
  used: number;
  skipped: Record<SkipReason, number>;
  /** Readings per park: time (ms) and occupancy rate. */
  parks: Map<string, { time: number; rate: number }[]>;
};

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/** `2016-10-04 07:59:42` as UTC milliseconds, or null when it is no real time. */
export function parseTimestamp(text: string): number | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute
  ) {
    return null;
  }
  return ms;
}

const INTEGER = /^-?\d+(\.0+)?$/;

/** The file's records (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function readRecords(text: string): { fields: string[]; line: number }[] {
  try {
    // With `info`, each record comes as { record, info } (the sync API's types omit it).
    const records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // Every row's width is checked below, naming its line.
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ fields: record, line: info.lines }));
  } catch (error) {
    if (error instanceof CsvError) {
      throw new CsvFormatError(typeof error.lines === "number" ? error.lines : 0, error.message);
    }
    throw error;
  }
}

export function parseParkingCsv(text: string): ParsedCsv {
  const [first, ...records] = readRecords(text);
  const header = first?.fields ?? [];
  if (header.length !== CSV_HEADER.length || header.some((h, i) => h !== CSV_HEADER[i])) {
    throw new CsvFormatError(1, `expected the header "${CSV_HEADER.join(",")}"`);
  }
  const parsed: ParsedCsv = {
    rows: 0,
    used: 0,
    skipped: {
      occupancyAboveCapacity: 0,
      negative: 0,
      unparsableDate: 0,
      notANumber: 0,
      missingPark: 0,
    },
    parks: new Map(),
  };
  for (const { fields, line } of records) {
    if (fields.length !== CSV_HEADER.length) {
      throw new CsvFormatError(
        line,
        `expected ${CSV_HEADER.length} columns, found ${fields.length}`,
      );
    }
    parsed.rows += 1;
    const [park, capacityText, occupancyText, updated] = fields as [string, string, string, string];
    const reason = ((): SkipReason | null => {
      if (park === "") return "missingPark";
      if (!INTEGER.test(capacityText) || !INTEGER.test(occupancyText)) return "notANumber";
      const capacity = Number(capacityText);
      const occupancy = Number(occupancyText);
      if (capacity <= 0 || occupancy < 0) return "negative";
      if (occupancy > capacity) return "occupancyAboveCapacity";
      const time = parseTimestamp(updated);
      if (time === null) return "unparsableDate";
      const readings = parsed.parks.get(park) ?? [];
      readings.push({ time, rate: occupancy / capacity });
      parsed.parks.set(park, readings);
      return null;
    })();
    if (reason) parsed.skipped[reason] += 1;
    else parsed.used += 1;
  }
  return parsed;
}

/** Hourly mean rates from the first to the last reading's hour; null where none. */
export function hourlySeries(readings: readonly { time: number; rate: number }[]) {
  let first = Infinity;
  let last = -Infinity;
  for (const { time } of readings) {
    const hour = Math.floor(time / HOUR_MS);
    first = Math.min(first, hour);
    last = Math.max(last, hour);
  }
  if (!Number.isFinite(first)) return { start: 0, values: [] as (number | null)[] };
  const sums = new Array<number>(last - first + 1).fill(0);
  const counts = new Array<number>(last - first + 1).fill(0);
  for (const { time, rate } of readings) {
    const index = Math.floor(time / HOUR_MS) - first;
    sums[index]! += rate;
    counts[index]! += 1;
  }
  return {
    start: first * HOUR_MS,
    values: sums.map((sum, i) => (counts[i]! > 0 ? sum / counts[i]! : null)),
  };
}

export type ParkEvaluation = {
  park: string;
  readings: number;
  hours: number;
  testFrom: string | null;
  errors: Record<ForecastMethod, ErrorStats>;
};

export type Evaluation = {
  parks: ParkEvaluation[];
  overall: Record<ForecastMethod, ErrorStats>;
};

export function evaluateParks(parsed: ParsedCsv): Evaluation {
  const overall = emptyAccumulators();
  const parks = [...parsed.parks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([park, readings]) => {
      const { start, values } = hourlySeries(readings);
      // Chronological split: the last 20% of the park's hours are scored, never trained on.
      const split = Math.max(1, Math.floor(values.length * (1 - TEST_SHARE)));
      const origins: number[] = [];
      for (let origin = split; origin < values.length; origin += HOURS_PER_DAY) {
        origins.push(origin);
      }
      const acc = rollingOriginErrors(values, origins, HOURS_PER_DAY, (v) =>
        Math.min(1, Math.max(0, v)),
      );
      mergeAccumulators(overall, acc);
      return {
        park,
        readings: readings.length,
        hours: values.length,
        testFrom: split < values.length ? new Date(start + split * HOUR_MS).toISOString() : null,
        errors: accumulatorStats(acc),
      };
    });
  return { parks, overall: accumulatorStats(overall) };
}

const METHODS: { key: ForecastMethod; label: string }[] = [
  { key: "model", label: "model" },
  { key: "hourOfDay", label: "hour-of-day" },
  { key: "seasonalNaive", label: "seasonal-naive" },
];

const fmtMae = (s: ErrorStats) => (s.mae === null ? "n/a" : s.mae.toFixed(4));
const fmtMape = (s: ErrorStats) => (s.mape === null ? "n/a" : `${s.mape.toFixed(1)}%`);

export function formatReport(file: string, parsed: ParsedCsv, evaluation: Evaluation): string {
  const skipped = Object.entries(parsed.skipped)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${reason} ${n}`);
  const header = ["park", "hours", "scored", ...METHODS.flatMap((m) => [`${m.label} MAE`, "MAPE"])];
  const row = (name: string, hours: string, errors: Record<ForecastMethod, ErrorStats>) => [
    name,
    hours,
    String(errors.model.points),
    ...METHODS.flatMap((m) => [fmtMae(errors[m.key]), fmtMape(errors[m.key])]),
  ];
  const table = [
    header,
    ...evaluation.parks.map((p) => row(p.park, String(p.hours), p.errors)),
    row("OVERALL", String(evaluation.parks.reduce((s, p) => s + p.hours, 0)), evaluation.overall),
  ];
  const widths = header.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const lines = table.map((r) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  "),
  );
  return [
    `Forecast evaluation of hourly occupancy rate: ${file}`,
    `rows: ${parsed.rows} read, ${parsed.used} used, ${parsed.rows - parsed.used} skipped` +
      (skipped.length > 0 ? ` (${skipped.join(", ")})` : ""),
    `test: last ${TEST_SHARE * 100}% of each park's hours, forecast 24 h ahead from origins every 24 h;` +
      " MAE in rate (0..1), MAPE over hours with a rate above 0",
    "",
    ...lines,
  ].join("\n");
}
