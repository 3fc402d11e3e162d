-- CreateTable
CREATE TABLE "CodeTally" (
    "shop" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "allocationId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "pushState" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("campaignId", "allocationId", "status", "pushState", "slot"),
    CONSTRAINT "CodeTally_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CodeTally_allocationId_idx" ON "CodeTally"("allocationId");

-- CreateIndex
CREATE INDEX "Code_allocationId_id_idx" ON "Code"("allocationId", "id");

-- The tallies follow every change to "Code" in the statement that makes it, whichever path
-- makes it (docs/decisions/026-code-tallies.md). SQLite has one writer, so one row per key.
CREATE TRIGGER "Code_tally_insert" AFTER INSERT ON "Code"
BEGIN
  INSERT INTO "CodeTally" ("shop", "campaignId", "allocationId", "status", "pushState", "slot", "count")
  VALUES (NEW."shop", NEW."campaignId", COALESCE(NEW."allocationId", ''), NEW."status", NEW."pushState", 0, 1)
  ON CONFLICT ("campaignId", "allocationId", "status", "pushState", "slot")
  DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "Code_tally_update" AFTER UPDATE OF "campaignId", "allocationId", "status", "pushState" ON "Code"
WHEN OLD."campaignId" IS NOT NEW."campaignId" OR OLD."allocationId" IS NOT NEW."allocationId"
  OR OLD."status" IS NOT NEW."status" OR OLD."pushState" IS NOT NEW."pushState"
BEGIN
  UPDATE "CodeTally" SET "count" = "count" - 1
  WHERE "campaignId" = OLD."campaignId" AND "allocationId" = COALESCE(OLD."allocationId", '')
    AND "status" = OLD."status" AND "pushState" = OLD."pushState" AND "slot" = 0;
  INSERT INTO "CodeTally" ("shop", "campaignId", "allocationId", "status", "pushState", "slot", "count")
  VALUES (NEW."shop", NEW."campaignId", COALESCE(NEW."allocationId", ''), NEW."status", NEW."pushState", 0, 1)
  ON CONFLICT ("campaignId", "allocationId", "status", "pushState", "slot")
  DO UPDATE SET "count" = "count" + 1;
END;

-- A campaign's own deletion takes its tallies with it (cascade); this finds none to update then.
CREATE TRIGGER "Code_tally_delete" AFTER DELETE ON "Code"
BEGIN
  UPDATE "CodeTally" SET "count" = "count" - 1
  WHERE "campaignId" = OLD."campaignId" AND "allocationId" = COALESCE(OLD."allocationId", '')
    AND "status" = OLD."status" AND "pushState" = OLD."pushState" AND "slot" = 0;
END;

-- The codes that exist already.
INSERT INTO "CodeTally" ("shop", "campaignId", "allocationId", "status", "pushState", "slot", "count")
SELECT "shop", "campaignId", COALESCE("allocationId", ''), "status", "pushState", 0, COUNT(*)
FROM "Code" GROUP BY "shop", "campaignId", COALESCE("allocationId", ''), "status", "pushState";
