import type { EmulatorRouter, MountContext } from "../router";
import { onStoreEvent, type EmulatorState } from "../store/context";
import { getShop } from "../store/shops";
import { compliancePayload, type ComplianceTopic } from "./compliance";
import { RawJson } from "./json";
import { webhookServiceOf } from "./registry";
import type { WebhookService } from "./service";
import { shopPayload } from "./shop-payload";
import type { DeliverOptions, WebhookSwitches } from "./types";

export { webhookServiceOf } from "./registry";

const COMPLIANCE: ComplianceTopic[] = ["customers/data_request", "customers/redact", "shop/redact"];

/** Compliance webhooks go to every app that subscribes, installed or not (shop/redact follows an uninstall). */
export function fireCompliance(
  state: EmulatorState,
  shopDomain: string,
  topic: ComplianceTopic,
  customerId?: string,
) {
  const shop = getShop(state, shopDomain);
  if (!shop) throw new Error(`There is no shop ${shopDomain}`);
  const payload = compliancePayload(shop, topic, customerId);
  const service = webhookServiceOf(state);
  return [...state.apps.keys()].flatMap((apiKey) =>
    service.deliverWebhook(shopDomain, topic, payload, { apiKey }),
  );
}

function badRequest(message: string): Response {
  return Response.json({ error: message }, { status: 400 });
}

async function jsonBody(request: Request): Promise<Record<string, unknown> | null> {
  try {
    const body: unknown = await request.json();
    return body && typeof body === "object" && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function controlRoutes(
  router: EmulatorRouter,
  state: EmulatorState,
  service: WebhookService,
): void {
  router.post("/__emulator/webhooks/switches", async (request) => {
    const body = await jsonBody(request);
    if (!body) return badRequest("Send a JSON object of switches");
    for (const key of Object.keys(body) as (keyof WebhookSwitches)[]) {
      if (!(key in service.switches)) return badRequest(`Unknown switch ${key}`);
      if (typeof body[key] !== typeof service.switches[key])
        return badRequest(`Switch ${key} has the wrong type`);
    }
    Object.assign(service.switches, body);
    return Response.json(service.switches);
  });
  router.post("/__emulator/webhooks/flush", () => {
    service.flushHeld();
    return new Response(null, { status: 204 });
  });
  // Long-polls until every webhook is delivered or out of retries: e2e tests wait on this, not on time.
  router.post("/__emulator/webhooks/idle", async () => {
    await service.idle();
    return new Response(null, { status: 204 });
  });
  router.post("/__emulator/webhooks/deliver", async (request) => {
    const body = await jsonBody(request);
    if (
      !body ||
      typeof body.shop !== "string" ||
      typeof body.topic !== "string" ||
      typeof body.body !== "string"
    ) {
      return badRequest('Send {"shop", "topic", "body": "<JSON text>", "options"?}');
    }
    const options = (body.options ?? {}) as DeliverOptions & { triggeredAt?: string };
    const triggeredAt = options.triggeredAt ? new Date(options.triggeredAt) : undefined;
    const created = service.deliverWebhook(body.shop, body.topic, new RawJson(body.body), {
      ...options,
      triggeredAt,
    });
    return Response.json({
      webhooks: created.map((w) => ({ webhookId: w.webhookId, eventId: w.eventId, url: w.url })),
    });
  });
  router.post("/__emulator/webhooks/compliance", async (request) => {
    const body = await jsonBody(request);
    const topic = body?.topic as ComplianceTopic;
    if (!body || typeof body.shop !== "string" || !COMPLIANCE.includes(topic)) {
      return badRequest(`Send {"shop", "topic": one of ${COMPLIANCE.join(", ")}, "customerId"?}`);
    }
    let created;
    try {
      created = fireCompliance(state, body.shop, topic, body.customerId as string | undefined);
    } catch (error) {
      return badRequest(error instanceof Error ? error.message : String(error));
    }
    return Response.json({
      webhooks: created.map((w) => ({ webhookId: w.webhookId, eventId: w.eventId, url: w.url })),
    });
  });
  // The admin's privacy form.
  router.post("/__admin/store/:shop/privacy", async (request, { params }) => {
    const form = await request.formData();
    const topic = String(form.get("topic")) as ComplianceTopic;
    if (!COMPLIANCE.includes(topic)) return badRequest("Unknown compliance topic");
    const customerId = topic === "shop/redact" ? undefined : String(form.get("customerId") ?? "");
    fireCompliance(state, params.shop ?? "", topic, customerId);
    return new Response(null, {
      status: 303,
      headers: { Location: `/store/${encodeURIComponent(params.shop ?? "")}` },
    });
  });
}

/**
 * Webhook delivery for the emulator: app/uninstalled when the store reports an uninstall,
 * compliance topics on request, any topic through the service (webhookServiceOf(state)), plus
 * the switches and the delivery log for tests (GET /__emulator/webhooks).
 */
export function mountWebhooks(router: EmulatorRouter, ctx: MountContext): void {
  const { state } = ctx;
  const service = webhookServiceOf(state);
  const off = onStoreEvent(state, (event) => {
    if (event.type !== "app/uninstalled") return;
    const shop = getShop(state, event.shop);
    if (shop)
      service.deliverWebhook(event.shop, "app/uninstalled", shopPayload(shop), {
        apiKey: event.apiKey,
      });
  });
  controlRoutes(router, state, service);
  ctx.inspect("webhooks", {
    read: () => ({ switches: service.switches, webhooks: service.all() }),
    reset: () => service.reset(),
  });
  ctx.onClose(() => {
    off();
    service.close();
  });
}
