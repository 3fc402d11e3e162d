-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "rules" JSONB NOT NULL,
    "codeFormat" JSONB NOT NULL,
    "requestedCount" INTEGER NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "bindingKey" TEXT,
    "shopifyDiscountId" TEXT,
    "pushPaused" BOOLEAN NOT NULL DEFAULT false,
    "statusMessage" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Campaign_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Campaign" ("bindingKey", "codeFormat", "createdAt", "endsAt", "id", "name", "pushPaused", "requestedCount", "rules", "shop", "shopifyDiscountId", "startsAt", "status", "statusMessage", "updatedAt") SELECT "bindingKey", "codeFormat", "createdAt", "endsAt", "id", "name", "pushPaused", "requestedCount", "rules", "shop", "shopifyDiscountId", "startsAt", "status", "statusMessage", "updatedAt" FROM "Campaign";
DROP TABLE "Campaign";
ALTER TABLE "new_Campaign" RENAME TO "Campaign";
CREATE INDEX "Campaign_shop_createdAt_idx" ON "Campaign"("shop", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Written by hand: the binding key gets one home, the column. A key in the stored rules moves
-- to the column and leaves the rules. A campaign with codes bound to customers keeps its
-- column's key even if its rules lost theirs (a rules save used to drop it). Any other campaign
-- is not bound: its column held a random key nothing used.
UPDATE "Campaign" SET "bindingKey" = CASE
  WHEN json_valid("rules") AND json_type("rules", '$.boundKey') = 'text'
    THEN json_extract("rules", '$.boundKey')
  WHEN EXISTS (
    SELECT 1 FROM "Code" c WHERE c."campaignId" = "Campaign"."id" AND c."boundCustomerId" IS NOT NULL
  ) THEN "bindingKey"
  ELSE NULL
END;
UPDATE "Campaign" SET "rules" = json_set("rules", '$.boundKey', json('null'))
WHERE json_valid("rules") AND json_type("rules", '$.boundKey') = 'text';
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
