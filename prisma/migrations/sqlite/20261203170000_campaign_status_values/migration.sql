-- The app never writes these three statuses; a row holding one (none should) gets the state the
-- app gives the same situation before the type loses them: a paused push is "pushing" with
-- "pushPaused", a campaign not yet pushed is "minting", one that ended is closed as "cancelled".
UPDATE "Campaign" SET "status" = 'pushing', "pushPaused" = 1 WHERE "status" = 'paused';
UPDATE "Campaign" SET "status" = 'minting' WHERE "status" = 'draft';
UPDATE "Campaign" SET "status" = 'cancelled' WHERE "status" = 'ended';

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "rules" JSONB NOT NULL,
    "codeFormat" JSONB NOT NULL,
    "requestedCount" INTEGER NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "bindingKey" TEXT,
    "shopifyDiscountId" TEXT,
    "pushPaused" BOOLEAN NOT NULL DEFAULT false,
    "statusMessage" TEXT,
    "distribution" TEXT NOT NULL DEFAULT 'allocations',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Campaign_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Campaign" ("bindingKey", "codeFormat", "createdAt", "distribution", "endsAt", "id", "name", "pushPaused", "requestedCount", "rules", "shop", "shopifyDiscountId", "startsAt", "status", "statusMessage", "updatedAt") SELECT "bindingKey", "codeFormat", "createdAt", "distribution", "endsAt", "id", "name", "pushPaused", "requestedCount", "rules", "shop", "shopifyDiscountId", "startsAt", "status", "statusMessage", "updatedAt" FROM "Campaign";
DROP TABLE "Campaign";
ALTER TABLE "new_Campaign" RENAME TO "Campaign";
CREATE INDEX "Campaign_shop_createdAt_idx" ON "Campaign"("shop", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
