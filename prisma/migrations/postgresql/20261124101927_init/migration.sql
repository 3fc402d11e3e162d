-- Case-insensitive collation for discount codes (prisma/case-insensitive-columns.ts)
CREATE COLLATION IF NOT EXISTS "onecode_case_insensitive" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ShopState" AS ENUM ('installed', 'uninstalled');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('draft', 'minting', 'pushing', 'paused', 'active', 'ended', 'cancelled');

-- CreateEnum
CREATE TYPE "CodeStatus" AS ENUM ('available', 'allocated', 'distributed', 'redeemed', 'revoked');

-- CreateEnum
CREATE TYPE "CodePushState" AS ENUM ('pending', 'queued', 'live', 'failed', 'replaced', 'removed');

-- CreateEnum
CREATE TYPE "CodeSource" AS ENUM ('generated', 'imported');

-- CreateEnum
CREATE TYPE "PushChunkKind" AS ENUM ('add', 'delete');

-- CreateEnum
CREATE TYPE "PushChunkState" AS ENUM ('pending', 'submitted', 'done', 'failed');

-- CreateEnum
CREATE TYPE "PartnerKind" AS ENUM ('affiliate', 'influencer', 'customer_service', 'loyalty', 'crm', 'other');

-- CreateEnum
CREATE TYPE "RedemptionState" AS ENUM ('created', 'paid', 'cancelled', 'refunded', 'partially_refunded');

-- CreateEnum
CREATE TYPE "AnomalyKind" AS ENUM ('never_distributed', 'redeemed_twice', 'bound_code_misuse', 'redemption_spike', 'coupon_site_referral', 'redeemed_after_revoke');

-- CreateEnum
CREATE TYPE "AnomalyStatus" AS ENUM ('open', 'dismissed', 'revoked');

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shop" (
    "domain" TEXT NOT NULL,
    "state" "ShopState" NOT NULL DEFAULT 'installed',
    "name" TEXT,
    "currency" TEXT,
    "settings" JSONB,
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("domain")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'draft',
    "rules" JSONB NOT NULL,
    "codeFormat" JSONB NOT NULL,
    "requestedCount" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "bindingKey" TEXT NOT NULL,
    "shopifyDiscountId" TEXT,
    "pushPaused" BOOLEAN NOT NULL DEFAULT false,
    "statusMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Code" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "code" TEXT COLLATE "onecode_case_insensitive" NOT NULL,
    "status" "CodeStatus" NOT NULL DEFAULT 'available',
    "source" "CodeSource" NOT NULL DEFAULT 'generated',
    "pushState" "CodePushState" NOT NULL DEFAULT 'pending',
    "pushChunkId" TEXT,
    "pushError" TEXT,
    "shopifyCodeId" TEXT,
    "boundCustomerId" TEXT,
    "allocationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "distributedAt" TIMESTAMP(3),
    "redeemedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Code_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PushChunk" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "kind" "PushChunkKind" NOT NULL DEFAULT 'add',
    "state" "PushChunkState" NOT NULL DEFAULT 'pending',
    "codeCount" INTEGER NOT NULL,
    "bulkCreationId" TEXT,
    "importedCount" INTEGER,
    "failedCount" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PushChunk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Partner" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PartnerKind" NOT NULL DEFAULT 'affiliate',
    "email" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Allocation" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "partnerId" TEXT,
    "channel" TEXT,
    "label" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Allocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiNonce" (
    "apiKeyId" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiNonce_pkey" PRIMARY KEY ("apiKeyId","nonce")
);

-- CreateTable
CREATE TABLE "Redemption" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "codeId" INTEGER,
    "code" TEXT NOT NULL,
    "allocationId" TEXT,
    "partnerId" TEXT,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT,
    "customerId" TEXT,
    "customerEmail" TEXT,
    "currency" TEXT NOT NULL,
    "subtotal" DECIMAL(65,30) NOT NULL,
    "discount" DECIMAL(65,30) NOT NULL,
    "total" DECIMAL(65,30) NOT NULL,
    "refunded" DECIMAL(65,30) NOT NULL DEFAULT 0,
    "state" "RedemptionState" NOT NULL DEFAULT 'created',
    "orderedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Redemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "webhookId" TEXT,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "triggeredAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Anomaly" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "kind" "AnomalyKind" NOT NULL,
    "status" "AnomalyStatus" NOT NULL DEFAULT 'open',
    "codeId" INTEGER,
    "allocationId" TEXT,
    "orderId" TEXT,
    "details" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "Anomaly_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "details" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE INDEX "Campaign_shop_createdAt_idx" ON "Campaign"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Code_campaignId_status_pushState_idx" ON "Code"("campaignId", "status", "pushState");

-- CreateIndex
CREATE INDEX "Code_allocationId_status_idx" ON "Code"("allocationId", "status");

-- CreateIndex
CREATE INDEX "Code_pushChunkId_idx" ON "Code"("pushChunkId");

-- CreateIndex
CREATE UNIQUE INDEX "Code_shop_code_key" ON "Code"("shop", "code");

-- CreateIndex
CREATE INDEX "PushChunk_state_leaseExpiresAt_idx" ON "PushChunk"("state", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "PushChunk_campaignId_state_idx" ON "PushChunk"("campaignId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "Partner_shop_name_key" ON "Partner"("shop", "name");

-- CreateIndex
CREATE INDEX "Allocation_shop_campaignId_idx" ON "Allocation"("shop", "campaignId");

-- CreateIndex
CREATE INDEX "Allocation_partnerId_idx" ON "Allocation"("partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_secretHash_key" ON "ApiKey"("secretHash");

-- CreateIndex
CREATE INDEX "ApiKey_shop_partnerId_idx" ON "ApiKey"("shop", "partnerId");

-- CreateIndex
CREATE INDEX "ApiNonce_createdAt_idx" ON "ApiNonce"("createdAt");

-- CreateIndex
CREATE INDEX "Redemption_campaignId_orderedAt_idx" ON "Redemption"("campaignId", "orderedAt");

-- CreateIndex
CREATE INDEX "Redemption_allocationId_orderedAt_idx" ON "Redemption"("allocationId", "orderedAt");

-- CreateIndex
CREATE INDEX "Redemption_partnerId_orderedAt_idx" ON "Redemption"("partnerId", "orderedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_shop_orderId_code_key" ON "Redemption"("shop", "orderId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_eventId_key" ON "WebhookEvent"("eventId");

-- CreateIndex
CREATE INDEX "WebhookEvent_shop_receivedAt_idx" ON "WebhookEvent"("shop", "receivedAt");

-- CreateIndex
CREATE INDEX "Anomaly_shop_campaignId_status_idx" ON "Anomaly"("shop", "campaignId", "status");

-- CreateIndex
CREATE INDEX "AuditLog_shop_createdAt_idx" ON "AuditLog"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_shop_subjectType_subjectId_idx" ON "AuditLog"("shop", "subjectType", "subjectId");

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Code" ADD CONSTRAINT "Code_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Code" ADD CONSTRAINT "Code_allocationId_fkey" FOREIGN KEY ("allocationId") REFERENCES "Allocation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Code" ADD CONSTRAINT "Code_pushChunkId_fkey" FOREIGN KEY ("pushChunkId") REFERENCES "PushChunk"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PushChunk" ADD CONSTRAINT "PushChunk_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Partner" ADD CONSTRAINT "Partner_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiNonce" ADD CONSTRAINT "ApiNonce_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_codeId_fkey" FOREIGN KEY ("codeId") REFERENCES "Code"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_allocationId_fkey" FOREIGN KEY ("allocationId") REFERENCES "Allocation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Anomaly" ADD CONSTRAINT "Anomaly_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
