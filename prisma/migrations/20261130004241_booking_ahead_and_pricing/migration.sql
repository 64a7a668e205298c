-- Booking ahead (status 'upcoming'), per-slot lock version for overlap checks,
-- per-hour prices and idempotency request fingerprints, demand pricing rules.
-- The partial unique index of 0001_init (one ACTIVE reservation per slot) still holds:
-- upcoming reservations are not 'active' until the sweep starts them.
-- AlterTable
ALTER TABLE "reservations" ADD COLUMN "hourly_cents" TEXT;
ALTER TABLE "reservations" ADD COLUMN "idempotency_request" TEXT;

-- CreateTable
CREATE TABLE "pricing_rules" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rules" TEXT NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "updated_by_id" INTEGER
);

-- AlterTable (hand-edited from Prisma's table copy: adding a column with a constant
-- default is a plain ALTER in SQLite and keeps every row and index as it is)
ALTER TABLE "parking_slots" ADD COLUMN "lock_version" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "idx_reservations_status_start" ON "reservations"("status", "start_time");

-- CreateIndex
CREATE INDEX "idx_reservations_slot_window" ON "reservations"("slot_id", "status", "start_time");

