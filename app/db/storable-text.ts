// PostgreSQL stores no NUL in text or jsonb: a merchant's text holding one is refused in words,
// what Shopify sends is made storable (decision 010).

/** Said beside a form field that holds a NUL. */
export const UNSTORABLE_TEXT =
  "Remove the invisible control character (NUL) from this text: it can't be saved.";

export function storableText(text: string): boolean {
  return !text.includes("\u0000");
}

// A `\u0000` escape that is not itself an escaped backslash followed by "u0000".
const NUL_ESCAPE = /(?<=(?:^|[^\\])(?:\\\\)*)\\u0000/g;

/** The JSON text with each `\u0000` escape as `\uFFFD` (uncopied when it has none). */
export function storableJson(json: string): string {
  return json.includes("\\u0000") ? json.replace(NUL_ESCAPE, "\\uFFFD") : json;
}

/** The same for a value already parsed (an Admin API answer): strings and keys, deeply. */
export function storableValue<T>(value: T): T {
  if (typeof value === "string") return value.replaceAll("\u0000", "\uFFFD") as T;
  if (Array.isArray(value)) return value.map(storableValue) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [storableValue(k), storableValue(v)]),
    ) as T;
  }
  return value;
}

// C0 control characters and DEL: never meant in a one-line name, label or key.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Said beside a one-line field that holds a control character. */
export const CONTROL_CHARACTER_TEXT =
  "Remove the invisible control character (such as NUL or a tab) from this text: it can't be saved.";

export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}
