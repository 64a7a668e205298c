// The analytics roll-ups (models Analytics* in prisma/schema.prisma) recomputed from the
// base tables: each SELECT yields the table's columns by name. The triggers of migration analytics_rollups keep the tables equal to these
// SELECTs inside every write transaction; the bulk loaders (tests/bench/data.ts) load
// without the triggers and fill the tables with `rebuildRollupStatements()` once, and the
// tests compare the tables with these SELECTs. Plain SQL except the UTC date of a stored
// timestamp, which differs by database (lib/db/dialect.ts): `select(dialect)` builds it.
// On PostgreSQL the trigger functions of prisma/postgres/migrations/…_analytics_rollups
// keep the tables the same way.
import { dialect, utcDateSql, type Dialect } from "@/lib/db/dialect";

const OCCUPIED_IN_SERVICE = `FROM utilization_stats u JOIN parking_slots s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false`;

export const ROLLUPS = {
  analytics_daily_type: {
    columns: ["date", "slot_type", "revenue_cents", "payments", "reservations"],
    key: ["date", "slot_type"],
    select: (
      d: Dialect = dialect(),
    ) => `SELECT x.date AS date, x.slot_type AS slot_type, SUM(x.revenue_cents) AS revenue_cents,
      SUM(x.payments) AS payments, SUM(x.reservations) AS reservations
    FROM (
      SELECT ${utcDateSql("p.payment_date", d)} AS date, s.slot_type AS slot_type,
        p.amount_cents AS revenue_cents, 1 AS payments, 0 AS reservations
      FROM payments p JOIN reservations r ON r.id = p.reservation_id
        JOIN parking_slots s ON s.id = r.slot_id
      WHERE p.payment_status = 'completed'
      UNION ALL
      SELECT ${utcDateSql("r.created_at", d)}, s.slot_type, 0, 0, 1
      FROM reservations r JOIN parking_slots s ON s.id = r.slot_id
    ) x
    GROUP BY x.date, x.slot_type`,
  },
  analytics_daily_zone: {
    columns: ["date", "floor_number", "zone", "occupied_slot_hours", "reservations"],
    key: ["date", "floor_number", "zone"],
    select: (
      d: Dialect = dialect(),
    ) => `SELECT x.date AS date, x.floor_number AS floor_number, x.zone AS zone,
      SUM(x.occupied) AS occupied_slot_hours, SUM(x.reservations) AS reservations
    FROM (
      SELECT u.date AS date, s.floor_number AS floor_number, s.zone AS zone,
        1 AS occupied, 0 AS reservations
      ${OCCUPIED_IN_SERVICE}
      UNION ALL
      SELECT ${utcDateSql("r.created_at", d)}, s.floor_number, s.zone, 0, 1
      FROM reservations r JOIN parking_slots s ON s.id = r.slot_id
    ) x
    GROUP BY x.date, x.floor_number, x.zone`,
  },
  analytics_hourly_zone: {
    columns: ["date", "hour", "floor_number", "zone", "occupied_slot_hours"],
    key: ["date", "hour", "floor_number", "zone"],
    select: (
      _: Dialect = dialect(),
    ) => `SELECT u.date AS date, u.hour AS hour, s.floor_number AS floor_number, s.zone AS zone,
      COUNT(*) AS occupied_slot_hours
    ${OCCUPIED_IN_SERVICE}
    GROUP BY u.date, u.hour, s.floor_number, s.zone`,
  },
  analytics_hourly: {
    columns: ["date", "hour", "occupied_slot_hours"],
    key: ["date", "hour"],
    select: (
      _: Dialect = dialect(),
    ) => `SELECT u.date AS date, u.hour AS hour, COUNT(*) AS occupied_slot_hours
    ${OCCUPIED_IN_SERVICE}
    GROUP BY u.date, u.hour`,
  },
} as const;

export type RollupTable = keyof typeof ROLLUPS;
export const ROLLUP_TABLES = Object.keys(ROLLUPS) as RollupTable[];

/** Empties every roll-up and fills it again from the base tables (bulk loads). */
export function rebuildRollupStatements(of: Dialect = dialect()): string[] {
  return ROLLUP_TABLES.flatMap((table) => {
    const { columns, select } = ROLLUPS[table];
    return [`DELETE FROM ${table}`, `INSERT INTO ${table} (${columns.join(", ")}) ${select(of)}`];
  });
}
