-- DropIndex
DROP INDEX "idx_reservations_slot";

-- DropIndex
DROP INDEX "idx_reservations_created";

-- DropIndex
DROP INDEX "idx_utilization_date_hour";

-- DropIndex
DROP INDEX "idx_utilization_date_hour_cover";

