-- DropIndex
DROP INDEX "Redemption_shop_orderedAt_id_idx";

-- CreateIndex
CREATE INDEX "Redemption_shop_orderedAt_id_orderName_orderId_code_partner_idx" ON "Redemption"("shop", "orderedAt", "id", "orderName", "orderId", "code", "partnerId", "allocationId", "currency", "subtotal", "discount", "refundedSales", "state");
