-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "idempotency_key" TEXT,
ADD COLUMN     "idempotency_request" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "uq_payments_user_idempotency_key" ON "payments"("user_id", "idempotency_key");

