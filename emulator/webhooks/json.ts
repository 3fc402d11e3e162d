// Webhook bodies carry REST ids as bare JSON integers, many above 2^53 (see the samples in
// test/fixtures/shopify-webhooks/). A JS number would round them, so payloads are built from
// JsonValue, where such an integer is a bigint or a RawNumber holding its exact digits, and
// serialized here. The bytes this returns are the bytes that are signed and sent.

export class RawNumber {
  constructor(readonly literal: string) {
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(literal)) {
      throw new Error(`Not a JSON number literal: ${literal}`);
    }
  }
}

/** JSON text to send exactly as it is; checked to be one JSON value. */
export class RawJson {
  constructor(readonly text: string) {
    JSON.parse(text);
  }
}

/** A REST id from a GID's numeric part ("gid://shopify/Order/820982911946154508"). */
export function restId(gidOrDigits: string): RawNumber {
  const digits = gidOrDigits.startsWith("gid://") ? gidOrDigits.split("/").pop()! : gidOrDigits;
  return new RawNumber(digits.replace(/\?.*$/, ""));
}

export type JsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | RawNumber
  | JsonValue[]
  | { [key: string]: JsonValue | undefined };

/** Compact JSON, key order as given, like Shopify's delivery bodies. */
export function serializeJson(value: JsonValue): string {
  if (value === null) return "null";
  if (value instanceof RawNumber) return value.literal;
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    case "number":
      if (!Number.isFinite(value)) throw new Error(`Cannot serialize ${value} as JSON`);
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
        throw new Error(
          `Integer ${value} is past 2^53 and already rounded; pass a bigint or RawNumber`,
        );
      }
      return JSON.stringify(value);
    case "string":
      return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(serializeJson).join(",")}]`;
  const members: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${serializeJson(member)}`);
  }
  return `{${members.join(",")}}`;
}
