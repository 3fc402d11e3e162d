// How long a rotated key keeps working: offered by the API page's form and checked by its action.
// Outside the .server module because the page renders them in the browser too.
export const GRACE_CHOICES = [
  { label: "Stop the old key now", value: "0" },
  { label: "Keep the old key 1 hour", value: "1" },
  { label: "Keep the old key 24 hours", value: "24" },
  { label: "Keep the old key 7 days", value: "168" },
] as const;
