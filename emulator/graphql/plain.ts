// Values built by resolvers in the exact shape of a schema type (payloads, connections, money,
// userErrors) are marked "plain": their own properties are their fields. Anything else reaching a
// field without a resolver is a gap in the emulator and fails loudly (see resolve.ts).
const PLAIN = Symbol("plain");

export function plain<T extends object>(value: T): T {
  Object.defineProperty(value, PLAIN, { value: true, enumerable: false });
  return value;
}

export function isPlain(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[PLAIN] === true
  );
}
