// What an answer (or a failure) of the Shopify library's GraphQL client means for the push: its
// data with Shopify's cost extension, THROTTLED, a failure worth retrying (5xx, a dropped
// connection, Shopify's INTERNAL_SERVER_ERROR), lost access, or a refusal.
import {
  GraphqlQueryError,
  HttpRequestError,
  HttpResponseError,
  HttpRetriableError,
  HttpThrottlingError,
} from "@shopify/shopify-api";
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import type { CostAnswer } from "./bucket-model";

export type Outcome =
  | { kind: "answer"; data: unknown; cost: CostAnswer | null }
  | { kind: "throttled"; cost: CostAnswer | null; retryAfterMs: number | null }
  | { kind: "transient"; problem: string; cost: CostAnswer | null }
  | { kind: "access" }
  | { kind: "rejected"; messages: string[]; cost: CostAnswer | null };

/** What a failure of the library's client means for the push. */
export function classifyFailure(error: unknown): Outcome {
  if (error instanceof GraphqlQueryError) {
    const body = error.body as
      { extensions?: unknown; errors?: { graphQLErrors?: GraphqlErrorShape[] } } | undefined;
    const errors = body?.errors?.graphQLErrors ?? [];
    const cost = readCost(body?.extensions);
    const codes = errors.map((e) => e.extensions?.code);
    if (codes.includes("THROTTLED")) return { kind: "throttled", cost, retryAfterMs: null };
    if (codes.includes("INTERNAL_SERVER_ERROR")) {
      return { kind: "transient", problem: "Shopify reported an internal error", cost };
    }
    if (codes.includes("ACCESS_DENIED")) return { kind: "access" };
    return { kind: "rejected", messages: errors.map((e) => e.message ?? "unknown error"), cost };
  }
  if (error instanceof HttpThrottlingError) {
    const seconds = error.response.retryAfter;
    return { kind: "throttled", cost: null, retryAfterMs: seconds ? seconds * 1000 : 1000 };
  }
  if (error instanceof HttpRetriableError) {
    return { kind: "transient", problem: `HTTP ${error.response.code}`, cost: null };
  }
  if (error instanceof HttpResponseError) {
    const status = error.response.code;
    if (status === 401 || status === 403 || status === 404) return { kind: "access" };
    return {
      kind: "rejected",
      messages: [`HTTP ${status} ${error.response.statusText}`],
      cost: null,
    };
  }
  if (error instanceof HttpRequestError) {
    return { kind: "transient", problem: "the connection to Shopify failed", cost: null };
  }
  if (error instanceof SessionNotFoundError) return { kind: "access" };
  throw error;
}

interface GraphqlErrorShape {
  message?: string;
  extensions?: { code?: string };
}

export function readCost(extensions: unknown): CostAnswer | null {
  const cost = (extensions as { cost?: Partial<CostAnswer> } | undefined)?.cost;
  const status = cost?.throttleStatus;
  if (
    !cost ||
    !status ||
    typeof cost.requestedQueryCost !== "number" ||
    typeof status.currentlyAvailable !== "number" ||
    typeof status.maximumAvailable !== "number" ||
    typeof status.restoreRate !== "number"
  ) {
    return null;
  }
  return {
    requestedQueryCost: cost.requestedQueryCost,
    actualQueryCost: typeof cost.actualQueryCost === "number" ? cost.actualQueryCost : null,
    throttleStatus: {
      maximumAvailable: status.maximumAvailable,
      currentlyAvailable: status.currentlyAvailable,
      restoreRate: status.restoreRate,
    },
  };
}
