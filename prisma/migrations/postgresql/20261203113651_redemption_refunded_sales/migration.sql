-- AlterTable
ALTER TABLE "Redemption" ADD COLUMN     "refundedSales" DECIMAL(65,30) NOT NULL DEFAULT 0;

-- Written by hand: refunds recorded before this column were not split into sales and the rest;
-- they keep counting whole against net sales, as they did.
UPDATE "Redemption" SET "refundedSales" = "refunded";
