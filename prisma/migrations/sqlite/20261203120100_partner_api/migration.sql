-- AlterTable
ALTER TABLE "Code" ADD COLUMN "apiClaimId" TEXT;

-- CreateTable
CREATE TABLE "ApiClaim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "allocationId" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "requestHash" TEXT NOT NULL,
    "recipientKey" TEXT,
    "quantity" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PartnerWebhook" (
    "partnerId" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PartnerEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME
);

-- CreateTable
CREATE TABLE "PartnerDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,
    "attemptedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PartnerDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "PartnerEvent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "expiresAt" DATETIME,
    "campaignIds" JSONB,
    "allocationIds" JSONB,
    "ratePerMinute" INTEGER NOT NULL DEFAULT 600,
    "rotatedToId" TEXT,
    CONSTRAINT "ApiKey_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ApiKey" ("createdAt", "id", "label", "lastUsedAt", "partnerId", "prefix", "revokedAt", "secretHash", "shop") SELECT "createdAt", "id", "label", "lastUsedAt", "partnerId", "prefix", "revokedAt", "secretHash", "shop" FROM "ApiKey";
DROP TABLE "ApiKey";
ALTER TABLE "new_ApiKey" RENAME TO "ApiKey";
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");
CREATE UNIQUE INDEX "ApiKey_secretHash_key" ON "ApiKey"("secretHash");
CREATE INDEX "ApiKey_shop_partnerId_idx" ON "ApiKey"("shop", "partnerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ApiClaim_shop_partnerId_createdAt_idx" ON "ApiClaim"("shop", "partnerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiClaim_partnerId_idempotencyKey_key" ON "ApiClaim"("partnerId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "ApiClaim_partnerId_recipientKey_key" ON "ApiClaim"("partnerId", "recipientKey");

-- CreateIndex
CREATE INDEX "PartnerWebhook_shop_idx" ON "PartnerWebhook"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerEvent_dedupeKey_key" ON "PartnerEvent"("dedupeKey");

-- CreateIndex
CREATE INDEX "PartnerEvent_state_nextAttemptAt_idx" ON "PartnerEvent"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "PartnerEvent_shop_partnerId_createdAt_idx" ON "PartnerEvent"("shop", "partnerId", "createdAt");

-- CreateIndex
CREATE INDEX "PartnerDelivery_eventId_idx" ON "PartnerDelivery"("eventId");

-- CreateIndex
-- Partial, written by hand: minted codes carry no claim, so minting maintains no entry here.
CREATE INDEX "Code_apiClaimId_idx" ON "Code"("apiClaimId") WHERE "apiClaimId" IS NOT NULL;

-- Written by hand (Prisma's schema language has no partial indexes): the partner API's claims
-- from a campaign go into one live allocation per partner and campaign, found or created with
-- INSERT ... ON CONFLICT against this index, so two concurrent first claims make one allocation.
CREATE UNIQUE INDEX "Allocation_api_channel_key" ON "Allocation"("campaignId", "partnerId") WHERE "channel" = 'api' AND "revokedAt" IS NULL;
