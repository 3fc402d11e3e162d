-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "rejectionDiscountId" TEXT,
ADD COLUMN     "rejectionIndex" TEXT;
