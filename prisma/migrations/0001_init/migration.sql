-- CreateTable
CREATE TABLE "parking_slots" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slot_number" TEXT NOT NULL,
    "floor_number" INTEGER NOT NULL,
    "zone" TEXT NOT NULL,
    "slot_type" TEXT NOT NULL,
    "is_available" BOOLEAN NOT NULL DEFAULT true,
    "out_of_service" BOOLEAN NOT NULL DEFAULT false,
    "price_per_hour_cents" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "users" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "vehicle_number" TEXT,
    "wallet_balance_cents" INTEGER NOT NULL DEFAULT 0,
    "role" TEXT NOT NULL DEFAULT 'driver',
    "password_hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "reservations" (
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
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "reservations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "reservations_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "parking_slots" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "payments" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reservation_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "payment_method" TEXT NOT NULL DEFAULT 'wallet',
    "transaction_id" TEXT NOT NULL,
    "payment_status" TEXT NOT NULL DEFAULT 'completed',
    "payment_date" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payments_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "reservations" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "payments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "wallet_transactions" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "balance_after_cents" INTEGER NOT NULL,
    "payment_id" INTEGER,
    "reservation_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "wallet_transactions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "wallet_transactions_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "reservations" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "utilization_stats" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slot_id" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "occupancy_count" INTEGER NOT NULL DEFAULT 0,
    "revenue_cents" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "utilization_stats_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "parking_slots" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "parking_slots_slot_number_key" ON "parking_slots"("slot_number");

-- CreateIndex
CREATE INDEX "idx_slots_availability" ON "parking_slots"("is_available", "out_of_service", "price_per_hour_cents", "floor_number", "slot_number");

-- CreateIndex
CREATE INDEX "idx_slots_price_order" ON "parking_slots"("price_per_hour_cents", "floor_number", "slot_number");

-- CreateIndex
CREATE INDEX "idx_slots_floor_zone" ON "parking_slots"("floor_number", "zone");

-- CreateIndex
CREATE INDEX "idx_slots_zone" ON "parking_slots"("zone");

-- CreateIndex
CREATE INDEX "idx_slots_type" ON "parking_slots"("slot_type");

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "idx_reservations_user" ON "reservations"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "idx_reservations_slot" ON "reservations"("slot_id", "status");

-- CreateIndex
CREATE INDEX "idx_reservations_status" ON "reservations"("status", "end_time");

-- CreateIndex
CREATE INDEX "idx_reservations_created" ON "reservations"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "uq_reservations_user_idempotency_key" ON "reservations"("user_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "payments_transaction_id_key" ON "payments"("transaction_id");

-- CreateIndex
CREATE INDEX "idx_payments_user" ON "payments"("user_id");

-- CreateIndex
CREATE INDEX "idx_payments_reservation" ON "payments"("reservation_id");

-- CreateIndex
CREATE INDEX "idx_payments_date" ON "payments"("payment_date");

-- CreateIndex
CREATE INDEX "idx_wallet_transactions_user" ON "wallet_transactions"("user_id", "id");

-- CreateIndex
CREATE INDEX "idx_wallet_transactions_reservation" ON "wallet_transactions"("reservation_id");

-- CreateIndex
CREATE INDEX "idx_utilization_date_hour" ON "utilization_stats"("date", "hour");

-- CreateIndex
CREATE UNIQUE INDEX "uq_utilization_slot_date_hour" ON "utilization_stats"("slot_id", "date", "hour");


-- Guards that Prisma's schema language cannot express, kept by hand: a slot holds at
-- most one active reservation, and no wallet ever goes below zero.
CREATE UNIQUE INDEX "uq_reservations_one_active_per_slot" ON "reservations"("slot_id") WHERE "status" = 'active';

CREATE TRIGGER "trg_users_wallet_non_negative"
BEFORE UPDATE OF "wallet_balance_cents" ON "users"
WHEN NEW."wallet_balance_cents" < 0
BEGIN
  SELECT RAISE(ABORT, 'wallet balance cannot be negative');
END;
