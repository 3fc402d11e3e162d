// The HTTP adapter every webhooks.* route shares: read the body within the cap, verify its HMAC,
// hand the plain delivery to the handler. OneCode's server passes the body it has already read.
import type { AppLoadContext } from "@remix-run/node";
import { asUrgentWork } from "../db/write-priority.server";
import { readBodyText, tooLarge, webhookMaxBodyBytes } from "./body";
import { topicFromStorage } from "./delivery";
import { handleWebhook } from "./handle.server";
import { verifyWebhook } from "./verify.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The webhook's body exactly as received, when the server has read it already. */
    webhookBody?: string;
  }
}

// Urgent work: minting and other bulk writes of this process wait for it.
export const webhookAction = (request: Request, context?: AppLoadContext): Promise<Response> =>
  asUrgentWork(() => answerWebhook(request, context));

async function answerWebhook(request: Request, context?: AppLoadContext): Promise<Response> {
  const rawBody = context?.webhookBody ?? (await readBodyText(request, webhookMaxBodyBytes()));
  const verified = await verifyWebhook(request, rawBody);
  if (!verified.ok) {
    return verified.code === "body_too_large"
      ? tooLarge()
      : new Response(null, { status: verified.status });
  }
  const triggeredAt = verified.triggeredAt ? new Date(verified.triggeredAt) : null;
  await handleWebhook({
    shop: verified.shop,
    topic: request.headers.get("x-shopify-topic") ?? topicFromStorage(verified.topic),
    eventId: verified.eventId ?? verified.webhookId,
    webhookId: verified.webhookId,
    triggeredAt: triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : null,
    rawBody: verified.rawBody,
  });
  // Shopify only needs a 2xx; the outcome (processed, duplicate, ignored) is ours to log.
  return new Response(null, { status: 200 });
}
