-- AlterTable
ALTER TABLE "wallet_transactions" ADD COLUMN "actor_id" INTEGER;
ALTER TABLE "wallet_transactions" ADD COLUMN "top_up_id" INTEGER;

-- CreateTable
CREATE TABLE "top_ups" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "provider" TEXT NOT NULL,
    "provider_ref" TEXT,
    "day" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" DATETIME,
    CONSTRAINT "top_ups_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "top_up_days" (
    "user_id" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "used_cents" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("user_id", "day")
);

-- CreateTable
CREATE TABLE "payment_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "provider" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "top_up_id" INTEGER,
    "received_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "idx_top_ups_user" ON "top_ups"("user_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "uq_top_ups_provider_ref" ON "top_ups"("provider", "provider_ref");

-- CreateIndex
CREATE UNIQUE INDEX "uq_payment_events_event" ON "payment_events"("provider", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "wallet_transactions_top_up_id_key" ON "wallet_transactions"("top_up_id");

