import type { JsonValue, RawJson } from "./json";

/** Per-call choices of deliverWebhook. */
export interface DeliverOptions {
  /** Deliver only to this app, installed or not (app/uninstalled fires after the removal). */
  apiKey?: string;
  /** Send the same event a second time: same X-Shopify-Event-Id, its own X-Shopify-Webhook-Id. */
  duplicate?: boolean;
  /** Hold the first attempt this long: a late delivery (X-Shopify-Triggered-At stays the event's). */
  delayMs?: number;
  /** When the event happened; defaults to now. */
  triggeredAt?: Date;
  /** Defaults to a fresh UUID; pass one to model two topics fired by one event. */
  eventId?: string;
}

/** Emulator-wide switches, changeable at run time (tests, `npm run demo` admin). */
export interface WebhookSwitches {
  /** Every event is delivered twice. */
  duplicate: boolean;
  /** Every first attempt waits this long. */
  delayMs: number;
  /** 0: off. n: hold webhooks until n are waiting, then release the batch newest first. */
  reorderBatch: number;
  /** Multiplies Shopify's 4-hour retry schedule (1 = real time). */
  retryScale: number;
  /** Total time the app gets to answer one attempt. */
  timeoutMs: number;
}

export interface DeliveryAttempt {
  webhookId: string;
  eventId: string;
  shop: string;
  topic: string;
  apiKey: string;
  url: string;
  /** 0 for the first try, 1..8 for Shopify's retries. */
  attempt: number;
  /** Order in which attempts began, over the whole service (timestamps can tie). */
  seq: number;
  startedAt: string;
  durationMs: number;
  /** HTTP status, or null when no answer came (timeout, refused connection). */
  status: number | null;
  ok: boolean;
  error: string | null;
  headers: Record<string, string>;
  body: string;
}

export type WebhookState = "held" | "scheduled" | "delivered" | "failed";

/** One webhook: a topic's event for one app and one subscription uri, retried as a unit. */
export interface WebhookRecord {
  webhookId: string;
  eventId: string;
  shop: string;
  topic: string;
  apiKey: string;
  url: string;
  triggeredAt: string;
  /** The exact bytes signed and sent on every attempt. */
  body: string;
  headers: Record<string, string>;
  state: WebhookState;
  attempts: DeliveryAttempt[];
}

/** A body built as a JsonValue, or JSON text sent byte for byte (e.g. a sample file). */
export type WebhookPayload = JsonValue | RawJson;
