// Failures of an Admin API call as the push reports them: a kind the worker acts on, and a
// sentence a merchant can read on the progress screen.

export type AdminFailureKind =
  /** Shopify did not answer usefully after every retry (5xx, dropped connections). */
  | "unavailable"
  /** The app's access token was refused, or the shop has no stored session. */
  | "access"
  /** Shopify refused the request itself (a GraphQL error other than throttling). */
  | "rejected";

export class ShopifyAdminError extends Error {
  readonly kind: AdminFailureKind;
  /** Worth trying again later without anyone changing anything. */
  readonly retryable: boolean;

  constructor(kind: AdminFailureKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ShopifyAdminError";
    this.kind = kind;
    this.retryable = kind !== "rejected";
  }
}

export function unavailable(attempts: number, lastProblem: string, cause?: unknown) {
  return new ShopifyAdminError(
    "unavailable",
    `Shopify did not respond properly after ${attempts} tries (${lastProblem}). OneCode will keep trying; nothing is lost meanwhile.`,
    { cause },
  );
}

export function accessLost(shop: string, cause?: unknown) {
  return new ShopifyAdminError(
    "access",
    `OneCode no longer has access to ${shop}. Open OneCode from your Shopify admin to reconnect it; the push resumes by itself afterwards.`,
    { cause },
  );
}

export function rejected(operation: string, messages: string[], cause?: unknown) {
  const detail = messages.length > 0 ? messages.join("; ") : "no reason given";
  return new ShopifyAdminError(
    "rejected",
    `Shopify refused OneCode's request (${operation}): ${detail}.`,
    { cause },
  );
}

/** The sentence to show for any error thrown while pushing. */
export function describeFailure(error: unknown): string {
  if (error instanceof ShopifyAdminError) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `OneCode hit an unexpected problem while pushing codes (${detail}). It will try again.`;
}
