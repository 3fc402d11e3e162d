import { ADMIN_API_VERSION } from "./schema";

// Shopify serves a request for an unsupported (retired) version with the oldest supported stable
// version instead ("fall forward", https://shopify.dev/docs/api/usage/versioning), and answers a
// path that is not a version at all with 404. The emulator holds one schema, 2026-04: older
// versions fall forward to it; newer ones, the release candidate and "unstable" are versions it
// cannot serve, and it says so rather than answer with a schema the app did not ask for.

export type VersionResolution =
  | { kind: "exact" }
  | { kind: "fell-forward" }
  | { kind: "unavailable"; message: string }
  | { kind: "not-found" };

const VERSION = /^(\d{4})-(01|04|07|10)$/;

export function resolveApiVersion(requested: string): VersionResolution {
  if (requested === ADMIN_API_VERSION) return { kind: "exact" };
  if (requested === "unstable" || (VERSION.test(requested) && requested > ADMIN_API_VERSION)) {
    return {
      kind: "unavailable",
      message: `The OneCode emulator serves Admin API ${ADMIN_API_VERSION} only; ${requested} is not available here.`,
    };
  }
  if (VERSION.test(requested)) return { kind: "fell-forward" };
  return { kind: "not-found" };
}
