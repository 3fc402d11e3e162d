import { randomUUID } from "node:crypto";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";

// App Bridge session tokens, minted the way Shopify admin mints them: an HS256 JWT signed with the
// app's client secret, one minute of life, with these claims (shopify.dev, "About session
// tokens" → "Anatomy of a session token":
// https://shopify.dev/docs/apps/build/authentication-authorization/session-tokens):
//   iss  https://<shop>/admin      dest https://<shop>        aud  the app's client id
//   sub  the staff user's id       exp/nbf/iat  seconds       jti  random UUID
//   sid  the admin login session's id
// "The lifetime of a session token is one minute."

export const SESSION_TOKEN_LIFETIME_SECONDS = 60;

export interface SessionTokenClaims {
  iss: string;
  dest: string;
  aud: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  sid: string;
}

export interface MintSessionTokenInput {
  shop: string;
  apiKey: string;
  apiSecret: string;
  userId: string;
  /** The staff member's admin login session (stable while they stay logged in). */
  sessionId: string;
  /** Seconds since the epoch; defaults to now. */
  now?: number;
}

export async function mintSessionToken(input: MintSessionTokenInput): Promise<string> {
  const iat = input.now ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ dest: `https://${input.shop}`, sid: input.sessionId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(`https://${input.shop}/admin`)
    .setAudience(input.apiKey)
    .setSubject(input.userId)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + SESSION_TOKEN_LIFETIME_SECONDS)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(input.apiSecret));
}

export type SessionTokenCheck =
  { ok: true; claims: SessionTokenClaims; shop: string } | { ok: false; reason: string };

/**
 * Shopify's own check of a session token presented to it (token exchange): signature with the
 * app's secret, HS256 only, not expired, not before nbf, aud = this app, and dest/iss naming one
 * shop. No clock tolerance: Shopify is the clock that minted it, so it owes the app no leeway.
 */
export async function checkSessionToken(
  token: string,
  app: { apiKey: string; apiSecret: string },
  nowSeconds?: number,
): Promise<SessionTokenCheck> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(app.apiSecret), {
      algorithms: ["HS256"],
      audience: app.apiKey,
      requiredClaims: ["iss", "dest", "aud", "sub", "exp", "nbf", "iat", "jti", "sid"],
      ...(nowSeconds === undefined ? {} : { currentDate: new Date(nowSeconds * 1000) }),
    }));
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return { ok: false, reason: error.message };
    throw error;
  }
  const shop = shopFromDest(payload.dest);
  if (!shop) return { ok: false, reason: "dest is not https://<shop>.myshopify.com" };
  if (payload.iss !== `https://${shop}/admin`)
    return { ok: false, reason: "iss does not match dest" };
  return { ok: true, claims: payload as unknown as SessionTokenClaims, shop };
}

function shopFromDest(dest: unknown): string | null {
  if (typeof dest !== "string") return null;
  const m = /^https:\/\/([a-z0-9][a-z0-9-]*\.myshopify\.com)$/.exec(dest);
  return m?.[1] ?? null;
}
