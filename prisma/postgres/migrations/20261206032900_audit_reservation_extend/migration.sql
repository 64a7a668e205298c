-- AlterEnum
-- AFTER: the enum's order is the schema's, as a database built from it has it.
ALTER TYPE "AuditAction" ADD VALUE 'reservation_extend' AFTER 'reservation_cancel';
