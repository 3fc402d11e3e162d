// Where a partner's webhooks may go: HTTPS only, since the body names orders and amounts. Plain
// HTTP to this machine is accepted only when ONECODE_ALLOW_HTTP_PARTNER_WEBHOOKS=1 (tests and the
// demo, whose receivers listen on 127.0.0.1).
import { fail, type Result } from "../result";

export type EndpointCode = "not_a_url" | "credentials_in_url" | "not_https";

export type EndpointCheck = Result<{ url: string }, EndpointCode>;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function checkEndpoint(
  raw: string,
  allowLocalHttp = process.env.ONECODE_ALLOW_HTTP_PARTNER_WEBHOOKS === "1",
): EndpointCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return fail("not_a_url", "Enter a full address, such as https://partner.example/onecode.");
  }
  if (url.username || url.password) {
    return fail("credentials_in_url", "Leave user names and passwords out of the address.");
  }
  if (url.protocol === "https:") return { ok: true, url: url.toString() };
  if (url.protocol === "http:" && allowLocalHttp && LOOPBACK.has(url.hostname)) {
    return { ok: true, url: url.toString() };
  }
  return fail("not_https", "The address must start with https://.");
}
