-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "rejectionDiscountId" TEXT;
ALTER TABLE "Shop" ADD COLUMN "rejectionIndex" TEXT;
