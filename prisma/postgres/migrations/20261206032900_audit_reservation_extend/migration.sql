-- AlterEnum
ALTER TYPE "AuditAction" ADD VALUE 'reservation_extend';

