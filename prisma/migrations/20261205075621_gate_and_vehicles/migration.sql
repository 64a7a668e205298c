-- Vehicles, the gate, drive-up stays, overstay debt and no-shows (issue 14).
-- Payments, reservations and users are redefined (new columns with foreign keys): their
-- hand-written guards and the roll-up triggers are dropped first and made again at the end.

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
CREATE TABLE "vehicles" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "plate" TEXT NOT NULL,
    "label" TEXT,
    "lock_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "vehicles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "debt_entries" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "balance_after_cents" INTEGER NOT NULL,
    "reservation_id" INTEGER,
    "wallet_transaction_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "debt_entries_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "debt_entries_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "reservations" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "gate_keys" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "location_id" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "key_prefix" TEXT NOT NULL,
    "created_by_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" DATETIME,
    CONSTRAINT "gate_keys_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "gate_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "location_id" INTEGER NOT NULL,
    "gate_key_id" INTEGER,
    "event_id" TEXT,
    "request_fingerprint" TEXT,
    "direction" TEXT NOT NULL,
    "plate" TEXT,
    "reservation_id" INTEGER,
    "at" DATETIME NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "staff_user_id" INTEGER,
    "note" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "gate_events_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "gate_events_gate_key_id_fkey" FOREIGN KEY ("gate_key_id") REFERENCES "gate_keys" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "gate_events_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "reservations" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "app_secrets" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_payments" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reservation_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "payment_method" TEXT NOT NULL DEFAULT 'wallet',
    "kind" TEXT NOT NULL DEFAULT 'booking',
    "transaction_id" TEXT NOT NULL,
    "payment_status" TEXT NOT NULL DEFAULT 'completed',
    "payment_date" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payments_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "reservations" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "payments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_payments" ("amount_cents", "id", "payment_date", "payment_method", "payment_status", "reservation_id", "transaction_id", "user_id") SELECT "amount_cents", "id", "payment_date", "payment_method", "payment_status", "reservation_id", "transaction_id", "user_id" FROM "payments";
DROP TABLE "payments";
ALTER TABLE "new_payments" RENAME TO "payments";
CREATE UNIQUE INDEX "payments_transaction_id_key" ON "payments"("transaction_id");
CREATE INDEX "idx_payments_user" ON "payments"("user_id");
CREATE INDEX "idx_payments_reservation" ON "payments"("reservation_id");
CREATE INDEX "idx_payments_date" ON "payments"("payment_date");
CREATE INDEX "idx_payments_status_date_cover" ON "payments"("payment_status", "payment_date", "reservation_id", "amount_cents");
CREATE TABLE "new_reservations" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "slot_id" INTEGER NOT NULL,
    "start_time" DATETIME NOT NULL,
    "end_time" DATETIME NOT NULL,
    "duration_hours" INTEGER NOT NULL,
    "total_amount_cents" INTEGER NOT NULL,
    "payment_status" TEXT NOT NULL DEFAULT 'completed',
    "status" TEXT NOT NULL DEFAULT 'active',
    "idempotency_key" TEXT,
    "idempotency_request" TEXT,
    "hourly_cents" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'booked',
    "vehicle_id" INTEGER,
    "checked_in_at" DATETIME,
    "checked_out_at" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "reservations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "reservations_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "parking_slots" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "reservations_vehicle_id_fkey" FOREIGN KEY ("vehicle_id") REFERENCES "vehicles" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_reservations" ("created_at", "duration_hours", "end_time", "hourly_cents", "id", "idempotency_key", "idempotency_request", "payment_status", "slot_id", "start_time", "status", "total_amount_cents", "user_id") SELECT "created_at", "duration_hours", "end_time", "hourly_cents", "id", "idempotency_key", "idempotency_request", "payment_status", "slot_id", "start_time", "status", "total_amount_cents", "user_id" FROM "reservations";
DROP TABLE "reservations";
ALTER TABLE "new_reservations" RENAME TO "reservations";
CREATE INDEX "idx_reservations_user" ON "reservations"("user_id", "created_at");
CREATE INDEX "idx_reservations_slot" ON "reservations"("slot_id", "status");
CREATE INDEX "idx_reservations_status" ON "reservations"("status", "end_time");
CREATE INDEX "idx_reservations_status_start" ON "reservations"("status", "start_time");
CREATE INDEX "idx_reservations_slot_window" ON "reservations"("slot_id", "status", "start_time");
CREATE INDEX "idx_reservations_created" ON "reservations"("created_at");
CREATE INDEX "idx_reservations_created_slot" ON "reservations"("created_at", "slot_id");
CREATE INDEX "idx_reservations_vehicle" ON "reservations"("vehicle_id", "status");
CREATE INDEX "idx_reservations_checked_in" ON "reservations"("checked_in_at", "checked_out_at");
CREATE UNIQUE INDEX "uq_reservations_user_idempotency_key" ON "reservations"("user_id", "idempotency_key");
CREATE TABLE "new_users" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "vehicle_number" TEXT,
    "wallet_balance_cents" INTEGER NOT NULL DEFAULT 0,
    "outstanding_cents" INTEGER NOT NULL DEFAULT 0,
    "role" TEXT NOT NULL DEFAULT 'driver',
    "password_hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_users" ("created_at", "email", "id", "password_hash", "phone", "role", "username", "vehicle_number", "wallet_balance_cents") SELECT "created_at", "email", "id", "password_hash", "phone", "role", "username", "vehicle_number", "wallet_balance_cents" FROM "users";
DROP TABLE "users";
ALTER TABLE "new_users" RENAME TO "users";
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "vehicles_plate_key" ON "vehicles"("plate");

-- CreateIndex
CREATE INDEX "idx_vehicles_user" ON "vehicles"("user_id");

-- CreateIndex
CREATE INDEX "idx_debt_entries_user" ON "debt_entries"("user_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "gate_keys_key_hash_key" ON "gate_keys"("key_hash");

-- CreateIndex
CREATE INDEX "idx_gate_keys_location" ON "gate_keys"("location_id");

-- CreateIndex
CREATE INDEX "idx_gate_events_location" ON "gate_events"("location_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "uq_gate_events_key_event" ON "gate_events"("gate_key_id", "event_id");


-- Guards Prisma's schema language cannot express (as in 0001_init): a slot holds at most
-- one active reservation, no wallet goes below zero, and nobody owes a negative amount.
CREATE UNIQUE INDEX "uq_reservations_one_active_per_slot" ON "reservations"("slot_id") WHERE "status" = 'active';

CREATE TRIGGER "trg_users_wallet_non_negative"
BEFORE UPDATE OF "wallet_balance_cents" ON "users"
WHEN NEW."wallet_balance_cents" < 0
BEGIN
  SELECT RAISE(ABORT, 'wallet balance cannot be negative');
END;

CREATE TRIGGER "trg_users_outstanding_non_negative"
BEFORE UPDATE OF "outstanding_cents" ON "users"
WHEN NEW."outstanding_cents" < 0
BEGIN
  SELECT RAISE(ABORT, 'outstanding balance cannot be negative');
END;

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
