-- CreateEnum
CREATE TYPE "CampaignDistribution" AS ENUM ('allocations', 'published');

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "distribution" "CampaignDistribution" NOT NULL DEFAULT 'allocations';

-- AlterTable
ALTER TABLE "Code" ADD COLUMN     "distributedBy" TEXT;

-- AlterTable
ALTER TABLE "Partner" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "notes" TEXT;
