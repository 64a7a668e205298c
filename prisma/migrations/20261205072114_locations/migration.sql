-- Locations: a network of garages. Everything an existing database holds moves into one
-- location ("Main garage", UTC, slug main, and npm start then applies DEFAULT_LOCATION_NAME /
-- DEFAULT_LOCATION_TZ to it): every slot, the pricing rules, and every staff user is
-- assigned to it. An empty database gets no location (the seed or an admin creates them).
-- The analytics roll-ups gain location_id in their keys and are rebuilt.

-- BEGIN drop analytics roll-up triggers (npm run db:rollups)

DROP TRIGGER IF EXISTS "trg_analytics_utilization_insert";
DROP TRIGGER IF EXISTS "trg_analytics_utilization_update";
DROP TRIGGER IF EXISTS "trg_analytics_utilization_delete";
DROP TRIGGER IF EXISTS "trg_analytics_payment_insert";
DROP TRIGGER IF EXISTS "trg_analytics_payment_update";
DROP TRIGGER IF EXISTS "trg_analytics_payment_delete";
DROP TRIGGER IF EXISTS "trg_analytics_reservation_insert";
DROP TRIGGER IF EXISTS "trg_analytics_reservation_update";
DROP TRIGGER IF EXISTS "trg_analytics_reservation_delete";
DROP TRIGGER IF EXISTS "trg_analytics_slot_update";

-- END drop

-- CreateTable
CREATE TABLE "locations" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "requires_check_in" BOOLEAN NOT NULL DEFAULT false,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- The one location of an existing database.
INSERT INTO "locations" ("slug", "name", "address", "time_zone", "requires_check_in", "created_at")
SELECT 'main', 'Main garage', '', 'UTC', false, CURRENT_TIMESTAMP
WHERE EXISTS (SELECT 1 FROM "parking_slots") OR EXISTS (SELECT 1 FROM "users");

-- CreateTable
CREATE TABLE "staff_locations" (
    "user_id" INTEGER NOT NULL,
    "location_id" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("user_id", "location_id"),
    CONSTRAINT "staff_locations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "staff_locations_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "analytics_hourly_type" (
    "location_id" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "slot_type" TEXT NOT NULL,
    "revenue_cents" INTEGER NOT NULL DEFAULT 0,
    "payments" INTEGER NOT NULL DEFAULT 0,
    "reservations" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("location_id", "date", "hour", "slot_type")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_analytics_daily_type" (
    "location_id" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "slot_type" TEXT NOT NULL,
    "revenue_cents" INTEGER NOT NULL DEFAULT 0,
    "payments" INTEGER NOT NULL DEFAULT 0,
    "reservations" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("location_id", "date", "slot_type")
);
DROP TABLE "analytics_daily_type";
ALTER TABLE "new_analytics_daily_type" RENAME TO "analytics_daily_type";
CREATE INDEX "idx_analytics_daily_type_cover" ON "analytics_daily_type"("date", "location_id", "slot_type", "revenue_cents", "reservations");
CREATE TABLE "new_analytics_daily_zone" (
    "location_id" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "floor_number" INTEGER NOT NULL,
    "zone" TEXT NOT NULL,
    "occupied_slot_hours" INTEGER NOT NULL DEFAULT 0,
    "reservations" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("location_id", "date", "floor_number", "zone")
);
DROP TABLE "analytics_daily_zone";
ALTER TABLE "new_analytics_daily_zone" RENAME TO "analytics_daily_zone";
CREATE INDEX "idx_analytics_daily_zone_cover" ON "analytics_daily_zone"("date", "location_id", "floor_number", "zone", "occupied_slot_hours", "reservations");
CREATE TABLE "new_analytics_hourly" (
    "location_id" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "occupied_slot_hours" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("location_id", "date", "hour")
);
DROP TABLE "analytics_hourly";
ALTER TABLE "new_analytics_hourly" RENAME TO "analytics_hourly";
CREATE INDEX "idx_analytics_hourly_cover" ON "analytics_hourly"("date", "hour", "location_id", "occupied_slot_hours");
CREATE TABLE "new_analytics_hourly_zone" (
    "location_id" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "floor_number" INTEGER NOT NULL,
    "zone" TEXT NOT NULL,
    "occupied_slot_hours" INTEGER NOT NULL DEFAULT 0,
    "reservations" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("location_id", "date", "hour", "floor_number", "zone")
);
DROP TABLE "analytics_hourly_zone";
ALTER TABLE "new_analytics_hourly_zone" RENAME TO "analytics_hourly_zone";
CREATE INDEX "idx_analytics_hourly_zone_cover" ON "analytics_hourly_zone"("date", "hour", "location_id", "floor_number", "zone", "occupied_slot_hours", "reservations");
CREATE TABLE "new_parking_slots" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "location_id" INTEGER NOT NULL,
    "slot_number" TEXT NOT NULL,
    "floor_number" INTEGER NOT NULL,
    "zone" TEXT NOT NULL,
    "slot_type" TEXT NOT NULL,
    "is_available" BOOLEAN NOT NULL DEFAULT true,
    "out_of_service" BOOLEAN NOT NULL DEFAULT false,
    "out_of_service_reason" TEXT,
    "price_per_hour_cents" INTEGER NOT NULL,
    "lock_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "parking_slots_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_parking_slots" ("location_id", "created_at", "floor_number", "id", "is_available", "lock_version", "out_of_service", "price_per_hour_cents", "slot_number", "slot_type", "zone") SELECT (SELECT MIN("id") FROM "locations"), "created_at", "floor_number", "id", "is_available", "lock_version", "out_of_service", "price_per_hour_cents", "slot_number", "slot_type", "zone" FROM "parking_slots";
DROP TABLE "parking_slots";
ALTER TABLE "new_parking_slots" RENAME TO "parking_slots";
CREATE INDEX "idx_slots_availability" ON "parking_slots"("is_available", "out_of_service", "price_per_hour_cents", "floor_number", "slot_number");
CREATE INDEX "idx_slots_price_order" ON "parking_slots"("price_per_hour_cents", "floor_number", "slot_number");
CREATE INDEX "idx_slots_floor_zone" ON "parking_slots"("floor_number", "zone");
CREATE INDEX "idx_slots_zone" ON "parking_slots"("zone");
CREATE INDEX "idx_slots_type" ON "parking_slots"("slot_type");
CREATE UNIQUE INDEX "uq_slots_location_number" ON "parking_slots"("location_id", "slot_number");
CREATE TABLE "new_pricing_rules" (
    "location_id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rules" TEXT NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "updated_by_id" INTEGER,
    CONSTRAINT "pricing_rules_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_pricing_rules" ("location_id", "rules", "updated_at", "updated_by_id") SELECT (SELECT MIN("id") FROM "locations"), "rules", "updated_at", "updated_by_id" FROM "pricing_rules" WHERE "id" = 1 AND EXISTS (SELECT 1 FROM "locations");
DROP TABLE "pricing_rules";
ALTER TABLE "new_pricing_rules" RENAME TO "pricing_rules";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "locations_slug_key" ON "locations"("slug");

-- CreateIndex
CREATE INDEX "idx_staff_locations_location" ON "staff_locations"("location_id");


-- Staff keep their powers at the one location.
INSERT INTO "staff_locations" ("user_id", "location_id", "created_at")
SELECT u."id", l."id", CURRENT_TIMESTAMP FROM "users" u JOIN "locations" l ON l."slug" = 'main'
WHERE u."role" = 'staff';

-- BEGIN analytics roll-ups (npm run db:rollups)

DELETE FROM analytics_daily_type;

INSERT INTO analytics_daily_type (location_id, date, slot_type, revenue_cents, payments, reservations) SELECT x.c0 AS location_id, x.c1 AS date, x.c2 AS slot_type, SUM(x.c3) AS revenue_cents, SUM(x.c4) AS payments, SUM(x.c5) AS reservations
  FROM (SELECT s.location_id AS c0, date(p.payment_date) AS c1, s.slot_type AS c2, SUM(p.amount_cents) AS c3, SUM(1) AS c4, 0 AS c5
    FROM "payments" p JOIN "reservations" r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), s.slot_type
    UNION ALL
    SELECT s.location_id AS c0, date(r.created_at) AS c1, s.slot_type AS c2, 0 AS c3, 0 AS c4, SUM(1) AS c5
    FROM "reservations" r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), s.slot_type) x
  GROUP BY x.c0, x.c1, x.c2;

DELETE FROM analytics_hourly_type;

INSERT INTO analytics_hourly_type (location_id, date, hour, slot_type, revenue_cents, payments, reservations) SELECT x.c0 AS location_id, x.c1 AS date, x.c2 AS hour, x.c3 AS slot_type, SUM(x.c4) AS revenue_cents, SUM(x.c5) AS payments, SUM(x.c6) AS reservations
  FROM (SELECT s.location_id AS c0, date(p.payment_date) AS c1, CAST(strftime('%H', p.payment_date) AS INTEGER) AS c2, s.slot_type AS c3, SUM(p.amount_cents) AS c4, SUM(1) AS c5, 0 AS c6
    FROM "payments" p JOIN "reservations" r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type
    UNION ALL
    SELECT s.location_id AS c0, date(r.created_at) AS c1, CAST(strftime('%H', r.created_at) AS INTEGER) AS c2, s.slot_type AS c3, 0 AS c4, 0 AS c5, SUM(1) AS c6
    FROM "reservations" r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.slot_type) x
  GROUP BY x.c0, x.c1, x.c2, x.c3;

DELETE FROM analytics_daily_zone;

INSERT INTO analytics_daily_zone (location_id, date, floor_number, zone, occupied_slot_hours, reservations) SELECT x.c0 AS location_id, x.c1 AS date, x.c2 AS floor_number, x.c3 AS zone, SUM(x.c4) AS occupied_slot_hours, SUM(x.c5) AS reservations
  FROM (SELECT s.location_id AS c0, u.date AS c1, s.floor_number AS c2, s.zone AS c3, SUM(1) AS c4, 0 AS c5
    FROM "utilization_stats" u JOIN "parking_slots" s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, s.floor_number, s.zone
    UNION ALL
    SELECT s.location_id AS c0, date(r.created_at) AS c1, s.floor_number AS c2, s.zone AS c3, 0 AS c4, SUM(1) AS c5
    FROM "reservations" r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), s.floor_number, s.zone) x
  GROUP BY x.c0, x.c1, x.c2, x.c3;

DELETE FROM analytics_hourly_zone;

INSERT INTO analytics_hourly_zone (location_id, date, hour, floor_number, zone, occupied_slot_hours, reservations) SELECT x.c0 AS location_id, x.c1 AS date, x.c2 AS hour, x.c3 AS floor_number, x.c4 AS zone, SUM(x.c5) AS occupied_slot_hours, SUM(x.c6) AS reservations
  FROM (SELECT s.location_id AS c0, u.date AS c1, u.hour AS c2, s.floor_number AS c3, s.zone AS c4, SUM(1) AS c5, 0 AS c6
    FROM "utilization_stats" u JOIN "parking_slots" s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, u.hour, s.floor_number, s.zone
    UNION ALL
    SELECT s.location_id AS c0, date(r.created_at) AS c1, CAST(strftime('%H', r.created_at) AS INTEGER) AS c2, s.floor_number AS c3, s.zone AS c4, 0 AS c5, SUM(1) AS c6
    FROM "reservations" r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.floor_number, s.zone) x
  GROUP BY x.c0, x.c1, x.c2, x.c3, x.c4;

DELETE FROM analytics_hourly;

INSERT INTO analytics_hourly (location_id, date, hour, occupied_slot_hours) SELECT x.c0 AS location_id, x.c1 AS date, x.c2 AS hour, SUM(x.c3) AS occupied_slot_hours
  FROM (SELECT s.location_id AS c0, u.date AS c1, u.hour AS c2, SUM(1) AS c3
    FROM "utilization_stats" u JOIN "parking_slots" s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, u.hour) x
  GROUP BY x.c0, x.c1, x.c2;

CREATE TRIGGER "trg_analytics_utilization_insert"
AFTER INSERT ON "utilization_stats"
BEGIN
  INSERT INTO "analytics_daily_zone" ("location_id", "date", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, u.date, s.floor_number, s.zone, SUM(1), 0
    FROM (SELECT NEW."slot_id" AS "slot_id", NEW."date" AS "date", NEW."hour" AS "hour", NEW."occupancy_count" AS "occupancy_count") u JOIN "parking_slots" s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_daily_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly_zone" ("location_id", "date", "hour", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, u.date, u.hour, s.floor_number, s.zone, SUM(1), 0
    FROM (SELECT NEW."slot_id" AS "slot_id", NEW."date" AS "date", NEW."hour" AS "hour", NEW."occupancy_count" AS "occupancy_count") u JOIN "parking_slots" s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, u.hour, s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "hour", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly" ("location_id", "date", "hour", "occupied_slot_hours")
    SELECT s.location_id, u.date, u.hour, SUM(1)
    FROM (SELECT NEW."slot_id" AS "slot_id", NEW."date" AS "date", NEW."hour" AS "hour", NEW."occupancy_count" AS "occupancy_count") u JOIN "parking_slots" s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, u.hour
    ON CONFLICT ("location_id", "date", "hour") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly"."occupied_slot_hours" + excluded."occupied_slot_hours";
END;

CREATE TRIGGER "trg_analytics_utilization_update"
AFTER UPDATE OF "slot_id", "date", "hour", "occupancy_count" ON "utilization_stats"
WHEN OLD."slot_id" IS NOT NEW."slot_id" OR OLD."date" IS NOT NEW."date" OR OLD."hour" IS NOT NEW."hour" OR OLD."occupancy_count" IS NOT NEW."occupancy_count"
BEGIN
  INSERT INTO "analytics_daily_zone" ("location_id", "date", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, u.date, s.floor_number, s.zone, -SUM(1), 0
    FROM (SELECT OLD."slot_id" AS "slot_id", OLD."date" AS "date", OLD."hour" AS "hour", OLD."occupancy_count" AS "occupancy_count") u JOIN "parking_slots" s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_daily_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly_zone" ("location_id", "date", "hour", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, u.date, u.hour, s.floor_number, s.zone, -SUM(1), 0
    FROM (SELECT OLD."slot_id" AS "slot_id", OLD."date" AS "date", OLD."hour" AS "hour", OLD."occupancy_count" AS "occupancy_count") u JOIN "parking_slots" s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, u.hour, s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "hour", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly" ("location_id", "date", "hour", "occupied_slot_hours")
    SELECT s.location_id, u.date, u.hour, -SUM(1)
    FROM (SELECT OLD."slot_id" AS "slot_id", OLD."date" AS "date", OLD."hour" AS "hour", OLD."occupancy_count" AS "occupancy_count") u JOIN "parking_slots" s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, u.hour
    ON CONFLICT ("location_id", "date", "hour") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_daily_zone" ("location_id", "date", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, u.date, s.floor_number, s.zone, SUM(1), 0
    FROM (SELECT NEW."slot_id" AS "slot_id", NEW."date" AS "date", NEW."hour" AS "hour", NEW."occupancy_count" AS "occupancy_count") u JOIN "parking_slots" s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_daily_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly_zone" ("location_id", "date", "hour", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, u.date, u.hour, s.floor_number, s.zone, SUM(1), 0
    FROM (SELECT NEW."slot_id" AS "slot_id", NEW."date" AS "date", NEW."hour" AS "hour", NEW."occupancy_count" AS "occupancy_count") u JOIN "parking_slots" s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, u.hour, s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "hour", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly" ("location_id", "date", "hour", "occupied_slot_hours")
    SELECT s.location_id, u.date, u.hour, SUM(1)
    FROM (SELECT NEW."slot_id" AS "slot_id", NEW."date" AS "date", NEW."hour" AS "hour", NEW."occupancy_count" AS "occupancy_count") u JOIN "parking_slots" s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, u.hour
    ON CONFLICT ("location_id", "date", "hour") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly"."occupied_slot_hours" + excluded."occupied_slot_hours";
END;

CREATE TRIGGER "trg_analytics_utilization_delete"
AFTER DELETE ON "utilization_stats"
BEGIN
  INSERT INTO "analytics_daily_zone" ("location_id", "date", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, u.date, s.floor_number, s.zone, -SUM(1), 0
    FROM (SELECT OLD."slot_id" AS "slot_id", OLD."date" AS "date", OLD."hour" AS "hour", OLD."occupancy_count" AS "occupancy_count") u JOIN "parking_slots" s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_daily_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly_zone" ("location_id", "date", "hour", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, u.date, u.hour, s.floor_number, s.zone, -SUM(1), 0
    FROM (SELECT OLD."slot_id" AS "slot_id", OLD."date" AS "date", OLD."hour" AS "hour", OLD."occupancy_count" AS "occupancy_count") u JOIN "parking_slots" s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, u.hour, s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "hour", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly" ("location_id", "date", "hour", "occupied_slot_hours")
    SELECT s.location_id, u.date, u.hour, -SUM(1)
    FROM (SELECT OLD."slot_id" AS "slot_id", OLD."date" AS "date", OLD."hour" AS "hour", OLD."occupancy_count" AS "occupancy_count") u JOIN "parking_slots" s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, u.hour
    ON CONFLICT ("location_id", "date", "hour") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly"."occupied_slot_hours" + excluded."occupied_slot_hours";
END;

CREATE TRIGGER "trg_analytics_payment_insert"
AFTER INSERT ON "payments"
BEGIN
  INSERT INTO "analytics_daily_type" ("location_id", "date", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), s.slot_type, SUM(p.amount_cents), SUM(1), 0
    FROM (SELECT NEW."reservation_id" AS "reservation_id", NEW."amount_cents" AS "amount_cents", NEW."payment_status" AS "payment_status", NEW."payment_date" AS "payment_date") p JOIN "reservations" r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), s.slot_type
    ON CONFLICT ("location_id", "date", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_daily_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_daily_type"."payments" + excluded."payments";
  INSERT INTO "analytics_hourly_type" ("location_id", "date", "hour", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type, SUM(p.amount_cents), SUM(1), 0
    FROM (SELECT NEW."reservation_id" AS "reservation_id", NEW."amount_cents" AS "amount_cents", NEW."payment_status" AS "payment_status", NEW."payment_date" AS "payment_date") p JOIN "reservations" r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type
    ON CONFLICT ("location_id", "date", "hour", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_hourly_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_hourly_type"."payments" + excluded."payments";
END;

CREATE TRIGGER "trg_analytics_payment_update"
AFTER UPDATE OF "reservation_id", "amount_cents", "payment_status", "payment_date" ON "payments"
WHEN OLD."reservation_id" IS NOT NEW."reservation_id" OR OLD."amount_cents" IS NOT NEW."amount_cents" OR OLD."payment_status" IS NOT NEW."payment_status" OR OLD."payment_date" IS NOT NEW."payment_date"
BEGIN
  INSERT INTO "analytics_daily_type" ("location_id", "date", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), s.slot_type, -SUM(p.amount_cents), -SUM(1), 0
    FROM (SELECT OLD."reservation_id" AS "reservation_id", OLD."amount_cents" AS "amount_cents", OLD."payment_status" AS "payment_status", OLD."payment_date" AS "payment_date") p JOIN "reservations" r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), s.slot_type
    ON CONFLICT ("location_id", "date", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_daily_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_daily_type"."payments" + excluded."payments";
  INSERT INTO "analytics_hourly_type" ("location_id", "date", "hour", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type, -SUM(p.amount_cents), -SUM(1), 0
    FROM (SELECT OLD."reservation_id" AS "reservation_id", OLD."amount_cents" AS "amount_cents", OLD."payment_status" AS "payment_status", OLD."payment_date" AS "payment_date") p JOIN "reservations" r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type
    ON CONFLICT ("location_id", "date", "hour", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_hourly_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_hourly_type"."payments" + excluded."payments";
  INSERT INTO "analytics_daily_type" ("location_id", "date", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), s.slot_type, SUM(p.amount_cents), SUM(1), 0
    FROM (SELECT NEW."reservation_id" AS "reservation_id", NEW."amount_cents" AS "amount_cents", NEW."payment_status" AS "payment_status", NEW."payment_date" AS "payment_date") p JOIN "reservations" r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), s.slot_type
    ON CONFLICT ("location_id", "date", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_daily_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_daily_type"."payments" + excluded."payments";
  INSERT INTO "analytics_hourly_type" ("location_id", "date", "hour", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type, SUM(p.amount_cents), SUM(1), 0
    FROM (SELECT NEW."reservation_id" AS "reservation_id", NEW."amount_cents" AS "amount_cents", NEW."payment_status" AS "payment_status", NEW."payment_date" AS "payment_date") p JOIN "reservations" r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type
    ON CONFLICT ("location_id", "date", "hour", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_hourly_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_hourly_type"."payments" + excluded."payments";
END;

CREATE TRIGGER "trg_analytics_payment_delete"
AFTER DELETE ON "payments"
BEGIN
  INSERT INTO "analytics_daily_type" ("location_id", "date", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), s.slot_type, -SUM(p.amount_cents), -SUM(1), 0
    FROM (SELECT OLD."reservation_id" AS "reservation_id", OLD."amount_cents" AS "amount_cents", OLD."payment_status" AS "payment_status", OLD."payment_date" AS "payment_date") p JOIN "reservations" r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), s.slot_type
    ON CONFLICT ("location_id", "date", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_daily_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_daily_type"."payments" + excluded."payments";
  INSERT INTO "analytics_hourly_type" ("location_id", "date", "hour", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type, -SUM(p.amount_cents), -SUM(1), 0
    FROM (SELECT OLD."reservation_id" AS "reservation_id", OLD."amount_cents" AS "amount_cents", OLD."payment_status" AS "payment_status", OLD."payment_date" AS "payment_date") p JOIN "reservations" r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type
    ON CONFLICT ("location_id", "date", "hour", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_hourly_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_hourly_type"."payments" + excluded."payments";
END;

CREATE TRIGGER "trg_analytics_reservation_insert"
AFTER INSERT ON "reservations"
BEGIN
  INSERT INTO "analytics_daily_type" ("location_id", "date", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), s.slot_type, SUM(p.amount_cents), SUM(1), 0
    FROM "payments" p JOIN (SELECT NEW."id" AS "id", NEW."slot_id" AS "slot_id", NEW."created_at" AS "created_at") r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), s.slot_type
    ON CONFLICT ("location_id", "date", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_daily_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_daily_type"."payments" + excluded."payments";
  INSERT INTO "analytics_daily_type" ("location_id", "date", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(r.created_at), s.slot_type, 0, 0, SUM(1)
    FROM (SELECT NEW."id" AS "id", NEW."slot_id" AS "slot_id", NEW."created_at" AS "created_at") r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), s.slot_type
    ON CONFLICT ("location_id", "date", "slot_type") DO UPDATE SET "reservations" = "analytics_daily_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_hourly_type" ("location_id", "date", "hour", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type, SUM(p.amount_cents), SUM(1), 0
    FROM "payments" p JOIN (SELECT NEW."id" AS "id", NEW."slot_id" AS "slot_id", NEW."created_at" AS "created_at") r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type
    ON CONFLICT ("location_id", "date", "hour", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_hourly_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_hourly_type"."payments" + excluded."payments";
  INSERT INTO "analytics_hourly_type" ("location_id", "date", "hour", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.slot_type, 0, 0, SUM(1)
    FROM (SELECT NEW."id" AS "id", NEW."slot_id" AS "slot_id", NEW."created_at" AS "created_at") r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.slot_type
    ON CONFLICT ("location_id", "date", "hour", "slot_type") DO UPDATE SET "reservations" = "analytics_hourly_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_daily_zone" ("location_id", "date", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, date(r.created_at), s.floor_number, s.zone, 0, SUM(1)
    FROM (SELECT NEW."id" AS "id", NEW."slot_id" AS "slot_id", NEW."created_at" AS "created_at") r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_daily_zone"."reservations" + excluded."reservations";
  INSERT INTO "analytics_hourly_zone" ("location_id", "date", "hour", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.floor_number, s.zone, 0, SUM(1)
    FROM (SELECT NEW."id" AS "id", NEW."slot_id" AS "slot_id", NEW."created_at" AS "created_at") r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "hour", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_hourly_zone"."reservations" + excluded."reservations";
END;

CREATE TRIGGER "trg_analytics_reservation_update"
AFTER UPDATE OF "slot_id", "created_at" ON "reservations"
WHEN OLD."slot_id" IS NOT NEW."slot_id" OR OLD."created_at" IS NOT NEW."created_at"
BEGIN
  INSERT INTO "analytics_daily_type" ("location_id", "date", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), s.slot_type, -SUM(p.amount_cents), -SUM(1), 0
    FROM "payments" p JOIN (SELECT OLD."id" AS "id", OLD."slot_id" AS "slot_id", OLD."created_at" AS "created_at") r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), s.slot_type
    ON CONFLICT ("location_id", "date", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_daily_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_daily_type"."payments" + excluded."payments";
  INSERT INTO "analytics_daily_type" ("location_id", "date", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(r.created_at), s.slot_type, 0, 0, -SUM(1)
    FROM (SELECT OLD."id" AS "id", OLD."slot_id" AS "slot_id", OLD."created_at" AS "created_at") r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), s.slot_type
    ON CONFLICT ("location_id", "date", "slot_type") DO UPDATE SET "reservations" = "analytics_daily_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_hourly_type" ("location_id", "date", "hour", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type, -SUM(p.amount_cents), -SUM(1), 0
    FROM "payments" p JOIN (SELECT OLD."id" AS "id", OLD."slot_id" AS "slot_id", OLD."created_at" AS "created_at") r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type
    ON CONFLICT ("location_id", "date", "hour", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_hourly_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_hourly_type"."payments" + excluded."payments";
  INSERT INTO "analytics_hourly_type" ("location_id", "date", "hour", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.slot_type, 0, 0, -SUM(1)
    FROM (SELECT OLD."id" AS "id", OLD."slot_id" AS "slot_id", OLD."created_at" AS "created_at") r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.slot_type
    ON CONFLICT ("location_id", "date", "hour", "slot_type") DO UPDATE SET "reservations" = "analytics_hourly_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_daily_zone" ("location_id", "date", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, date(r.created_at), s.floor_number, s.zone, 0, -SUM(1)
    FROM (SELECT OLD."id" AS "id", OLD."slot_id" AS "slot_id", OLD."created_at" AS "created_at") r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_daily_zone"."reservations" + excluded."reservations";
  INSERT INTO "analytics_hourly_zone" ("location_id", "date", "hour", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.floor_number, s.zone, 0, -SUM(1)
    FROM (SELECT OLD."id" AS "id", OLD."slot_id" AS "slot_id", OLD."created_at" AS "created_at") r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "hour", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_hourly_zone"."reservations" + excluded."reservations";
  INSERT INTO "analytics_daily_type" ("location_id", "date", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), s.slot_type, SUM(p.amount_cents), SUM(1), 0
    FROM "payments" p JOIN (SELECT NEW."id" AS "id", NEW."slot_id" AS "slot_id", NEW."created_at" AS "created_at") r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), s.slot_type
    ON CONFLICT ("location_id", "date", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_daily_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_daily_type"."payments" + excluded."payments";
  INSERT INTO "analytics_daily_type" ("location_id", "date", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(r.created_at), s.slot_type, 0, 0, SUM(1)
    FROM (SELECT NEW."id" AS "id", NEW."slot_id" AS "slot_id", NEW."created_at" AS "created_at") r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), s.slot_type
    ON CONFLICT ("location_id", "date", "slot_type") DO UPDATE SET "reservations" = "analytics_daily_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_hourly_type" ("location_id", "date", "hour", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type, SUM(p.amount_cents), SUM(1), 0
    FROM "payments" p JOIN (SELECT NEW."id" AS "id", NEW."slot_id" AS "slot_id", NEW."created_at" AS "created_at") r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type
    ON CONFLICT ("location_id", "date", "hour", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_hourly_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_hourly_type"."payments" + excluded."payments";
  INSERT INTO "analytics_hourly_type" ("location_id", "date", "hour", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.slot_type, 0, 0, SUM(1)
    FROM (SELECT NEW."id" AS "id", NEW."slot_id" AS "slot_id", NEW."created_at" AS "created_at") r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.slot_type
    ON CONFLICT ("location_id", "date", "hour", "slot_type") DO UPDATE SET "reservations" = "analytics_hourly_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_daily_zone" ("location_id", "date", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, date(r.created_at), s.floor_number, s.zone, 0, SUM(1)
    FROM (SELECT NEW."id" AS "id", NEW."slot_id" AS "slot_id", NEW."created_at" AS "created_at") r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_daily_zone"."reservations" + excluded."reservations";
  INSERT INTO "analytics_hourly_zone" ("location_id", "date", "hour", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.floor_number, s.zone, 0, SUM(1)
    FROM (SELECT NEW."id" AS "id", NEW."slot_id" AS "slot_id", NEW."created_at" AS "created_at") r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "hour", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_hourly_zone"."reservations" + excluded."reservations";
END;

CREATE TRIGGER "trg_analytics_reservation_delete"
AFTER DELETE ON "reservations"
BEGIN
  INSERT INTO "analytics_daily_type" ("location_id", "date", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), s.slot_type, -SUM(p.amount_cents), -SUM(1), 0
    FROM "payments" p JOIN (SELECT OLD."id" AS "id", OLD."slot_id" AS "slot_id", OLD."created_at" AS "created_at") r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), s.slot_type
    ON CONFLICT ("location_id", "date", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_daily_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_daily_type"."payments" + excluded."payments";
  INSERT INTO "analytics_daily_type" ("location_id", "date", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(r.created_at), s.slot_type, 0, 0, -SUM(1)
    FROM (SELECT OLD."id" AS "id", OLD."slot_id" AS "slot_id", OLD."created_at" AS "created_at") r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), s.slot_type
    ON CONFLICT ("location_id", "date", "slot_type") DO UPDATE SET "reservations" = "analytics_daily_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_hourly_type" ("location_id", "date", "hour", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type, -SUM(p.amount_cents), -SUM(1), 0
    FROM "payments" p JOIN (SELECT OLD."id" AS "id", OLD."slot_id" AS "slot_id", OLD."created_at" AS "created_at") r ON r.id = p.reservation_id JOIN "parking_slots" s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type
    ON CONFLICT ("location_id", "date", "hour", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_hourly_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_hourly_type"."payments" + excluded."payments";
  INSERT INTO "analytics_hourly_type" ("location_id", "date", "hour", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.slot_type, 0, 0, -SUM(1)
    FROM (SELECT OLD."id" AS "id", OLD."slot_id" AS "slot_id", OLD."created_at" AS "created_at") r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.slot_type
    ON CONFLICT ("location_id", "date", "hour", "slot_type") DO UPDATE SET "reservations" = "analytics_hourly_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_daily_zone" ("location_id", "date", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, date(r.created_at), s.floor_number, s.zone, 0, -SUM(1)
    FROM (SELECT OLD."id" AS "id", OLD."slot_id" AS "slot_id", OLD."created_at" AS "created_at") r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_daily_zone"."reservations" + excluded."reservations";
  INSERT INTO "analytics_hourly_zone" ("location_id", "date", "hour", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.floor_number, s.zone, 0, -SUM(1)
    FROM (SELECT OLD."id" AS "id", OLD."slot_id" AS "slot_id", OLD."created_at" AS "created_at") r JOIN "parking_slots" s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "hour", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_hourly_zone"."reservations" + excluded."reservations";
END;

CREATE TRIGGER "trg_analytics_slot_update"
AFTER UPDATE OF "location_id", "floor_number", "zone", "slot_type", "out_of_service" ON "parking_slots"
WHEN OLD."location_id" IS NOT NEW."location_id" OR OLD."floor_number" IS NOT NEW."floor_number" OR OLD."zone" IS NOT NEW."zone" OR OLD."slot_type" IS NOT NEW."slot_type" OR OLD."out_of_service" IS NOT NEW."out_of_service"
BEGIN
  INSERT INTO "analytics_daily_type" ("location_id", "date", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), s.slot_type, -SUM(p.amount_cents), -SUM(1), 0
    FROM "payments" p JOIN "reservations" r ON r.id = p.reservation_id JOIN (SELECT OLD."id" AS "id", OLD."location_id" AS "location_id", OLD."floor_number" AS "floor_number", OLD."zone" AS "zone", OLD."slot_type" AS "slot_type", OLD."out_of_service" AS "out_of_service") s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), s.slot_type
    ON CONFLICT ("location_id", "date", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_daily_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_daily_type"."payments" + excluded."payments";
  INSERT INTO "analytics_daily_type" ("location_id", "date", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(r.created_at), s.slot_type, 0, 0, -SUM(1)
    FROM "reservations" r JOIN (SELECT OLD."id" AS "id", OLD."location_id" AS "location_id", OLD."floor_number" AS "floor_number", OLD."zone" AS "zone", OLD."slot_type" AS "slot_type", OLD."out_of_service" AS "out_of_service") s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), s.slot_type
    ON CONFLICT ("location_id", "date", "slot_type") DO UPDATE SET "reservations" = "analytics_daily_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_hourly_type" ("location_id", "date", "hour", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type, -SUM(p.amount_cents), -SUM(1), 0
    FROM "payments" p JOIN "reservations" r ON r.id = p.reservation_id JOIN (SELECT OLD."id" AS "id", OLD."location_id" AS "location_id", OLD."floor_number" AS "floor_number", OLD."zone" AS "zone", OLD."slot_type" AS "slot_type", OLD."out_of_service" AS "out_of_service") s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type
    ON CONFLICT ("location_id", "date", "hour", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_hourly_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_hourly_type"."payments" + excluded."payments";
  INSERT INTO "analytics_hourly_type" ("location_id", "date", "hour", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.slot_type, 0, 0, -SUM(1)
    FROM "reservations" r JOIN (SELECT OLD."id" AS "id", OLD."location_id" AS "location_id", OLD."floor_number" AS "floor_number", OLD."zone" AS "zone", OLD."slot_type" AS "slot_type", OLD."out_of_service" AS "out_of_service") s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.slot_type
    ON CONFLICT ("location_id", "date", "hour", "slot_type") DO UPDATE SET "reservations" = "analytics_hourly_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_daily_zone" ("location_id", "date", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, u.date, s.floor_number, s.zone, -SUM(1), 0
    FROM "utilization_stats" u JOIN (SELECT OLD."id" AS "id", OLD."location_id" AS "location_id", OLD."floor_number" AS "floor_number", OLD."zone" AS "zone", OLD."slot_type" AS "slot_type", OLD."out_of_service" AS "out_of_service") s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_daily_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_daily_zone" ("location_id", "date", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, date(r.created_at), s.floor_number, s.zone, 0, -SUM(1)
    FROM "reservations" r JOIN (SELECT OLD."id" AS "id", OLD."location_id" AS "location_id", OLD."floor_number" AS "floor_number", OLD."zone" AS "zone", OLD."slot_type" AS "slot_type", OLD."out_of_service" AS "out_of_service") s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_daily_zone"."reservations" + excluded."reservations";
  INSERT INTO "analytics_hourly_zone" ("location_id", "date", "hour", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, u.date, u.hour, s.floor_number, s.zone, -SUM(1), 0
    FROM "utilization_stats" u JOIN (SELECT OLD."id" AS "id", OLD."location_id" AS "location_id", OLD."floor_number" AS "floor_number", OLD."zone" AS "zone", OLD."slot_type" AS "slot_type", OLD."out_of_service" AS "out_of_service") s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, u.hour, s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "hour", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly_zone" ("location_id", "date", "hour", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.floor_number, s.zone, 0, -SUM(1)
    FROM "reservations" r JOIN (SELECT OLD."id" AS "id", OLD."location_id" AS "location_id", OLD."floor_number" AS "floor_number", OLD."zone" AS "zone", OLD."slot_type" AS "slot_type", OLD."out_of_service" AS "out_of_service") s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "hour", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_hourly_zone"."reservations" + excluded."reservations";
  INSERT INTO "analytics_hourly" ("location_id", "date", "hour", "occupied_slot_hours")
    SELECT s.location_id, u.date, u.hour, -SUM(1)
    FROM "utilization_stats" u JOIN (SELECT OLD."id" AS "id", OLD."location_id" AS "location_id", OLD."floor_number" AS "floor_number", OLD."zone" AS "zone", OLD."slot_type" AS "slot_type", OLD."out_of_service" AS "out_of_service") s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, u.hour
    ON CONFLICT ("location_id", "date", "hour") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_daily_type" ("location_id", "date", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), s.slot_type, SUM(p.amount_cents), SUM(1), 0
    FROM "payments" p JOIN "reservations" r ON r.id = p.reservation_id JOIN (SELECT NEW."id" AS "id", NEW."location_id" AS "location_id", NEW."floor_number" AS "floor_number", NEW."zone" AS "zone", NEW."slot_type" AS "slot_type", NEW."out_of_service" AS "out_of_service") s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), s.slot_type
    ON CONFLICT ("location_id", "date", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_daily_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_daily_type"."payments" + excluded."payments";
  INSERT INTO "analytics_daily_type" ("location_id", "date", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(r.created_at), s.slot_type, 0, 0, SUM(1)
    FROM "reservations" r JOIN (SELECT NEW."id" AS "id", NEW."location_id" AS "location_id", NEW."floor_number" AS "floor_number", NEW."zone" AS "zone", NEW."slot_type" AS "slot_type", NEW."out_of_service" AS "out_of_service") s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), s.slot_type
    ON CONFLICT ("location_id", "date", "slot_type") DO UPDATE SET "reservations" = "analytics_daily_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_hourly_type" ("location_id", "date", "hour", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type, SUM(p.amount_cents), SUM(1), 0
    FROM "payments" p JOIN "reservations" r ON r.id = p.reservation_id JOIN (SELECT NEW."id" AS "id", NEW."location_id" AS "location_id", NEW."floor_number" AS "floor_number", NEW."zone" AS "zone", NEW."slot_type" AS "slot_type", NEW."out_of_service" AS "out_of_service") s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
    GROUP BY s.location_id, date(p.payment_date), CAST(strftime('%H', p.payment_date) AS INTEGER), s.slot_type
    ON CONFLICT ("location_id", "date", "hour", "slot_type") DO UPDATE SET "revenue_cents" = "analytics_hourly_type"."revenue_cents" + excluded."revenue_cents", "payments" = "analytics_hourly_type"."payments" + excluded."payments";
  INSERT INTO "analytics_hourly_type" ("location_id", "date", "hour", "slot_type", "revenue_cents", "payments", "reservations")
    SELECT s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.slot_type, 0, 0, SUM(1)
    FROM "reservations" r JOIN (SELECT NEW."id" AS "id", NEW."location_id" AS "location_id", NEW."floor_number" AS "floor_number", NEW."zone" AS "zone", NEW."slot_type" AS "slot_type", NEW."out_of_service" AS "out_of_service") s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.slot_type
    ON CONFLICT ("location_id", "date", "hour", "slot_type") DO UPDATE SET "reservations" = "analytics_hourly_type"."reservations" + excluded."reservations";
  INSERT INTO "analytics_daily_zone" ("location_id", "date", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, u.date, s.floor_number, s.zone, SUM(1), 0
    FROM "utilization_stats" u JOIN (SELECT NEW."id" AS "id", NEW."location_id" AS "location_id", NEW."floor_number" AS "floor_number", NEW."zone" AS "zone", NEW."slot_type" AS "slot_type", NEW."out_of_service" AS "out_of_service") s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_daily_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_daily_zone" ("location_id", "date", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, date(r.created_at), s.floor_number, s.zone, 0, SUM(1)
    FROM "reservations" r JOIN (SELECT NEW."id" AS "id", NEW."location_id" AS "location_id", NEW."floor_number" AS "floor_number", NEW."zone" AS "zone", NEW."slot_type" AS "slot_type", NEW."out_of_service" AS "out_of_service") s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_daily_zone"."reservations" + excluded."reservations";
  INSERT INTO "analytics_hourly_zone" ("location_id", "date", "hour", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, u.date, u.hour, s.floor_number, s.zone, SUM(1), 0
    FROM "utilization_stats" u JOIN (SELECT NEW."id" AS "id", NEW."location_id" AS "location_id", NEW."floor_number" AS "floor_number", NEW."zone" AS "zone", NEW."slot_type" AS "slot_type", NEW."out_of_service" AS "out_of_service") s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, u.hour, s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "hour", "floor_number", "zone") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly_zone"."occupied_slot_hours" + excluded."occupied_slot_hours";
  INSERT INTO "analytics_hourly_zone" ("location_id", "date", "hour", "floor_number", "zone", "occupied_slot_hours", "reservations")
    SELECT s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.floor_number, s.zone, 0, SUM(1)
    FROM "reservations" r JOIN (SELECT NEW."id" AS "id", NEW."location_id" AS "location_id", NEW."floor_number" AS "floor_number", NEW."zone" AS "zone", NEW."slot_type" AS "slot_type", NEW."out_of_service" AS "out_of_service") s ON s.id = r.slot_id
    GROUP BY s.location_id, date(r.created_at), CAST(strftime('%H', r.created_at) AS INTEGER), s.floor_number, s.zone
    ON CONFLICT ("location_id", "date", "hour", "floor_number", "zone") DO UPDATE SET "reservations" = "analytics_hourly_zone"."reservations" + excluded."reservations";
  INSERT INTO "analytics_hourly" ("location_id", "date", "hour", "occupied_slot_hours")
    SELECT s.location_id, u.date, u.hour, SUM(1)
    FROM "utilization_stats" u JOIN (SELECT NEW."id" AS "id", NEW."location_id" AS "location_id", NEW."floor_number" AS "floor_number", NEW."zone" AS "zone", NEW."slot_type" AS "slot_type", NEW."out_of_service" AS "out_of_service") s ON s.id = u.slot_id
    WHERE u.occupancy_count > 0 AND s.out_of_service = false
    GROUP BY s.location_id, u.date, u.hour
    ON CONFLICT ("location_id", "date", "hour") DO UPDATE SET "occupied_slot_hours" = "analytics_hourly"."occupied_slot_hours" + excluded."occupied_slot_hours";
END;

-- END analytics roll-ups
