-- Written by hand: the schema engine rebuilds the whole table to add a column in the middle of
-- the model; appending it is enough (the column order does not matter to the app) and keeps a
-- large table from being copied.
ALTER TABLE "Redemption" ADD COLUMN "refundedSales" DECIMAL NOT NULL DEFAULT 0;

-- Refunds recorded before this column were not split into sales and the rest; they keep
-- counting whole against net sales, as they did.
UPDATE "Redemption" SET "refundedSales" = "refunded";
