// Request URLs as a log may show them: the credentials Shopify puts in query strings left out.

/** Query parameters whose values are credentials or signatures. */
export const SECRET_QUERY_PARAMS: ReadonlySet<string> = new Set([
  "id_token",
  "hmac",
  "session",
  "signature",
  "code",
  "state",
  "access_token",
  "refresh_token",
  "subject_token",
  "client_secret",
  "token",
  "api_key",
]);

export const REDACTED = "[redacted]";

/** The URL (a path with its query, or absolute) with every secret query value replaced. */
export function redactUrl(raw: string): string {
  const queryAt = raw.indexOf("?");
  if (queryAt < 0) return raw;
  const hashAt = raw.indexOf("#", queryAt);
  const query = raw.slice(queryAt + 1, hashAt < 0 ? undefined : hashAt);
  const parts = query.split("&").map((part) => {
    const eq = part.indexOf("=");
    const name = eq < 0 ? part : part.slice(0, eq);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, " "));
    } catch {
      // A malformed name is logged as it came; only known names are secrets.
    }
    return SECRET_QUERY_PARAMS.has(decoded.toLowerCase()) && eq >= 0 ? `${name}=${REDACTED}` : part;
  });
  return `${raw.slice(0, queryAt)}?${parts.join("&")}`;
}
