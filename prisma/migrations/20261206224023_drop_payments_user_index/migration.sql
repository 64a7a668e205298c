-- DropIndex
DROP INDEX "idx_payments_user";

