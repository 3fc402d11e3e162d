-- AlterTable
ALTER TABLE "Campaign" ALTER COLUMN "bindingKey" DROP NOT NULL;

-- Written by hand: the binding key gets one home, the column. A key in the stored rules moves
-- to the column and leaves the rules. A campaign with codes bound to customers keeps its
-- column's key even if its rules lost theirs (a rules save used to drop it). Any other campaign
-- is not bound: its column held a random key nothing used.
UPDATE "Campaign" SET "bindingKey" = CASE
  WHEN jsonb_typeof("rules") = 'object' AND jsonb_typeof("rules"->'boundKey') = 'string'
    THEN "rules"->>'boundKey'
  WHEN EXISTS (
    SELECT 1 FROM "Code" c WHERE c."campaignId" = "Campaign"."id" AND c."boundCustomerId" IS NOT NULL
  ) THEN "bindingKey"
  ELSE NULL
END;
UPDATE "Campaign" SET "rules" = jsonb_set("rules", '{boundKey}', 'null'::jsonb)
WHERE jsonb_typeof("rules") = 'object' AND jsonb_typeof("rules"->'boundKey') = 'string';
-- Shopify's copy of the rules may lack the key for the same reason: the push sends each bound
-- campaign's discount again, through its discount chunk reopened (a chunk already sent finds
-- the discount recorded and updates it from the campaign as it is now).
UPDATE "PushChunk" SET "state" = 'pending', "leaseOwner" = NULL, "leaseExpiresAt" = NULL
WHERE "kind" = 'add' AND "state" = 'done' AND "attempts" > 0
  AND "campaignId" IN (
    SELECT "id" FROM "Campaign"
    WHERE "bindingKey" IS NOT NULL AND "shopifyDiscountId" IS NOT NULL
      AND "status" IN ('pushing', 'paused', 'active')
  )
  AND "id" = "campaignId" || ':discount';
