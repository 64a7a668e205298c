-- CreateEnum
CREATE TYPE "ReservationKind" AS ENUM ('booked', 'drive_up');

-- CreateEnum
CREATE TYPE "PaymentKind" AS ENUM ('booking', 'extension', 'overstay', 'drive_up');

-- CreateEnum
CREATE TYPE "GateDirection" AS ENUM ('in', 'out');

-- CreateEnum
CREATE TYPE "GateDecision" AS ENUM ('open', 'deny');

-- AlterEnum
ALTER TYPE "ReservationStatus" ADD VALUE 'no_show';

-- AlterEnum
ALTER TYPE "PaymentStatus" ADD VALUE 'pending';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "LedgerKind" ADD VALUE 'extension';
ALTER TYPE "LedgerKind" ADD VALUE 'overstay';
ALTER TYPE "LedgerKind" ADD VALUE 'drive_up';
ALTER TYPE "LedgerKind" ADD VALUE 'debt_payment';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "outstanding_cents" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "reservations" ADD COLUMN     "checked_in_at" TIMESTAMPTZ(3),
ADD COLUMN     "checked_out_at" TIMESTAMPTZ(3),
ADD COLUMN     "kind" "ReservationKind" NOT NULL DEFAULT 'booked',
ADD COLUMN     "vehicle_id" INTEGER;

-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "kind" "PaymentKind" NOT NULL DEFAULT 'booking';

-- CreateTable
CREATE TABLE "vehicles" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "plate" TEXT NOT NULL,
    "label" TEXT,
    "lock_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "vehicles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "debt_entries" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "balance_after_cents" INTEGER NOT NULL,
    "reservation_id" INTEGER,
    "wallet_transaction_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "debt_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gate_keys" (
    "id" SERIAL NOT NULL,
    "location_id" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "key_prefix" TEXT NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "gate_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gate_events" (
    "id" SERIAL NOT NULL,
    "location_id" INTEGER NOT NULL,
    "gate_key_id" INTEGER,
    "event_id" TEXT,
    "request_fingerprint" TEXT,
    "direction" "GateDirection" NOT NULL,
    "plate" TEXT,
    "reservation_id" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "decision" "GateDecision" NOT NULL,
    "reason" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "staff_user_id" INTEGER,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gate_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_secrets" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "app_secrets_pkey" PRIMARY KEY ("name")
);

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

-- CreateIndex
CREATE INDEX "idx_reservations_vehicle" ON "reservations"("vehicle_id", "status");

-- CreateIndex
CREATE INDEX "idx_reservations_checked_in" ON "reservations"("checked_in_at", "checked_out_at");

-- AddForeignKey
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_vehicle_id_fkey" FOREIGN KEY ("vehicle_id") REFERENCES "vehicles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "debt_entries" ADD CONSTRAINT "debt_entries_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "debt_entries" ADD CONSTRAINT "debt_entries_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "reservations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gate_keys" ADD CONSTRAINT "gate_keys_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gate_events" ADD CONSTRAINT "gate_events_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gate_events" ADD CONSTRAINT "gate_events_gate_key_id_fkey" FOREIGN KEY ("gate_key_id") REFERENCES "gate_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gate_events" ADD CONSTRAINT "gate_events_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "reservations"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Guard that Prisma's schema language cannot express (as users_wallet_non_negative in
-- 0001_init): nobody owes a negative amount.
ALTER TABLE "users" ADD CONSTRAINT "users_outstanding_non_negative" CHECK ("outstanding_cents" >= 0);
