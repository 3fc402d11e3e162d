-- CreateTable
CREATE TABLE "Erasure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" JSONB,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "Erasure_finishedAt_requestedAt_idx" ON "Erasure"("finishedAt", "requestedAt");

-- CreateIndex (made partial by hand: only bound codes have a customer, and minting then
-- maintains no entry for the others; "= value" implies NOT NULL, so lookups still use it)
CREATE INDEX "Code_shop_boundCustomerId_idx" ON "Code"("shop", "boundCustomerId") WHERE "boundCustomerId" IS NOT NULL;
