-- The app never writes these three statuses; a row holding one (none should) gets the state the
-- app gives the same situation before the type loses them: a paused push is "pushing" with
-- "pushPaused", a campaign not yet pushed is "minting", one that ended is closed as "cancelled".
UPDATE "Campaign" SET "status" = 'pushing', "pushPaused" = true WHERE "status" = 'paused';
UPDATE "Campaign" SET "status" = 'minting' WHERE "status" = 'draft';
UPDATE "Campaign" SET "status" = 'cancelled' WHERE "status" = 'ended';

-- AlterEnum
BEGIN;
CREATE TYPE "CampaignStatus_new" AS ENUM ('minting', 'pushing', 'active', 'cancelled');
ALTER TABLE "Campaign" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Campaign" ALTER COLUMN "status" TYPE "CampaignStatus_new" USING ("status"::text::"CampaignStatus_new");
ALTER TYPE "CampaignStatus" RENAME TO "CampaignStatus_old";
ALTER TYPE "CampaignStatus_new" RENAME TO "CampaignStatus";
DROP TYPE "CampaignStatus_old";
COMMIT;

-- AlterTable
ALTER TABLE "Campaign" ALTER COLUMN "status" DROP DEFAULT;
