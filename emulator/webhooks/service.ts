import { randomUUID } from "node:crypto";
import type { AppRegistration } from "../store/types";
import { RawJson, serializeJson } from "./json";
import { retryDelaysMs, SHOPIFY_DELIVERY_TIMEOUT_MS } from "./schedule";
import { webhookHmac } from "./sign";
import { subscriptionUrls } from "./subscriptions";
import type {
  DeliverOptions,
  DeliveryAttempt,
  WebhookPayload,
  WebhookRecord,
  WebhookSwitches,
} from "./types";
import { attemptDelivery } from "./attempt";

export interface WebhookServiceDeps {
  /** Every app the emulator knows. */
  apps(): AppRegistration[];
  /** Api keys of the apps installed on a shop. */
  installedApiKeys(shop: string): string[];
}

export const DEFAULT_SWITCHES: WebhookSwitches = {
  duplicate: false,
  delayMs: 0,
  reorderBatch: 0,
  retryScale: 1,
  timeoutMs: SHOPIFY_DELIVERY_TIMEOUT_MS,
};

/**
 * Shopify's webhook delivery, at least once, unordered and possibly late (shopify.dev, "About
 * webhooks": deliveries can repeat and "aren't guaranteed to be delivered in order"). A failed or
 * timed-out attempt is retried with the original body and headers on the retry schedule; the
 * switches add duplicates, delays and reordering so the app can prove it copes.
 */
export class WebhookService {
  readonly switches: WebhookSwitches;
  readonly log: DeliveryAttempt[] = [];
  private readonly webhooks: WebhookRecord[] = [];
  private held: WebhookRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private nextSeq = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly deps: WebhookServiceDeps,
    switches: Partial<WebhookSwitches> = {},
  ) {
    this.switches = { ...DEFAULT_SWITCHES, ...switches };
  }

  /**
   * Fire one event: every subscribed app (installed on the shop, or the one named) gets one
   * webhook per subscription uri. Returns at once with the webhooks created; delivery is async.
   */
  deliverWebhook(
    shop: string,
    topic: string,
    payload: WebhookPayload,
    options: DeliverOptions = {},
  ): WebhookRecord[] {
    const body = payload instanceof RawJson ? payload.text : serializeJson(payload);
    const eventId = options.eventId ?? randomUUID();
    const triggeredAt = (options.triggeredAt ?? new Date()).toISOString();
    const copies = options.duplicate || this.switches.duplicate ? 2 : 1;
    const created: WebhookRecord[] = [];
    for (const app of this.targetApps(shop, options.apiKey)) {
      for (const url of subscriptionUrls(app, topic)) {
        for (let i = 0; i < copies; i++) {
          created.push(this.create(app, shop, topic, url, body, eventId, triggeredAt));
        }
      }
    }
    const delayMs = options.delayMs ?? this.switches.delayMs;
    for (const webhook of created) this.enqueue(webhook, delayMs);
    return created;
  }

  /** Every webhook fired so far, oldest first. */
  all(): readonly WebhookRecord[] {
    return this.webhooks;
  }

  /** Release webhooks held for reordering, newest first. */
  flushHeld(): void {
    const batch = this.held.reverse();
    this.held = [];
    for (const webhook of batch) this.schedule(webhook, 0, 0);
  }

  /** Resolves once nothing is scheduled or in flight (held webhooks stay held). */
  idle(): Promise<void> {
    if (this.timers.size === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Forget every webhook and attempt, and drop what is pending (tests start clean). */
  reset(): void {
    this.close();
    this.webhooks.length = 0;
    this.log.length = 0;
    this.held = [];
  }

  /** Drop every pending retry (server shutdown). */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.notifyIfIdle();
  }

  private targetApps(shop: string, apiKey: string | undefined): AppRegistration[] {
    const apps = this.deps.apps();
    if (apiKey !== undefined) {
      const app = apps.find((a) => a.apiKey === apiKey);
      if (!app) throw new Error(`No app with api key ${apiKey}`);
      return [app];
    }
    const installed = new Set(this.deps.installedApiKeys(shop));
    return apps.filter((a) => installed.has(a.apiKey));
  }

  private create(
    app: AppRegistration,
    shop: string,
    topic: string,
    url: string,
    body: string,
    eventId: string,
    triggeredAt: string,
  ): WebhookRecord {
    const webhookId = randomUUID();
    // Header set of an HTTPS delivery (https://shopify.dev/docs/apps/build/webhooks/delivery-structure).
    const headers = {
      "Content-Type": "application/json",
      "User-Agent": "Shopify-Captain-Hook",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": webhookHmac(body, app.apiSecret),
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-API-Version": app.webhooksApiVersion,
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-Event-Id": eventId,
      "X-Shopify-Triggered-At": triggeredAt,
    };
    const webhook: WebhookRecord = {
      webhookId,
      eventId,
      shop,
      topic,
      apiKey: app.apiKey,
      url,
      triggeredAt,
      body,
      headers,
      state: "scheduled",
      attempts: [],
    };
    this.webhooks.push(webhook);
    return webhook;
  }

  private enqueue(webhook: WebhookRecord, delayMs: number): void {
    if (this.switches.reorderBatch > 0) {
      webhook.state = "held";
      this.held.push(webhook);
      if (this.held.length >= this.switches.reorderBatch) this.flushHeld();
      return;
    }
    this.schedule(webhook, 0, delayMs);
  }

  private schedule(webhook: WebhookRecord, attempt: number, delayMs: number): void {
    webhook.state = "scheduled";
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.run(webhook, attempt);
    }, delayMs);
    this.timers.add(timer);
  }

  private async run(webhook: WebhookRecord, attempt: number): Promise<void> {
    this.inFlight++;
    try {
      const result = await attemptDelivery(
        webhook,
        attempt,
        this.nextSeq++,
        this.switches.timeoutMs,
      );
      webhook.attempts.push(result);
      this.log.push(result);
      const delays = retryDelaysMs(this.switches.retryScale);
      if (result.ok) webhook.state = "delivered";
      else if (attempt < delays.length) this.schedule(webhook, attempt + 1, delays[attempt]!);
      else webhook.state = "failed";
    } finally {
      this.inFlight--;
      this.notifyIfIdle();
    }
  }

  private notifyIfIdle(): void {
    if (this.timers.size > 0 || this.inFlight > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
