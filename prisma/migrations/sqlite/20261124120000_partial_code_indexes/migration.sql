-- Written by hand (Prisma's schema language has no partial indexes): a code has no allocation
-- and no push chunk until long after it is minted, so these two indexes leave out the NULLs.
-- Minting then maintains two fewer index entries per code, and every lookup by allocation or
-- chunk (always "= value", which implies NOT NULL) still uses them.
DROP INDEX "Code_allocationId_status_idx";
CREATE INDEX "Code_allocationId_status_idx" ON "Code"("allocationId", "status") WHERE "allocationId" IS NOT NULL;

DROP INDEX "Code_pushChunkId_idx";
CREATE INDEX "Code_pushChunkId_idx" ON "Code"("pushChunkId") WHERE "pushChunkId" IS NOT NULL;
