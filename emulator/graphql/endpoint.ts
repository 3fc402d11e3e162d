import { randomUUID } from "node:crypto";
import {
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
} from "graphql";
import type { EmulatorState } from "../store/context";
import { authenticateAccessToken, getShop } from "../store/shops";
import type { RouteHandler } from "../router";
import { operationCost } from "../throttle/cost";
import type { LeakyBuckets } from "../throttle/bucket";
import type { ResolverContext } from "./context";
import {
  parseError,
  shopifyError,
  validationError,
  variableError,
  type ShopifyError,
} from "./errors";
import { inputArrayErrors } from "./input-limits";
import { makeFieldResolver, typeResolver } from "./resolve";
import { resolvers } from "./resolvers/index";
import { ADMIN_API_VERSION, loadAdminSchema } from "./schema";
import { resolveApiVersion } from "./versions";

// POST /store/<shop>/admin/api/<version>/graphql.json — Shopify's Admin GraphQL endpoint:
// authenticate, parse, validate against the real 2026-04 schema, cost, throttle, execute.

const fieldResolver = makeFieldResolver(resolvers);

// Shopify's answer to a missing or unknown X-Shopify-Access-Token (HTTP 401).
const INVALID_TOKEN =
  "[API] Invalid API key or access token (unrecognized login or wrong password)";

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "x-request-id": randomUUID(),
      ...headers,
    },
  });
}

function formatError(error: GraphQLError): ShopifyError {
  const out = error.toJSON() as ShopifyError;
  if (!out.extensions?.code) {
    // An exception the resolvers did not mean to raise: a bug in the emulator. Say so.
    console.error("[emulator] resolver failure:", error.originalError ?? error);
    out.extensions = { ...out.extensions, code: "INTERNAL_SERVER_ERROR" };
  }
  return out;
}

async function readRequest(request: Request): Promise<{
  query: string;
  variables: Record<string, unknown>;
  operationName: string | null;
} | null> {
  const type = request.headers.get("content-type") ?? "";
  const text = await request.text();
  if (type.includes("application/graphql"))
    return { query: text, variables: {}, operationName: null };
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    if (typeof body.query !== "string") return null;
    const variables =
      body.variables && typeof body.variables === "object"
        ? (body.variables as Record<string, unknown>)
        : {};
    return {
      query: body.query,
      variables,
      operationName: typeof body.operationName === "string" ? body.operationName : null,
    };
  } catch {
    return null;
  }
}

export interface AdminGraphqlOptions {
  state: EmulatorState;
  buckets: LeakyBuckets;
}

export function adminGraphqlHandler({ state, buckets }: AdminGraphqlOptions): RouteHandler {
  const admin = loadAdminSchema();
  return async (request, { params }) => {
    const shopDomain = params.shop ?? "";
    const shop = getShop(state, shopDomain);
    if (!shop) return json({ errors: "Not Found" }, 404);
    const version = resolveApiVersion(params.version ?? "");
    if (version.kind === "not-found") return json({ errors: "Not Found" }, 404);
    if (version.kind === "unavailable") return json({ errors: version.message }, 400);
    const versionHeaders: Record<string, string> = { "x-shopify-api-version": ADMIN_API_VERSION };
    if (version.kind === "fell-forward") {
      versionHeaders["x-shopify-api-deprecated-reason"] =
        "https://shopify.dev/docs/api/usage/versioning";
    }
    const token = request.headers.get("x-shopify-access-token") ?? "";
    const auth = token ? authenticateAccessToken(state, shopDomain, token) : null;
    if (!auth) return json({ errors: INVALID_TOKEN }, 401, versionHeaders);

    const body = await readRequest(request);
    if (!body)
      return json(
        { errors: { query: "Required parameter missing or invalid" } },
        400,
        versionHeaders,
      );

    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (error) {
      return json({ errors: [parseError(error as GraphQLError)] }, 200, versionHeaders);
    }
    const invalid = validate(admin.schema, document, specifiedRules);
    if (invalid.length > 0) {
      return json(
        { errors: invalid.map((e) => validationError(document, e)) },
        200,
        versionHeaders,
      );
    }
    const operation = getOperationAST(document, body.operationName);
    if (!operation) {
      const message = body.operationName
        ? `No operation named "${body.operationName}"`
        : "An operation name is required when sending multiple operations.";
      return json({ errors: [shopifyError(message, "BAD_REQUEST")] }, 200, versionHeaders);
    }
    const coerced = getVariableValues(
      admin.schema,
      operation.variableDefinitions ?? [],
      body.variables,
    );
    if (coerced.errors) {
      return json(
        { errors: coerced.errors.map((e) => variableError(document, e, body.variables)) },
        200,
        versionHeaders,
      );
    }

    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const def of document.definitions)
      if (def.kind === "FragmentDefinition") fragments[def.name.value] = def;
    const costContext = { schema: admin.schema, fragments, variables: coerced.coerced };
    const requested = operationCost(costContext, operation);
    const bucketKey = `${auth.app.apiKey}|${shopDomain}`;
    const costOf = (actual: number | null) => ({
      requestedQueryCost: requested,
      actualQueryCost: actual,
      throttleStatus: buckets.status(bucketKey),
    });

    if (requested > buckets.config.maxQueryCost) {
      return json(
        {
          errors: [
            shopifyError(
              `Query cost is ${requested}, which exceeds the single query max cost limit (${buckets.config.maxQueryCost}).\n\n` +
                "See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n" +
                "cost of a query is calculated.\n\n" +
                "To query larger amounts of data with fewer limits, bulk operations should be used instead.\n" +
                "See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n",
              "MAX_COST_EXCEEDED",
              {
                cost: requested,
                maxCost: buckets.config.maxQueryCost,
                documentation: "https://shopify.dev/api/usage/rate-limits",
              },
            ),
          ],
          extensions: { cost: costOf(null) },
        },
        200,
        versionHeaders,
      );
    }
    if (!buckets.take(bucketKey, requested)) {
      return json(
        {
          errors: [
            shopifyError("Throttled", "THROTTLED", {
              documentation: "https://shopify.dev/api/usage/rate-limits",
            }),
          ],
          extensions: { cost: costOf(null) },
        },
        200,
        versionHeaders,
      );
    }
    // Rejected after the bucket is charged, as Shopify's captured answer shows (actual cost null).
    const tooLong = inputArrayErrors(admin.schema, document, operation, coerced.coerced);
    if (tooLong.length > 0)
      return json({ errors: tooLong, extensions: { cost: costOf(null) } }, 200, versionHeaders);

    const ctx: ResolverContext = {
      state,
      shop,
      app: auth.app,
      installation: auth.installation,
      admin,
      searchWarnings: [],
    };
    const result = await execute({
      schema: admin.schema,
      document,
      operationName: body.operationName,
      variableValues: body.variables,
      contextValue: ctx,
      rootValue: {},
      fieldResolver,
      typeResolver,
    });
    const actual = Math.min(requested, operationCost(costContext, operation, result.data ?? null));
    buckets.refund(bucketKey, requested - actual);
    const extensions: Record<string, unknown> = { cost: costOf(actual) };
    if (ctx.searchWarnings.length > 0) extensions.search = ctx.searchWarnings;
    return json(
      {
        ...(result.errors?.length ? { errors: result.errors.map(formatError) } : {}),
        data: result.data ?? null,
        extensions,
      },
      200,
      versionHeaders,
    );
  };
}
