-- CreateIndex
CREATE INDEX "idx_payments_status_date_cover" ON "payments"("payment_status", "payment_date", "reservation_id", "amount_cents");

-- CreateIndex
CREATE INDEX "idx_reservations_created_slot" ON "reservations"("created_at", "slot_id");

-- CreateIndex
CREATE INDEX "idx_utilization_date_hour_cover" ON "utilization_stats"("date", "hour", "slot_id", "occupancy_count");

