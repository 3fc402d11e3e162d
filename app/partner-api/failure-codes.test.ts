// The partner API's pure refusals, each code produced by a real input.
import { describe, expect, it } from "vitest";
import { readClaim, type ReadClaimCode } from "./claim-input";
import { fullBucket, takeToken } from "./rate-limit";
import { checkEndpoint, type EndpointCode } from "./webhook-endpoint";

describe("readClaim", () => {
  const cases: Record<ReadClaimCode, [string, string]> = {
    not_json: ["{", 'The body must be JSON, for example {"campaign":"…","quantity":1}.'],
    invalid_claim: ['{"quantity":1}', "Name either a campaign or an allocation"],
  };
  it.each(Object.entries(cases))("%s", (code, [body, message]) => {
    expect(readClaim(body)).toEqual({ ok: false, code, message });
  });
});

describe("checkEndpoint", () => {
  const cases: Record<EndpointCode, [string, string]> = {
    not_a_url: [
      "partner.example",
      "Enter a full address, such as https://partner.example/onecode.",
    ],
    credentials_in_url: [
      "https://me:secret@partner.example/hooks",
      "Leave user names and passwords out of the address.",
    ],
    not_https: ["http://partner.example/hooks", "The address must start with https://."],
  };
  it.each(Object.entries(cases))("%s", (code, [url, message]) => {
    expect(checkEndpoint(url, false)).toEqual({ ok: false, code, message });
  });
});

describe("takeToken", () => {
  it.each([["rate_limited"]] as const)("%s: says when to try again", (code) => {
    const bucket = { tokens: 0, updatedAt: 0 };
    expect(takeToken(bucket, 60, 0)).toEqual({
      ok: false,
      code,
      message: "This key may make 60 requests a minute; try again in 1 s.",
      retryAfterSeconds: 1,
    });
    expect(takeToken(fullBucket(60, 0), 60, 0)).toEqual({ ok: true });
  });
});
