-- AlterTable
ALTER TABLE "Code" ADD COLUMN "distributedBy" TEXT;

-- AlterTable
ALTER TABLE "Partner" ADD COLUMN "archivedAt" DATETIME;
ALTER TABLE "Partner" ADD COLUMN "notes" TEXT;

-- AlterTable (a column with a constant default: no table rebuild needed)
ALTER TABLE "Campaign" ADD COLUMN "distribution" TEXT NOT NULL DEFAULT 'allocations';
