-- CreateIndex
CREATE INDEX "Anomaly_shop_orderId_idx" ON "Anomaly"("shop", "orderId");

-- The leak rate now counts coupon-site orders too: every shop's rollup is cut again on its next view.
DELETE FROM "ReportDay";
DELETE FROM "ReportRollup";
