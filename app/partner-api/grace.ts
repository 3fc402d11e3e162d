// How long a rotated key keeps working, as the merchant chooses it on the partner's API page.
export const GRACE_CHOICES = [
  { label: "Stop the old key now", value: "0" },
  { label: "Keep the old key 1 hour", value: "1" },
  { label: "Keep the old key 24 hours", value: "24" },
  { label: "Keep the old key 7 days", value: "168" },
] as const;
