// Webhook bodies carry REST ids as bare integers past 2^53, which JSON.parse rounds: this parse
// keeps them as their digits, from the reviver's source text (Node 22).

type SourceReviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

const keepUnsafeIntegers: SourceReviver = (_key, value, context) => {
  if (typeof value !== "number" || Number.isSafeInteger(value) || !Number.isInteger(value)) {
    return value;
  }
  const source = context?.source;
  if (source === undefined) {
    throw new Error("JSON.parse gives no source text here: run OneCode on Node 22 or newer");
  }
  return source;
};

/** The parsed body, with integers past 2^53 as their exact decimal digits. */
export function parseWebhookJson(raw: string): unknown {
  return JSON.parse(raw, keepUnsafeIntegers as Parameters<typeof JSON.parse>[1]);
}

/** The numeric part of a Shopify id given as a GID, digit string or safe number; else null. */
export function numericId(value: unknown): string | null {
  if (typeof value === "number")
    return Number.isSafeInteger(value) && value > 0 ? String(value) : null;
  if (typeof value !== "string") return null;
  const digits = value.startsWith("gid://") ? (value.split("/").pop() ?? "") : value;
  const clean = digits.replace(/\?.*$/, "");
  return /^\d{1,20}$/.test(clean) ? clean : null;
}
