// Error answers of POST /admin/oauth/access_token, in Shopify's shape: a JSON body with `error`
// (an RFC 6749 §5.2 code, plus Shopify's `invalid_subject_token`) and `error_description`. The
// descriptions Shopify is known to send are copied verbatim; others are marked as the emulator's.

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unsupported_grant_type"
  | "invalid_subject_token";

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    readonly status = 400,
  ) {
    super(`${code}: ${description}`);
  }

  toResponse(): Response {
    return Response.json(
      { error: this.code, error_description: this.description },
      { status: this.status },
    );
  }
}

// Seen from Shopify when a code is replayed or unknown.
export const CODE_NOT_FOUND = "The authorization code was not found or was already used";
// Seen from Shopify for an unknown client_id.
export const UNKNOWN_APP = "Could not find Shopify API application with api_key";
// Seen from Shopify when token exchange gets an expired, forged or foreign session token.
export const INVALID_SUBJECT_TOKEN =
  "Token exchange cannot be performed due to an invalid subject token.";
