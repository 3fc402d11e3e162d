// npm run bench:redact -- --count 4000000 [--db sqlite|postgres]
// A shop with N codes asks to be erased (shop/redact, as the webhook handler receives it). Prints
// how long the webhook's answer took, how long the background erasure took, the longest answer
// another shop's webhook got meanwhile (one every 250 ms), and the longest event-loop stall.
import { randomUUID } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { benchDatabase } from "./bench-database";
import { insertBulkCodes } from "./bulk-codes";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "4000000" },
    db: { type: "string", default: "sqlite" },
  },
});
const count = Number(values.count);
if (!Number.isSafeInteger(count) || count <= 0)
  throw new Error("--count must be a positive whole number");

const { target, drop } = await benchDatabase("redact", values.db);
const { default: db } = await import("../app/db.server");
const { handleWebhook } = await import("../app/webhooks/handle.server");
const { erasuresSettled } = await import("../app/compliance/erasure.server");

const shop = "bench.myshopify.com";
const other = "other.myshopify.com";
for (const domain of [shop, other]) await db.shop.create({ data: { domain } });
const campaign = await db.campaign.create({
  data: {
    shop,
    status: "active",
    name: "Large",
    rules: {},
    codeFormat: {},
    requestedCount: count,
    startsAt: new Date(),
  },
});
const seedStarted = performance.now();
await insertBulkCodes(db, target.provider, shop, campaign.id, count);
const seedSeconds = (performance.now() - seedStarted) / 1000;

const delivery = (forShop: string, topic: string, body: unknown) =>
  handleWebhook({
    shop: forShop,
    topic,
    eventId: randomUUID(),
    webhookId: randomUUID(),
    triggeredAt: new Date(),
    rawBody: JSON.stringify(body),
  });

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const started = performance.now();
await delivery(shop, "shop/redact", { shop_id: 1, shop_domain: shop });
const answerMs = performance.now() - started;

// Another shop's webhooks keep arriving while the erasure runs.
let probing = true;
let worstOtherMs = 0;
let probes = 0;
const probe = (async () => {
  while (probing) {
    const t = performance.now();
    await delivery(other, "customers/data_request", {
      shop_domain: other,
      customer: { id: 1, email: "a@example.com" },
      orders_requested: [],
      data_request: { id: probes },
    });
    worstOtherMs = Math.max(worstOtherMs, performance.now() - t);
    probes++;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
})();
await erasuresSettled();
const eraseSeconds = (performance.now() - started) / 1000;
probing = false;
await probe;
loopDelay.disable();
const left = await db.code.count({ where: { shop } });

await drop((sql) => db.$executeRawUnsafe(sql));
await db.$disconnect();

const round = (n: number, digits = 2) => Number(n.toFixed(digits));
console.log(
  JSON.stringify({
    codes: count,
    seed_seconds: round(seedSeconds),
    answer_ms: Math.round(answerMs),
    erase_seconds: round(eraseSeconds),
    codes_left: left,
    other_shop_webhooks: probes,
    other_shop_worst_ms: Math.round(worstOtherMs),
    longest_stall_ms: Math.round(loopDelay.max / 1e6),
    db: values.db,
  }),
);
