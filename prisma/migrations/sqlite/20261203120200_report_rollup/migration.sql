-- CreateTable
CREATE TABLE "ReportDay" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "allocationId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "cancelled" INTEGER NOT NULL,
    "refunded" INTEGER NOT NULL,
    "leaked" INTEGER NOT NULL,
    "subtotal" DECIMAL NOT NULL,
    "discount" DECIMAL NOT NULL,
    "netSales" DECIMAL NOT NULL,

    PRIMARY KEY ("shop", "day", "campaignId", "allocationId", "partnerId", "currency")
);

-- CreateTable
CREATE TABLE "ReportRollup" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "timeZone" TEXT NOT NULL,
    "syncedTo" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Redemption_shop_orderedAt_id_idx" ON "Redemption"("shop", "orderedAt", "id");

-- CreateIndex
CREATE INDEX "Redemption_shop_updatedAt_idx" ON "Redemption"("shop", "updatedAt");
