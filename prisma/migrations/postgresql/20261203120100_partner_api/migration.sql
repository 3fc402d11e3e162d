-- CreateEnum
CREATE TYPE "PartnerEventState" AS ENUM ('pending', 'delivered', 'failed');

-- AlterTable
ALTER TABLE "Code" ADD COLUMN     "apiClaimId" TEXT;

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "allocationIds" JSONB,
ADD COLUMN     "campaignIds" JSONB,
ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "ratePerMinute" INTEGER NOT NULL DEFAULT 600,
ADD COLUMN     "rotatedToId" TEXT;

-- CreateTable
CREATE TABLE "ApiClaim" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "allocationId" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "requestHash" TEXT NOT NULL,
    "recipientKey" TEXT,
    "quantity" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerWebhook" (
    "partnerId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartnerWebhook_pkey" PRIMARY KEY ("partnerId")
);

-- CreateTable
CREATE TABLE "PartnerEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" "PartnerEventState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "PartnerEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerDelivery" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,
    "attemptedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartnerDelivery_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "PartnerDelivery" ADD CONSTRAINT "PartnerDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "PartnerEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand (Prisma's schema language has no partial indexes): the partner API's claims
-- from a campaign go into one live allocation per partner and campaign, found or created with
-- INSERT ... ON CONFLICT against this index, so two concurrent first claims make one allocation.
CREATE UNIQUE INDEX "Allocation_api_channel_key" ON "Allocation"("campaignId", "partnerId") WHERE "channel" = 'api' AND "revokedAt" IS NULL;
