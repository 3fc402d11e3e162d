// The partner API's contract (OpenAPI 3.1), served at /api/v1/openapi.json. Tests validate real
// responses against these schemas, so a change to a response must change this document too.
import { MAX_CLAIM } from "./claim-input";
import { MAX_LIMIT } from "./page";
import { PROBLEM_CODES, PROBLEM_TYPE_BASE } from "./problem";
import { CODE_STATUSES } from "./reads.server";

const dateTime = { type: "string", format: "date-time" } as const;
const nullableDateTime = { type: ["string", "null"], format: "date-time" } as const;
const problemRef = { $ref: "#/components/responses/Problem" } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const pageParams = [
  {
    name: "limit",
    in: "query",
    schema: { type: "integer", minimum: 1, maximum: MAX_LIMIT, default: 50 },
  },
  {
    name: "cursor",
    in: "query",
    description: "`nextCursor` of the previous page.",
    schema: { type: "string" },
  },
];

const list = (item: string) => ({
  type: "object",
  required: ["data", "nextCursor"],
  additionalProperties: false,
  properties: {
    data: { type: "array", items: ref(item) },
    nextCursor: { type: ["string", "null"] },
  },
});

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "OneCode partner API",
    version: "1.0.0",
    description:
      "Claim single-use discount codes a merchant shares with you, follow their status and reconcile the orders that used them. Authenticate with `Authorization: Bearer oc_…`. Errors are RFC 9457 problem details.",
  },
  servers: [{ url: "/api/v1" }],
  security: [{ bearer: [] }],
  paths: {
    "/claims": {
      post: {
        operationId: "claimCodes",
        summary: "Take codes from a campaign or from one of your allocations",
        parameters: [
          {
            name: "Idempotency-Key",
            in: "header",
            description:
              "The same key with the same body returns the same codes (kept at least 24 hours); with another body it is refused (422).",
            schema: { type: "string", minLength: 1, maxLength: 255 },
          },
        ],
        requestBody: {
          required: true,
          content: { "application/json": { schema: ref("ClaimRequest") } },
        },
        responses: {
          "201": {
            description:
              "The codes, now handed out to you. A replay carries the header `Idempotent-Replayed: true`.",
            content: { "application/json": { schema: ref("Claim") } },
          },
          "400": problemRef,
          "401": problemRef,
          "404": problemRef,
          "409": problemRef,
          "422": problemRef,
          "429": problemRef,
        },
      },
    },
    "/allocations": {
      get: {
        operationId: "listAllocations",
        summary: "Your allocations, with their codes counted by status",
        parameters: [
          ...pageParams,
          { name: "state", in: "query", schema: { enum: ["active", "revoked"] } },
        ],
        responses: {
          "200": {
            description: "A page of allocations",
            content: { "application/json": { schema: list("Allocation") } },
          },
          "400": problemRef,
          "401": problemRef,
          "429": problemRef,
        },
      },
    },
    "/codes": {
      get: {
        operationId: "listCodes",
        summary: "The codes in your allocations",
        parameters: [
          ...pageParams,
          { name: "status", in: "query", schema: { enum: [...CODE_STATUSES] } },
          { name: "allocation", in: "query", schema: { type: "string" } },
        ],
        responses: {
          "200": {
            description: "A page of codes",
            content: { "application/json": { schema: list("Code") } },
          },
          "400": problemRef,
          "401": problemRef,
          "429": problemRef,
        },
      },
    },
    "/codes/{code}": {
      get: {
        operationId: "getCode",
        summary: "One of your codes",
        parameters: [{ name: "code", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "The code",
            content: { "application/json": { schema: ref("Code") } },
          },
          "400": problemRef,
          "401": problemRef,
          "404": problemRef,
          "429": problemRef,
        },
      },
    },
    "/redemptions": {
      get: {
        operationId: "listRedemptions",
        summary: "Orders that used your codes (no customer data)",
        parameters: [...pageParams, { name: "since", in: "query", schema: dateTime }],
        responses: {
          "200": {
            description: "A page of redemptions",
            content: { "application/json": { schema: list("Redemption") } },
          },
          "400": problemRef,
          "401": problemRef,
          "429": problemRef,
        },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    responses: {
      Problem: {
        description: "RFC 9457 problem details",
        headers: {
          "Retry-After": {
            description:
              "On 429: seconds to wait. A key's rate (requests a minute, bursts up to a tenth of it) is counted by each OneCode server process, so where the merchant runs several, a key may make up to that many times its rate before a 429.",
            schema: { type: "integer" },
          },
        },
        content: { "application/problem+json": { schema: ref("Problem") } },
      },
    },
    schemas: {
      Problem: {
        type: "object",
        required: ["type", "title", "status", "detail", "code"],
        properties: {
          type: { type: "string", format: "uri" },
          title: { type: "string" },
          status: { type: "integer" },
          detail: { type: "string" },
          code: { enum: Object.keys(PROBLEM_CODES) },
          left: { type: "integer", description: "On pool_exhausted: codes left." },
        },
        description: `\`type\` is ${PROBLEM_TYPE_BASE}<code>.`,
      },
      ClaimRequest: {
        type: "object",
        additionalProperties: false,
        properties: {
          campaign: { type: "string", description: "Take free codes of this campaign." },
          allocation: { type: "string", description: "Or take codes set aside for you." },
          quantity: { type: "integer", minimum: 1, maximum: MAX_CLAIM, default: 1 },
          recipient: {
            type: "string",
            maxLength: 200,
            description:
              "Your reference for who gets the code: one code per recipient; asking again returns the same code.",
          },
        },
        oneOf: [{ required: ["campaign"] }, { required: ["allocation"] }],
      },
      Claim: {
        type: "object",
        additionalProperties: false,
        required: ["id", "campaign", "allocation", "recipient", "codes", "claimedAt"],
        properties: {
          id: { type: "string" },
          campaign: { type: "string" },
          allocation: { type: "string" },
          recipient: { type: ["string", "null"] },
          codes: { type: "array", items: { type: "string" }, minItems: 1, maxItems: MAX_CLAIM },
          claimedAt: dateTime,
        },
      },
      Allocation: {
        type: "object",
        additionalProperties: false,
        required: [
          "id",
          "campaign",
          "label",
          "channel",
          "quantity",
          "createdAt",
          "revokedAt",
          "codes",
        ],
        properties: {
          id: { type: "string" },
          campaign: {
            type: "object",
            required: ["id", "name"],
            additionalProperties: false,
            properties: { id: { type: "string" }, name: { type: "string" } },
          },
          label: { type: "string" },
          channel: { type: ["string", "null"] },
          quantity: { type: "integer" },
          createdAt: dateTime,
          revokedAt: nullableDateTime,
          codes: {
            type: "object",
            additionalProperties: false,
            required: ["allocated", "distributed", "redeemed", "revoked"],
            properties: Object.fromEntries(
              ["allocated", "distributed", "redeemed", "revoked"].map((s) => [
                s,
                { type: "integer" },
              ]),
            ),
          },
        },
      },
      Code: {
        type: "object",
        additionalProperties: false,
        required: [
          "code",
          "status",
          "campaign",
          "allocation",
          "distributedAt",
          "redeemedAt",
          "revokedAt",
        ],
        properties: {
          code: { type: "string" },
          status: { enum: [...CODE_STATUSES] },
          campaign: { type: "string" },
          allocation: { type: ["string", "null"] },
          distributedAt: nullableDateTime,
          redeemedAt: nullableDateTime,
          revokedAt: nullableDateTime,
        },
      },
      Redemption: {
        type: "object",
        additionalProperties: false,
        required: [
          "id",
          "code",
          "campaign",
          "allocation",
          "orderName",
          "orderedAt",
          "currency",
          "subtotal",
          "discount",
          "total",
          "refunded",
          "state",
        ],
        properties: {
          id: { type: "string" },
          code: { type: "string" },
          campaign: { type: "string" },
          allocation: { type: ["string", "null"] },
          orderName: { type: ["string", "null"] },
          orderedAt: dateTime,
          currency: { type: "string", description: "ISO 4217, the shop's currency." },
          subtotal: { type: "string", description: "Decimal amount as text." },
          discount: { type: "string" },
          total: { type: "string" },
          refunded: { type: "string" },
          state: { enum: ["created", "paid", "cancelled", "refunded", "partially_refunded"] },
        },
      },
    },
  },
} as const;
