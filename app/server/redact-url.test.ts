import { describe, expect, it } from "vitest";
import { REDACTED, redactUrl } from "./redact-url";

describe("redactUrl", () => {
  it("hides the session token, signature and session id Shopify adds to an embedded URL", () => {
    const url =
      "/app?embedded=1&hmac=abc123&host=YWRtaW4&id_token=eyJhbGciOi.x.y&locale=en&session=s3cr3t&shop=a.myshopify.com&timestamp=1";
    expect(redactUrl(url)).toBe(
      `/app?embedded=1&hmac=${REDACTED}&host=YWRtaW4&id_token=${REDACTED}&locale=en&session=${REDACTED}&shop=a.myshopify.com&timestamp=1`,
    );
  });

  it("hides OAuth codes, states and signatures, whatever their case or encoding", () => {
    expect(redactUrl("/auth/callback?Code=1&st%61te=2&signature=3&shop=x")).toBe(
      `/auth/callback?Code=${REDACTED}&st%61te=${REDACTED}&signature=${REDACTED}&shop=x`,
    );
  });

  it("leaves URLs without secrets as they are", () => {
    expect(redactUrl("/app/campaigns/42?tab=codes&page=2")).toBe(
      "/app/campaigns/42?tab=codes&page=2",
    );
    expect(redactUrl("/build/entry.client-ABC.js")).toBe("/build/entry.client-ABC.js");
  });
});
