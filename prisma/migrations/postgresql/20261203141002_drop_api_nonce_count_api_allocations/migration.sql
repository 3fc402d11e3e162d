-- DropForeignKey
ALTER TABLE "ApiNonce" DROP CONSTRAINT "ApiNonce_apiKeyId_fkey";

-- DropTable
DROP TABLE "ApiNonce";

-- A partner's API allocation now counts the codes its claims took; those it took before did not.
UPDATE "Allocation" SET "quantity" = (
  SELECT count(*) FROM "Code" WHERE "Code"."allocationId" = "Allocation"."id"
) WHERE "channel" = 'api';
