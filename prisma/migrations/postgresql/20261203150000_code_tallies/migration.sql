-- CreateTable
CREATE TABLE "CodeTally" (
    "shop" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "allocationId" TEXT NOT NULL,
    "status" "CodeStatus" NOT NULL,
    "pushState" "CodePushState" NOT NULL,
    "slot" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "CodeTally_pkey" PRIMARY KEY ("campaignId","allocationId","status","pushState","slot")
);

-- CreateIndex
CREATE INDEX "CodeTally_allocationId_idx" ON "CodeTally"("allocationId");

-- CreateIndex
CREATE INDEX "Code_allocationId_id_idx" ON "Code"("allocationId", "id");

-- AddForeignKey
ALTER TABLE "CodeTally" ADD CONSTRAINT "CodeTally_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The tallies follow every change to "Code" in the statement that makes it, whichever path
-- makes it (docs/decisions/026-code-tallies.md): once per statement, from its transition tables.
-- Each connection adds into its own slot (its backend pid), so transactions that change codes of
-- the same campaign at once (claims, allocations, the push) never wait on one counter row or
-- deadlock over two. A campaign's own deletion takes its tallies with it (cascade): the EXISTS
-- keeps the cascaded code deletes from writing tallies for a campaign that is gone.
CREATE FUNCTION "code_tally_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "CodeTally" ("shop", "campaignId", "allocationId", "status", "pushState", "slot", "count")
    SELECT "shop", "campaignId", COALESCE("allocationId", ''), "status", "pushState", pg_backend_pid(), COUNT(*)
    FROM new_codes GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
    ON CONFLICT ("campaignId", "allocationId", "status", "pushState", "slot")
    DO UPDATE SET "count" = "CodeTally"."count" + excluded."count";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "CodeTally" ("shop", "campaignId", "allocationId", "status", "pushState", "slot", "count")
    SELECT d."shop", d."campaignId", d."allocationId", d."status", d."pushState", pg_backend_pid(), SUM(d.n)
    FROM (
      SELECT "shop", "campaignId", COALESCE("allocationId", '') AS "allocationId", "status", "pushState", -1 AS n
      FROM old_codes
      UNION ALL
      SELECT "shop", "campaignId", COALESCE("allocationId", ''), "status", "pushState", 1 FROM new_codes
    ) d
    WHERE EXISTS (SELECT 1 FROM "Campaign" c WHERE c."id" = d."campaignId")
    GROUP BY 1, 2, 3, 4, 5 HAVING SUM(d.n) <> 0 ORDER BY 2, 3, 4, 5
    ON CONFLICT ("campaignId", "allocationId", "status", "pushState", "slot")
    DO UPDATE SET "count" = "CodeTally"."count" + excluded."count";
  ELSE
    INSERT INTO "CodeTally" ("shop", "campaignId", "allocationId", "status", "pushState", "slot", "count")
    SELECT o."shop", o."campaignId", COALESCE(o."allocationId", ''), o."status", o."pushState", pg_backend_pid(), -COUNT(*)
    FROM old_codes o
    WHERE EXISTS (SELECT 1 FROM "Campaign" c WHERE c."id" = o."campaignId")
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
    ON CONFLICT ("campaignId", "allocationId", "status", "pushState", "slot")
    DO UPDATE SET "count" = "CodeTally"."count" + excluded."count";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Code_tally_insert" AFTER INSERT ON "Code"
  REFERENCING NEW TABLE AS new_codes FOR EACH STATEMENT EXECUTE FUNCTION "code_tally_change"();
CREATE TRIGGER "Code_tally_update" AFTER UPDATE ON "Code"
  REFERENCING OLD TABLE AS old_codes NEW TABLE AS new_codes
  FOR EACH STATEMENT EXECUTE FUNCTION "code_tally_change"();
CREATE TRIGGER "Code_tally_delete" AFTER DELETE ON "Code"
  REFERENCING OLD TABLE AS old_codes FOR EACH STATEMENT EXECUTE FUNCTION "code_tally_change"();

-- The codes that exist already.
INSERT INTO "CodeTally" ("shop", "campaignId", "allocationId", "status", "pushState", "slot", "count")
SELECT "shop", "campaignId", COALESCE("allocationId", ''), "status", "pushState", 0, COUNT(*)
FROM "Code" GROUP BY 1, 2, 3, 4, 5;
