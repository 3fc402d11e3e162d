-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "ApiNonce";
PRAGMA foreign_keys=on;

-- A partner's API allocation now counts the codes its claims took; those it took before did not.
UPDATE "Allocation" SET "quantity" = (
  SELECT count(*) FROM "Code" WHERE "Code"."allocationId" = "Allocation"."id"
) WHERE "channel" = 'api';
