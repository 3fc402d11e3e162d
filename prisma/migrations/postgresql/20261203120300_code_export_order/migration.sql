-- CreateIndex
CREATE INDEX "Code_campaignId_id_idx" ON "Code"("campaignId", "id");
