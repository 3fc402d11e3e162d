import { ChoiceList } from "@shopify/polaris";
import { useState } from "react";
import { DISTRIBUTION_CHOICES, DISTRIBUTION_FIELD, type Distribution } from "./distribution";

/** The create form's "How codes leave OneCode" choice, posted as one field. */
export function DistributionChoice() {
  const [value, setValue] = useState<Distribution>("allocations");
  return (
    <>
      <ChoiceList
        title="How codes leave OneCode"
        choices={DISTRIBUTION_CHOICES}
        selected={[value]}
        onChange={(selected) => setValue(selected[0] === "published" ? "published" : "allocations")}
      />
      <input type="hidden" name={DISTRIBUTION_FIELD} value={value} />
    </>
  );
}
