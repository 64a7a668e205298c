// The analytics roll-ups (models Analytics* in prisma/schema.prisma), defined ONCE here as
// contributions of the base tables. Everything else is generated from these definitions:
// - the SELECT that recomputes each table from the base tables (ROLLUPS[t].select), used by
//   the bulk loaders (rebuildRollupStatements) and by the tests that compare the tables
//   with it;
// - the triggers that keep the tables equal to those SELECTs inside every write
//   transaction, for SQLite and as plpgsql functions for PostgreSQL (rollupTriggersSql,
//   written into the migrations by `npm run db:rollups`; a test checks the migrations
//   carry exactly what this file generates).
//
// A contribution reads a join of base tables. Its triggers replace one of those tables
// (the "driving" one) by a one-row subquery of the changed row (NEW or OLD) and add (+1)
// the new row's share and take away (-1) the old row's, so every trigger is the same SQL
// as the recomputation, restricted to one row. Rows a reversal brings to 0 stay (they read
// as 0). Dates and hours are UTC; the only SQL that differs by database is how a stored
// timestamp gives its UTC date and hour (lib/db/dialect.ts).
import { dialect, utcDateSql, utcHourSql, type Dialect } from "@/lib/db/dialect";

type Alias = "u" | "p" | "r" | "s";

/** The base tables the roll-ups read, by the alias the definitions use. */
const BASE: Record<Alias, { table: string; columns: string[]; watched: string[] }> = {
  u: {
    table: "utilization_stats",
    columns: ["slot_id", "date", "hour", "occupancy_count"],
    watched: ["slot_id", "date", "hour", "occupancy_count"],
  },
  p: {
    table: "payments",
    columns: ["reservation_id", "amount_cents", "payment_status", "payment_date"],
    watched: ["reservation_id", "amount_cents", "payment_status", "payment_date"],
  },
  r: {
    table: "reservations",
    columns: ["id", "slot_id", "created_at"],
    watched: ["slot_id", "created_at"],
  },
  s: {
    table: "parking_slots",
    columns: ["id", "location_id", "floor_number", "zone", "slot_type", "out_of_service"],
    watched: ["location_id", "floor_number", "zone", "slot_type", "out_of_service"],
  },
};

/** Where a contribution's rows come from: a join of base tables and a filter. */
type Source = {
  /** The tables in join order, each joined ON its condition (the first has none). */
  joins: { alias: Alias; on?: string }[];
  where?: string;
};

const OCCUPANCY: Source = {
  joins: [{ alias: "u" }, { alias: "s", on: "s.id = u.slot_id" }],
  where: "u.occupancy_count > 0 AND s.out_of_service = false",
};
const PAYMENTS: Source = {
  joins: [
    { alias: "p" },
    { alias: "r", on: "r.id = p.reservation_id" },
    { alias: "s", on: "s.id = r.slot_id" },
  ],
  where: "p.payment_status = 'completed'",
};
const RESERVATIONS: Source = {
  joins: [{ alias: "r" }, { alias: "s", on: "s.id = r.slot_id" }],
};

/** A table's key and measure expressions over one source (dialect-specific for dates). */
type Contribution = {
  source: Source;
  keys: (d: Dialect) => string[];
  /** Per measure column: the expression summed for each source row. */
  measures: Record<string, string>;
};

type RollupDefinition = {
  key: string[];
  measures: string[];
  from: Contribution[];
  /**
   * Set when this table is a finer one summed over some of its key columns: bulk loaders
   * fill it from that table (far fewer rows) instead of the base tables. `having` keeps
   * only the rows a kept contribution gave (when some of the finer table's are left out).
   */
  coarsens?: { table: RollupTable; having?: string };
};

export type RollupTable =
  | "analytics_daily_type"
  | "analytics_hourly_type"
  | "analytics_daily_zone"
  | "analytics_hourly_zone"
  | "analytics_hourly";

const paidDay = (d: Dialect) => utcDateSql("p.payment_date", d);
const paidHour = (d: Dialect) => utcHourSql("p.payment_date", d);
const madeDay = (d: Dialect) => utcDateSql("r.created_at", d);
const madeHour = (d: Dialect) => utcHourSql("r.created_at", d);

const HOURLY_TYPE: RollupDefinition = {
  key: ["location_id", "date", "hour", "slot_type"],
  measures: ["revenue_cents", "payments", "reservations"],
  from: [
    {
      source: PAYMENTS,
      keys: (d) => ["s.location_id", paidDay(d), paidHour(d), "s.slot_type"],
      measures: { revenue_cents: "p.amount_cents", payments: "1" },
    },
    {
      source: RESERVATIONS,
      keys: (d) => ["s.location_id", madeDay(d), madeHour(d), "s.slot_type"],
      measures: { reservations: "1" },
    },
  ],
};

const HOURLY_ZONE: RollupDefinition = {
  key: ["location_id", "date", "hour", "floor_number", "zone"],
  measures: ["occupied_slot_hours", "reservations"],
  from: [
    {
      source: OCCUPANCY,
      keys: () => ["s.location_id", "u.date", "u.hour", "s.floor_number", "s.zone"],
      measures: { occupied_slot_hours: "1" },
    },
    {
      source: RESERVATIONS,
      keys: (d) => ["s.location_id", madeDay(d), madeHour(d), "s.floor_number", "s.zone"],
      measures: { reservations: "1" },
    },
  ],
};

/**
 * The table `table` (defined by `finer`) without the key columns `drop`, and with only the
 * contributions from `only` when given: the same definition as spelling it out, so the
 * triggers are the same, and summing `table` over the dropped keys gives exactly its rows.
 */
function coarsened(
  table: RollupTable,
  finer: RollupDefinition,
  drop: string[],
  only?: Source[],
): RollupDefinition {
  const kept = finer.key.flatMap((k, i) => (drop.includes(k) ? [] : [i]));
  const included = finer.from.filter((c) => only === undefined || only.includes(c.source));
  const from = included.map((c) => ({
    source: c.source,
    measures: c.measures,
    keys: (d: Dialect) => {
      const keys = c.keys(d);
      return kept.map((i) => keys[i]!);
    },
  }));
  const measures = finer.measures.filter((m) => from.some((c) => m in c.measures));
  const left = finer.from.filter((c) => !included.includes(c));
  if (left.some((c) => measures.some((m) => m in c.measures))) {
    throw new Error(`a measure of ${table} without its contributions cannot be summed from it`);
  }
  // A row exists where a kept contribution counted one (its "1" measure); the left-out
  // contributions' rows have none.
  const counts = from.map((c) => Object.keys(c.measures).find((m) => c.measures[m] === "1"));
  if (left.length > 0 && counts.some((m) => m === undefined)) {
    throw new Error(`every contribution summed from ${table} needs a count measure`);
  }
  return {
    key: kept.map((i) => finer.key[i]!),
    measures,
    from,
    coarsens: {
      table,
      having: left.length > 0 ? counts.map((m) => `SUM(${m}) > 0`).join(" OR ") : undefined,
    },
  };
}

// In trigger order (the migrations carry the triggers' statements in this order).
const DEFINITIONS: Record<RollupTable, RollupDefinition> = {
  analytics_daily_type: coarsened("analytics_hourly_type", HOURLY_TYPE, ["hour"]),
  analytics_hourly_type: HOURLY_TYPE,
  analytics_daily_zone: coarsened("analytics_hourly_zone", HOURLY_ZONE, ["hour"]),
  analytics_hourly_zone: HOURLY_ZONE,
  analytics_hourly: coarsened(
    "analytics_hourly_zone",
    HOURLY_ZONE,
    ["floor_number", "zone"],
    [OCCUPANCY],
  ),
};

export const ROLLUP_TABLES = Object.keys(DEFINITIONS) as RollupTable[];

const q = (name: string) => `"${name}"`;

/** FROM … JOIN … of a source, with one alias replaced by a one-row subquery when given. */
function fromClause(source: Source, row?: { alias: Alias; ref: "NEW" | "OLD" }): string {
  return source.joins
    .map(({ alias, on }, i) => {
      const base = BASE[alias];
      const table =
        row?.alias === alias
          ? `(SELECT ${base.columns.map((c) => `${row.ref}.${q(c)} AS ${q(c)}`).join(", ")})`
          : q(base.table);
      return i === 0 ? `${table} ${alias}` : `JOIN ${table} ${alias} ON ${on}`;
    })
    .join(" ");
}

/** One contribution as rows of (key…, measure…) with the given sign, grouped by key. */
function contributionSelect(
  definition: RollupDefinition,
  contribution: Contribution,
  d: Dialect,
  sign: 1 | -1,
  row?: { alias: Alias; ref: "NEW" | "OLD" },
  /** Names for the result columns (UNION ALL parts line up by them). */
  names?: string[],
): string {
  const keys = contribution.keys(d);
  const measures = definition.measures.map((m) => {
    const expression = (contribution.measures as Record<string, string | undefined>)[m];
    if (expression === undefined) return "0";
    return sign === 1 ? `SUM(${expression})` : `-SUM(${expression})`;
  });
  const columns = [...keys, ...measures].map((c, i) => (names ? `${c} AS ${names[i]}` : c));
  return `SELECT ${columns.join(", ")}
    FROM ${fromClause(contribution.source, row)}${
      contribution.source.where ? `\n    WHERE ${contribution.source.where}` : ""
    }
    GROUP BY ${keys.join(", ")}`;
}

function recomputeSelect(table: RollupTable, d: Dialect): string {
  const definition = DEFINITIONS[table];
  const names = [...definition.key, ...definition.measures].map((_, i) => `c${i}`);
  const parts = definition.from.map((c) =>
    contributionSelect(definition, c, d, 1, undefined, names),
  );
  return `SELECT ${definition.key.map((k, i) => `x.c${i} AS ${k}`).join(", ")}, ${definition.measures
    .map((m, i) => `SUM(x.c${definition.key.length + i}) AS ${m}`)
    .join(", ")}
  FROM (${parts.join("\n    UNION ALL\n    ")}) x
  GROUP BY ${definition.key.map((_, i) => `x.c${i}`).join(", ")}`;
}

export const ROLLUPS = Object.fromEntries(
  ROLLUP_TABLES.map((table) => {
    const definition = DEFINITIONS[table];
    return [
      table,
      {
        columns: [...definition.key, ...definition.measures],
        key: definition.key,
        select: (d: Dialect = dialect()) => recomputeSelect(table, d),
      },
    ];
  }),
) as Record<RollupTable, { columns: string[]; key: string[]; select: (d?: Dialect) => string }>;

/** Empties every roll-up and fills it again from the base tables (bulk loads). */
export function rebuildRollupStatements(of: Dialect = dialect()): string[] {
  return ROLLUP_TABLES.flatMap((table) => [`DELETE FROM ${table}`, fillFromBase(table, of)]);
}

function fillFromBase(table: RollupTable, of: Dialect): string {
  const { columns, select } = ROLLUPS[table];
  return `INSERT INTO ${table} (${columns.join(", ")}) ${select(of)}`;
}

/**
 * Fills every (empty) roll-up after a bulk load: the finer tables from the base tables, each
 * coarser one summed from its finer table (the same rows as its recomputation, read from
 * thousands of rows instead of millions).
 */
export function bulkFillRollupStatements(of: Dialect = dialect()): string[] {
  const finestFirst = [...ROLLUP_TABLES].sort(
    (a, b) => Number(!!DEFINITIONS[a].coarsens) - Number(!!DEFINITIONS[b].coarsens),
  );
  return finestFirst.map((table) => {
    const { key, measures, coarsens } = DEFINITIONS[table];
    if (!coarsens) return fillFromBase(table, of);
    return `INSERT INTO ${table} (${ROLLUPS[table].columns.join(", ")})
  SELECT ${key.join(", ")}, ${measures.map((m) => `SUM(${m})`).join(", ")}
  FROM ${coarsens.table}
  GROUP BY ${key.join(", ")}${coarsens.having ? `\n  HAVING ${coarsens.having}` : ""}`;
  });
}

// ---- Triggers ----

type Change = { alias: Alias; ref: "NEW" | "OLD"; sign: 1 | -1 };

/** The upserts that apply one changed row of `alias` to every roll-up it feeds. */
function applyRow(change: Change, d: Dialect): string[] {
  const statements: string[] = [];
  for (const table of ROLLUP_TABLES) {
    const definition = DEFINITIONS[table];
    for (const contribution of definition.from) {
      if (!contribution.source.joins.some((j) => j.alias === change.alias)) continue;
      const select = contributionSelect(definition, contribution, d, change.sign, change);
      const measures = Object.keys(contribution.measures);
      const columns = [...definition.key, ...definition.measures];
      statements.push(`INSERT INTO ${q(table)} (${columns.map(q).join(", ")})
    ${select}
    ON CONFLICT (${definition.key.map(q).join(", ")}) DO UPDATE SET ${measures
      .map((m) => `${q(m)} = ${q(table)}.${q(m)} + excluded.${q(m)}`)
      .join(", ")};`);
    }
  }
  return statements;
}

type TriggerEvent = "insert" | "update" | "delete";
const EVENTS: TriggerEvent[] = ["insert", "update", "delete"];
const TRIGGER_NAMES: Record<Alias, string> = {
  u: "utilization",
  p: "payment",
  r: "reservation",
  s: "slot",
};

function changesOf(alias: Alias, event: TriggerEvent): Change[] {
  if (event === "insert") return [{ alias, ref: "NEW", sign: 1 }];
  if (event === "delete") return [{ alias, ref: "OLD", sign: -1 }];
  return [
    { alias, ref: "OLD", sign: -1 },
    { alias, ref: "NEW", sign: 1 },
  ];
}

/** Which (table, event) pairs get a trigger: slots are only ever updated, never moved. */
function triggerEvents(alias: Alias): TriggerEvent[] {
  return alias === "s" ? ["update"] : EVENTS;
}

function whenChanged(alias: Alias, d: Dialect): string {
  const differs = d === "postgres" ? "IS DISTINCT FROM" : "IS NOT";
  return BASE[alias].watched.map((c) => `OLD.${q(c)} ${differs} NEW.${q(c)}`).join(" OR ");
}

function triggerName(alias: Alias, event: TriggerEvent): string {
  return `analytics_${TRIGGER_NAMES[alias]}_${event}`;
}

const ALIASES = Object.keys(BASE) as Alias[];

/** Drops every roll-up trigger (and on PostgreSQL its function), if present. */
function dropRollupTriggersSql(d: Dialect): string {
  return ALIASES.flatMap((alias) =>
    triggerEvents(alias).map((event) => {
      const name = triggerName(alias, event);
      return d === "postgres"
        ? `DROP TRIGGER IF EXISTS "trg_${name}" ON ${q(BASE[alias].table)};\nDROP FUNCTION IF EXISTS "fn_${name}"();`
        : `DROP TRIGGER IF EXISTS "trg_${name}";`;
    }),
  ).join("\n");
}

/** Creates every roll-up trigger for the dialect (the SQL a migration carries). */
function rollupTriggersSql(d: Dialect): string {
  return ALIASES.flatMap((alias) =>
    triggerEvents(alias).map((event) => {
      const name = triggerName(alias, event);
      const table = q(BASE[alias].table);
      const body = changesOf(alias, event)
        .flatMap((change) => applyRow(change, d))
        .map((statement) => `  ${statement}`)
        .join("\n");
      const on =
        event === "update"
          ? `AFTER UPDATE OF ${BASE[alias].watched.map(q).join(", ")} ON ${table}`
          : `AFTER ${event.toUpperCase()} ON ${table}`;
      const when = event === "update" ? whenChanged(alias, d) : null;
      if (d === "sqlite") {
        return `CREATE TRIGGER "trg_${name}"\n${on}\n${when ? `WHEN ${when}\n` : ""}BEGIN\n${body}\nEND;`;
      }
      return `CREATE FUNCTION "fn_${name}"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
${body}
  RETURN NULL;
END
$$;

CREATE TRIGGER "trg_${name}"
${on}
FOR EACH ROW
${when ? `WHEN (${when})\n` : ""}EXECUTE FUNCTION "fn_${name}"();`;
    }),
  ).join("\n\n");
}

/** The markers around generated SQL in a migration (checked by a unit test). */
export const ROLLUP_MARKERS = {
  drop: ["-- BEGIN drop analytics roll-up triggers (npm run db:rollups)", "-- END drop"],
  create: ["-- BEGIN analytics roll-ups (npm run db:rollups)", "-- END analytics roll-ups"],
} as const;

/**
 * What a migration that changes the roll-ups carries, in two parts: `drop` first (before
 * any table the triggers read is redefined), `create` last (every table refilled from the
 * base tables, then the triggers created).
 */
export function rollupMigrationSql(d: Dialect): { drop: string; create: string } {
  const wrap = ([begin, end]: readonly [string, string], parts: string[]) =>
    [begin, ...parts, end].join("\n\n");
  return {
    drop: wrap(ROLLUP_MARKERS.drop, [dropRollupTriggersSql(d)]),
    create: wrap(ROLLUP_MARKERS.create, [
      ...rebuildRollupStatements(d).map((statement) => `${statement};`),
      rollupTriggersSql(d),
    ]),
  };
}
