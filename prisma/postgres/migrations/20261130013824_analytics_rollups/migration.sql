-- CreateTable
CREATE TABLE "analytics_daily_type" (
    "date" TEXT NOT NULL,
    "slot_type" "SlotType" NOT NULL,
    "revenue_cents" INTEGER NOT NULL DEFAULT 0,
    "payments" INTEGER NOT NULL DEFAULT 0,
    "reservations" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_daily_type_pkey" PRIMARY KEY ("date","slot_type")
);

-- CreateTable
CREATE TABLE "analytics_daily_zone" (
    "date" TEXT NOT NULL,
    "floor_number" INTEGER NOT NULL,
    "zone" TEXT NOT NULL,
    "occupied_slot_hours" INTEGER NOT NULL DEFAULT 0,
    "reservations" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_daily_zone_pkey" PRIMARY KEY ("date","floor_number","zone")
);

-- CreateTable
CREATE TABLE "analytics_hourly_zone" (
    "date" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "floor_number" INTEGER NOT NULL,
    "zone" TEXT NOT NULL,
    "occupied_slot_hours" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_hourly_zone_pkey" PRIMARY KEY ("date","hour","floor_number","zone")
);

-- CreateTable
CREATE TABLE "analytics_hourly" (
    "date" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "occupied_slot_hours" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_hourly_pkey" PRIMARY KEY ("date","hour")
);

-- CreateIndex
CREATE INDEX "idx_analytics_daily_type_cover" ON "analytics_daily_type"("date", "slot_type", "revenue_cents", "reservations");

-- CreateIndex
CREATE INDEX "idx_analytics_daily_zone_cover" ON "analytics_daily_zone"("date", "floor_number", "zone", "occupied_slot_hours", "reservations");

-- CreateIndex
CREATE INDEX "idx_analytics_hourly_zone_cover" ON "analytics_hourly_zone"("date", "hour", "floor_number", "zone", "occupied_slot_hours");

-- CreateIndex
CREATE INDEX "idx_analytics_hourly_cover" ON "analytics_hourly"("date", "hour", "occupied_slot_hours");



-- Fill the roll-ups from the data already there (lib/analytics/rollups.ts, dates in UTC).
INSERT INTO analytics_daily_type (date, slot_type, revenue_cents, payments, reservations) SELECT x.date, x.slot_type, SUM(x.revenue_cents), SUM(x.payments), SUM(x.reservations)
    FROM (
      SELECT to_char(p.payment_date AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, s.slot_type AS slot_type,
        p.amount_cents AS revenue_cents, 1 AS payments, 0 AS reservations
      FROM payments p JOIN reservations r ON r.id = p.reservation_id
        JOIN parking_slots s ON s.id = r.slot_id
      WHERE p.payment_status = 'completed'
      UNION ALL
      SELECT to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s.slot_type, 0, 0, 1
      FROM reservations r JOIN parking_slots s ON s.id = r.slot_id
    ) x
    GROUP BY x.date, x.slot_type;

INSERT INTO analytics_daily_zone (date, floor_number, zone, occupied_slot_hours, reservations) SELECT x.date, x.floor_number, x.zone, SUM(x.occupied), SUM(x.reservations)
    FROM (
      SELECT u.date AS date, s.floor_number AS floor_number, s.zone AS zone,
        1 AS occupied, 0 AS reservations
      FROM utilization_stats u JOIN parking_slots s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
      UNION ALL
      SELECT to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s.floor_number, s.zone, 0, 1
      FROM reservations r JOIN parking_slots s ON s.id = r.slot_id
    ) x
    GROUP BY x.date, x.floor_number, x.zone;

INSERT INTO analytics_hourly_zone (date, hour, floor_number, zone, occupied_slot_hours) SELECT u.date, u.hour, s.floor_number, s.zone, COUNT(*)
    FROM utilization_stats u JOIN parking_slots s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY u.date, u.hour, s.floor_number, s.zone;

INSERT INTO analytics_hourly (date, hour, occupied_slot_hours) SELECT u.date, u.hour, COUNT(*)
    FROM utilization_stats u JOIN parking_slots s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY u.date, u.hour;

-- Trigger functions keeping the roll-ups exact inside every write transaction, the same
-- bodies as the SQLite triggers of migration analytics_rollups (date(x) there is the UTC
-- date of x here). Each adds (+1) the new state of a changed row and takes away (-1) its
-- old state. Rows a reversal brings to 0 stay (they read as 0). The semicolons inside the
-- $$ bodies are fine: lib/db/pg-adapter.ts applies migrations split by lib/db/sql-script.ts.

CREATE FUNCTION "fn_analytics_utilization_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "analytics_hourly" ("date", "hour", "occupied_slot_hours")
    SELECT NEW."date", NEW."hour", 1 FROM "parking_slots" s WHERE s."id" = NEW."slot_id" AND s."out_of_service" = false AND NEW."occupancy_count" > 0
    ON CONFLICT ("date", "hour") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly_zone" ("date", "hour", "floor_number", "zone", "occupied_slot_hours")
    SELECT NEW."date", NEW."hour", s."floor_number", s."zone", 1 FROM "parking_slots" s WHERE s."id" = NEW."slot_id" AND s."out_of_service" = false AND NEW."occupancy_count" > 0
    ON CONFLICT ("date", "hour", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_daily_zone" ("date", "floor_number", "zone", "occupied_slot_hours")
    SELECT NEW."date", s."floor_number", s."zone", 1 FROM "parking_slots" s WHERE s."id" = NEW."slot_id" AND s."out_of_service" = false AND NEW."occupancy_count" > 0
    ON CONFLICT ("date", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_daily_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  RETURN NULL;
END
$$;

CREATE TRIGGER "trg_analytics_utilization_insert"
AFTER INSERT ON "utilization_stats"
FOR EACH ROW
WHEN (NEW."occupancy_count" > 0)
EXECUTE FUNCTION "fn_analytics_utilization_insert"();

CREATE FUNCTION "fn_analytics_utilization_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "analytics_hourly" ("date", "hour", "occupied_slot_hours")
    SELECT OLD."date", OLD."hour", -1 FROM "parking_slots" s WHERE s."id" = OLD."slot_id" AND s."out_of_service" = false AND OLD."occupancy_count" > 0
    ON CONFLICT ("date", "hour") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly_zone" ("date", "hour", "floor_number", "zone", "occupied_slot_hours")
    SELECT OLD."date", OLD."hour", s."floor_number", s."zone", -1 FROM "parking_slots" s WHERE s."id" = OLD."slot_id" AND s."out_of_service" = false AND OLD."occupancy_count" > 0
    ON CONFLICT ("date", "hour", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_daily_zone" ("date", "floor_number", "zone", "occupied_slot_hours")
    SELECT OLD."date", s."floor_number", s."zone", -1 FROM "parking_slots" s WHERE s."id" = OLD."slot_id" AND s."out_of_service" = false AND OLD."occupancy_count" > 0
    ON CONFLICT ("date", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_daily_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly" ("date", "hour", "occupied_slot_hours")
    SELECT NEW."date", NEW."hour", 1 FROM "parking_slots" s WHERE s."id" = NEW."slot_id" AND s."out_of_service" = false AND NEW."occupancy_count" > 0
    ON CONFLICT ("date", "hour") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly_zone" ("date", "hour", "floor_number", "zone", "occupied_slot_hours")
    SELECT NEW."date", NEW."hour", s."floor_number", s."zone", 1 FROM "parking_slots" s WHERE s."id" = NEW."slot_id" AND s."out_of_service" = false AND NEW."occupancy_count" > 0
    ON CONFLICT ("date", "hour", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_daily_zone" ("date", "floor_number", "zone", "occupied_slot_hours")
    SELECT NEW."date", s."floor_number", s."zone", 1 FROM "parking_slots" s WHERE s."id" = NEW."slot_id" AND s."out_of_service" = false AND NEW."occupancy_count" > 0
    ON CONFLICT ("date", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_daily_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  RETURN NULL;
END
$$;

CREATE TRIGGER "trg_analytics_utilization_update"
AFTER UPDATE OF "slot_id", "date", "hour", "occupancy_count" ON "utilization_stats"
FOR EACH ROW
WHEN ((OLD."occupancy_count" > 0) <> (NEW."occupancy_count" > 0) OR OLD."slot_id" <> NEW."slot_id" OR OLD."date" <> NEW."date" OR OLD."hour" <> NEW."hour")
EXECUTE FUNCTION "fn_analytics_utilization_update"();

CREATE FUNCTION "fn_analytics_utilization_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "analytics_hourly" ("date", "hour", "occupied_slot_hours")
    SELECT OLD."date", OLD."hour", -1 FROM "parking_slots" s WHERE s."id" = OLD."slot_id" AND s."out_of_service" = false AND OLD."occupancy_count" > 0
    ON CONFLICT ("date", "hour") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly_zone" ("date", "hour", "floor_number", "zone", "occupied_slot_hours")
    SELECT OLD."date", OLD."hour", s."floor_number", s."zone", -1 FROM "parking_slots" s WHERE s."id" = OLD."slot_id" AND s."out_of_service" = false AND OLD."occupancy_count" > 0
    ON CONFLICT ("date", "hour", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_daily_zone" ("date", "floor_number", "zone", "occupied_slot_hours")
    SELECT OLD."date", s."floor_number", s."zone", -1 FROM "parking_slots" s WHERE s."id" = OLD."slot_id" AND s."out_of_service" = false AND OLD."occupancy_count" > 0
    ON CONFLICT ("date", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_daily_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  RETURN NULL;
END
$$;

CREATE TRIGGER "trg_analytics_utilization_delete"
AFTER DELETE ON "utilization_stats"
FOR EACH ROW
WHEN (OLD."occupancy_count" > 0)
EXECUTE FUNCTION "fn_analytics_utilization_delete"();

CREATE FUNCTION "fn_analytics_payment_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "analytics_daily_type" ("date", "slot_type", "revenue_cents", "payments")
    SELECT to_char(NEW."payment_date" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s."slot_type", 1 * NEW."amount_cents", 1
    FROM "reservations" r JOIN "parking_slots" s ON s."id" = r."slot_id"
    WHERE r."id" = NEW."reservation_id" AND NEW."payment_status" = 'completed'
    ON CONFLICT ("date", "slot_type") DO UPDATE SET
      "revenue_cents" = "analytics_daily_type"."revenue_cents" + excluded."revenue_cents",
      "payments" = "analytics_daily_type"."payments" + excluded."payments";
  RETURN NULL;
END
$$;

CREATE TRIGGER "trg_analytics_payment_insert"
AFTER INSERT ON "payments"
FOR EACH ROW
WHEN (NEW."payment_status" = 'completed')
EXECUTE FUNCTION "fn_analytics_payment_insert"();

CREATE FUNCTION "fn_analytics_payment_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "analytics_daily_type" ("date", "slot_type", "revenue_cents", "payments")
    SELECT to_char(OLD."payment_date" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s."slot_type", -1 * OLD."amount_cents", -1
    FROM "reservations" r JOIN "parking_slots" s ON s."id" = r."slot_id"
    WHERE r."id" = OLD."reservation_id" AND OLD."payment_status" = 'completed'
    ON CONFLICT ("date", "slot_type") DO UPDATE SET
      "revenue_cents" = "analytics_daily_type"."revenue_cents" + excluded."revenue_cents",
      "payments" = "analytics_daily_type"."payments" + excluded."payments";
  INSERT INTO "analytics_daily_type" ("date", "slot_type", "revenue_cents", "payments")
    SELECT to_char(NEW."payment_date" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s."slot_type", 1 * NEW."amount_cents", 1
    FROM "reservations" r JOIN "parking_slots" s ON s."id" = r."slot_id"
    WHERE r."id" = NEW."reservation_id" AND NEW."payment_status" = 'completed'
    ON CONFLICT ("date", "slot_type") DO UPDATE SET
      "revenue_cents" = "analytics_daily_type"."revenue_cents" + excluded."revenue_cents",
      "payments" = "analytics_daily_type"."payments" + excluded."payments";
  RETURN NULL;
END
$$;

CREATE TRIGGER "trg_analytics_payment_update"
AFTER UPDATE OF "payment_status", "amount_cents", "payment_date", "reservation_id" ON "payments"
FOR EACH ROW
WHEN (OLD."payment_status" = 'completed' OR NEW."payment_status" = 'completed')
EXECUTE FUNCTION "fn_analytics_payment_update"();

CREATE FUNCTION "fn_analytics_payment_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "analytics_daily_type" ("date", "slot_type", "revenue_cents", "payments")
    SELECT to_char(OLD."payment_date" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s."slot_type", -1 * OLD."amount_cents", -1
    FROM "reservations" r JOIN "parking_slots" s ON s."id" = r."slot_id"
    WHERE r."id" = OLD."reservation_id" AND OLD."payment_status" = 'completed'
    ON CONFLICT ("date", "slot_type") DO UPDATE SET
      "revenue_cents" = "analytics_daily_type"."revenue_cents" + excluded."revenue_cents",
      "payments" = "analytics_daily_type"."payments" + excluded."payments";
  RETURN NULL;
END
$$;

CREATE TRIGGER "trg_analytics_payment_delete"
AFTER DELETE ON "payments"
FOR EACH ROW
WHEN (OLD."payment_status" = 'completed')
EXECUTE FUNCTION "fn_analytics_payment_delete"();

CREATE FUNCTION "fn_analytics_reservation_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "analytics_daily_type" ("date", "slot_type", "reservations")
    SELECT to_char(NEW."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s."slot_type", 1 FROM "parking_slots" s WHERE s."id" = NEW."slot_id"
    ON CONFLICT ("date", "slot_type") DO UPDATE SET "reservations" = "analytics_daily_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_daily_zone" ("date", "floor_number", "zone", "reservations")
    SELECT to_char(NEW."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s."floor_number", s."zone", 1 FROM "parking_slots" s WHERE s."id" = NEW."slot_id"
    ON CONFLICT ("date", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_daily_zone"."reservations" + excluded."reservations";
  RETURN NULL;
END
$$;

CREATE TRIGGER "trg_analytics_reservation_insert"
AFTER INSERT ON "reservations"
FOR EACH ROW
EXECUTE FUNCTION "fn_analytics_reservation_insert"();

CREATE FUNCTION "fn_analytics_reservation_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "analytics_daily_type" ("date", "slot_type", "reservations")
    SELECT to_char(OLD."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s."slot_type", -1 FROM "parking_slots" s WHERE s."id" = OLD."slot_id"
    ON CONFLICT ("date", "slot_type") DO UPDATE SET "reservations" = "analytics_daily_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_daily_zone" ("date", "floor_number", "zone", "reservations")
    SELECT to_char(OLD."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s."floor_number", s."zone", -1 FROM "parking_slots" s WHERE s."id" = OLD."slot_id"
    ON CONFLICT ("date", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_daily_zone"."reservations" + excluded."reservations";
  INSERT INTO "analytics_daily_type" ("date", "slot_type", "reservations")
    SELECT to_char(NEW."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s."slot_type", 1 FROM "parking_slots" s WHERE s."id" = NEW."slot_id"
    ON CONFLICT ("date", "slot_type") DO UPDATE SET "reservations" = "analytics_daily_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_daily_zone" ("date", "floor_number", "zone", "reservations")
    SELECT to_char(NEW."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s."floor_number", s."zone", 1 FROM "parking_slots" s WHERE s."id" = NEW."slot_id"
    ON CONFLICT ("date", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_daily_zone"."reservations" + excluded."reservations";
  RETURN NULL;
END
$$;

CREATE TRIGGER "trg_analytics_reservation_update"
AFTER UPDATE OF "slot_id", "created_at" ON "reservations"
FOR EACH ROW
WHEN (OLD."slot_id" <> NEW."slot_id" OR OLD."created_at" <> NEW."created_at")
EXECUTE FUNCTION "fn_analytics_reservation_update"();

CREATE FUNCTION "fn_analytics_reservation_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "analytics_daily_type" ("date", "slot_type", "reservations")
    SELECT to_char(OLD."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s."slot_type", -1 FROM "parking_slots" s WHERE s."id" = OLD."slot_id"
    ON CONFLICT ("date", "slot_type") DO UPDATE SET "reservations" = "analytics_daily_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_daily_zone" ("date", "floor_number", "zone", "reservations")
    SELECT to_char(OLD."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), s."floor_number", s."zone", -1 FROM "parking_slots" s WHERE s."id" = OLD."slot_id"
    ON CONFLICT ("date", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_daily_zone"."reservations" + excluded."reservations";
  RETURN NULL;
END
$$;

CREATE TRIGGER "trg_analytics_reservation_delete"
AFTER DELETE ON "reservations"
FOR EACH ROW
EXECUTE FUNCTION "fn_analytics_reservation_delete"();

CREATE FUNCTION "fn_analytics_slot_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "analytics_hourly" ("date", "hour", "occupied_slot_hours")
    SELECT u."date", u."hour", -1 FROM "utilization_stats" u
    WHERE u."slot_id" = OLD."id" AND u."occupancy_count" > 0 AND OLD."out_of_service" = false
    ON CONFLICT ("date", "hour") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly_zone" ("date", "hour", "floor_number", "zone", "occupied_slot_hours")
    SELECT u."date", u."hour", OLD."floor_number", OLD."zone", -1 FROM "utilization_stats" u
    WHERE u."slot_id" = OLD."id" AND u."occupancy_count" > 0 AND OLD."out_of_service" = false
    ON CONFLICT ("date", "hour", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_daily_zone" ("date", "floor_number", "zone", "occupied_slot_hours")
    SELECT u."date", OLD."floor_number", OLD."zone", -1 * COUNT(*) FROM "utilization_stats" u
    WHERE u."slot_id" = OLD."id" AND u."occupancy_count" > 0 AND OLD."out_of_service" = false
    GROUP BY u."date"
    ON CONFLICT ("date", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_daily_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_daily_zone" ("date", "floor_number", "zone", "reservations")
    SELECT to_char(r."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), OLD."floor_number", OLD."zone", -1 * COUNT(*) FROM "reservations" r
    WHERE r."slot_id" = OLD."id"
    GROUP BY to_char(r."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD')
    ON CONFLICT ("date", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_daily_zone"."reservations" + excluded."reservations";
  INSERT INTO "analytics_daily_type" ("date", "slot_type", "reservations")
    SELECT to_char(r."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), OLD."slot_type", -1 * COUNT(*) FROM "reservations" r
    WHERE r."slot_id" = OLD."id"
    GROUP BY to_char(r."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD')
    ON CONFLICT ("date", "slot_type") DO UPDATE SET "reservations" = "analytics_daily_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_daily_type" ("date", "slot_type", "revenue_cents", "payments")
    SELECT to_char(p."payment_date" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), OLD."slot_type", -1 * SUM(p."amount_cents"), -1 * COUNT(*)
    FROM "payments" p JOIN "reservations" r ON r."id" = p."reservation_id"
    WHERE r."slot_id" = OLD."id" AND p."payment_status" = 'completed'
    GROUP BY to_char(p."payment_date" AT TIME ZONE 'UTC', 'YYYY-MM-DD')
    ON CONFLICT ("date", "slot_type") DO UPDATE SET
      "revenue_cents" = "analytics_daily_type"."revenue_cents" + excluded."revenue_cents",
      "payments" = "analytics_daily_type"."payments" + excluded."payments";
  INSERT INTO "analytics_hourly" ("date", "hour", "occupied_slot_hours")
    SELECT u."date", u."hour", 1 FROM "utilization_stats" u
    WHERE u."slot_id" = NEW."id" AND u."occupancy_count" > 0 AND NEW."out_of_service" = false
    ON CONFLICT ("date", "hour") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly_zone" ("date", "hour", "floor_number", "zone", "occupied_slot_hours")
    SELECT u."date", u."hour", NEW."floor_number", NEW."zone", 1 FROM "utilization_stats" u
    WHERE u."slot_id" = NEW."id" AND u."occupancy_count" > 0 AND NEW."out_of_service" = false
    ON CONFLICT ("date", "hour", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_daily_zone" ("date", "floor_number", "zone", "occupied_slot_hours")
    SELECT u."date", NEW."floor_number", NEW."zone", 1 * COUNT(*) FROM "utilization_stats" u
    WHERE u."slot_id" = NEW."id" AND u."occupancy_count" > 0 AND NEW."out_of_service" = false
    GROUP BY u."date"
    ON CONFLICT ("date", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_daily_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_daily_zone" ("date", "floor_number", "zone", "reservations")
    SELECT to_char(r."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), NEW."floor_number", NEW."zone", 1 * COUNT(*) FROM "reservations" r
    WHERE r."slot_id" = NEW."id"
    GROUP BY to_char(r."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD')
    ON CONFLICT ("date", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_daily_zone"."reservations" + excluded."reservations";
  INSERT INTO "analytics_daily_type" ("date", "slot_type", "reservations")
    SELECT to_char(r."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), NEW."slot_type", 1 * COUNT(*) FROM "reservations" r
    WHERE r."slot_id" = NEW."id"
    GROUP BY to_char(r."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD')
    ON CONFLICT ("date", "slot_type") DO UPDATE SET "reservations" = "analytics_daily_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_daily_type" ("date", "slot_type", "revenue_cents", "payments")
    SELECT to_char(p."payment_date" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), NEW."slot_type", 1 * SUM(p."amount_cents"), 1 * COUNT(*)
    FROM "payments" p JOIN "reservations" r ON r."id" = p."reservation_id"
    WHERE r."slot_id" = NEW."id" AND p."payment_status" = 'completed'
    GROUP BY to_char(p."payment_date" AT TIME ZONE 'UTC', 'YYYY-MM-DD')
    ON CONFLICT ("date", "slot_type") DO UPDATE SET
      "revenue_cents" = "analytics_daily_type"."revenue_cents" + excluded."revenue_cents",
      "payments" = "analytics_daily_type"."payments" + excluded."payments";
  RETURN NULL;
END
$$;

CREATE TRIGGER "trg_analytics_slot_update"
AFTER UPDATE OF "slot_type", "floor_number", "zone", "out_of_service" ON "parking_slots"
FOR EACH ROW
WHEN (OLD."slot_type" <> NEW."slot_type" OR OLD."floor_number" <> NEW."floor_number" OR OLD."zone" <> NEW."zone" OR OLD."out_of_service" <> NEW."out_of_service")
EXECUTE FUNCTION "fn_analytics_slot_update"();

