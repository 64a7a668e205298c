-- CreateEnum
CREATE TYPE "TopUpStatus" AS ENUM ('pending', 'succeeded', 'failed', 'expired');

-- CreateEnum
CREATE TYPE "PaymentProviderName" AS ENUM ('stripe', 'demo');

-- AlterTable
ALTER TABLE "wallet_transactions" ADD COLUMN     "actor_id" INTEGER,
ADD COLUMN     "top_up_id" INTEGER;

-- CreateTable
CREATE TABLE "top_ups" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "status" "TopUpStatus" NOT NULL DEFAULT 'pending',
    "provider" "PaymentProviderName" NOT NULL,
    "provider_ref" TEXT,
    "day" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "top_ups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "top_up_days" (
    "user_id" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "used_cents" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "top_up_days_pkey" PRIMARY KEY ("user_id","day")
);

-- CreateTable
CREATE TABLE "payment_events" (
    "id" SERIAL NOT NULL,
    "provider" "PaymentProviderName" NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "top_up_id" INTEGER,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_top_ups_user" ON "top_ups"("user_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "uq_top_ups_provider_ref" ON "top_ups"("provider", "provider_ref");

-- CreateIndex
CREATE UNIQUE INDEX "uq_payment_events_event" ON "payment_events"("provider", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "wallet_transactions_top_up_id_key" ON "wallet_transactions"("top_up_id");

-- AddForeignKey
ALTER TABLE "top_ups" ADD CONSTRAINT "top_ups_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

