// The HTTP adapter every webhooks.* route shares: the library verifies the HMAC over the raw body
// (401 for a forged signature, before anything is written), then the delivery goes to the plain
// handler. The body is read as text first and parsed by the handler: a plain JSON.parse rounds
// Shopify's ids past 2^53. OneCode's own server (app/server/webhook-transport.ts) has read the
// body already (within the same cap) and hands it over in the load context, so it is not
// streamed and decoded twice.
import type { AppLoadContext } from "@remix-run/node";
import { asUrgentWork } from "../db/write-priority.server";
import { startAttributionJobs } from "../reconcile/schedule.server";
import { topicFromStorage } from "./delivery";
import { handleWebhook } from "./handle.server";
import { verifyWebhook } from "./verify.server";
import { readBodyText, tooLarge, webhookMaxBodyBytes } from "./body";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The webhook's body exactly as received, when the server has read it already. */
    webhookBody?: string;
  }
}

// Under way as urgent work: minting and other bulk writes of this process wait for it.
export const webhookAction = (request: Request, context?: AppLoadContext): Promise<Response> =>
  asUrgentWork(() => answerWebhook(request, context));

async function answerWebhook(request: Request, context?: AppLoadContext): Promise<Response> {
  // The app server is the process that runs reconciliation and marker retries (not tests); of
  // its workers, only the first (app/server/main.ts sets the others' ONECODE_ATTRIBUTION_JOBS=0).
  if (process.env.NODE_ENV === "production" && process.env.ONECODE_ATTRIBUTION_JOBS !== "0")
    startAttributionJobs();
  // Read within the cap (413 beyond it): the HMAC can only be checked once the body is whole.
  const rawBody = context?.webhookBody ?? (await readBodyText(request, webhookMaxBodyBytes()));
  if (rawBody === null) return tooLarge();
  const verified = await verifyWebhook(request, rawBody);
  if (verified instanceof Response) return verified;
  const topic = request.headers.get("x-shopify-topic") ?? topicFromStorage(verified.topic);
  const triggeredAt = verified.triggeredAt ? new Date(verified.triggeredAt) : null;
  await handleWebhook({
    shop: verified.shop,
    topic,
    eventId: verified.eventId ?? verified.webhookId,
    webhookId: verified.webhookId,
    triggeredAt: triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : null,
    rawBody,
  });
  // Shopify only needs a 2xx; the outcome (processed, duplicate, ignored) is ours to log.
  return new Response(null, { status: 200 });
}
