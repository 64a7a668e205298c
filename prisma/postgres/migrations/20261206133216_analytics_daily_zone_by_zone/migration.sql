-- DropIndex
DROP INDEX "idx_analytics_daily_zone_cover";

-- CreateIndex
CREATE INDEX "idx_analytics_daily_zone_by_zone" ON "analytics_daily_zone"("location_id", "floor_number", "zone", "date", "occupied_slot_hours", "reservations");

