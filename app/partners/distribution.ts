// "How codes leave OneCode", a campaign setting chosen at creation: through allocations (partners,
// channels, the partner API, a CSV per allocation), or published as a whole (the merchant
// downloads the full list and sends it on; that download is the handing out).
export type Distribution = "allocations" | "published";
export const DISTRIBUTION_FIELD = "distribution";

export const DISTRIBUTION_CHOICES: { label: string; value: Distribution; helpText: string }[] = [
  {
    label: "Through allocations",
    value: "allocations",
    helpText:
      "Give batches of codes to partners and channels; each batch is handed out by its own CSV or through the partner API, so every sale is credited to whoever drove it.",
  },
  {
    label: "Published as a whole",
    value: "published",
    helpText:
      "Download the full list and send it on yourself (an email tool, a print run). The download counts as handing every code out.",
  },
];

/** The form's choice; through allocations unless it says otherwise. */
export function distributionOf(form: FormData): Distribution {
  return form.get(DISTRIBUTION_FIELD) === "published" ? "published" : "allocations";
}
