// The raw reference of bench:webhooks: a bare node:http server doing only what an orders/create
// delivery must do, so the app's figure can be read against this machine's ceiling. It checks the
// HMAC with node:crypto, records the delivery's event id and the redemption with one prepared
// statement each, in one transaction (the id commits with its effect, as the app's does), on the
// same database as the app's run, in tables of its own that bench/webhooks.ts creates and drops.
// Nothing else: no framework, no shop or code lookup. Started by bench/webhooks.ts with RAW_*.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import pg from "pg";
import Database from "libsql";
import { resolveDatabaseTarget } from "../app/db/database-url";

const target = resolveDatabaseTarget();
const secret = process.env.RAW_WEBHOOK_SECRET!;

const DEDUPE_PG = `INSERT INTO "BenchRawDelivery" ("eventId") VALUES ($1) ON CONFLICT DO NOTHING`;
const REDEEM_PG = `INSERT INTO "BenchRawRedemption" ("shop", "orderId", "code") VALUES ($1, $2, $3)`;

let record: (eventId: string, shop: string, orderId: string, code: string) => Promise<void>;
if (target.provider === "postgresql") {
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    options: `-c search_path="${target.schema}"`,
    max: 10,
  });
  record = async (eventId, shop, orderId, code) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const first = await client.query({ name: "dedupe", text: DEDUPE_PG, values: [eventId] });
      if (first.rowCount === 1)
        await client.query({ name: "redeem", text: REDEEM_PG, values: [shop, orderId, code] });
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  };
} else {
  const db = new Database(target.file);
  db.exec("PRAGMA busy_timeout = 10000");
  const dedupe = db.prepare(DEDUPE_PG.replace("$1", "?"));
  const redeem = db.prepare(REDEEM_PG.replace("$1, $2, $3", "?, ?, ?"));
  const once = db.transaction((eventId: string, shop: string, orderId: string, code: string) => {
    if (dedupe.run(eventId).changes === 1) redeem.run(shop, orderId, code);
  });
  record = async (...args) => once.immediate(...args);
}

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const given = Buffer.from(String(req.headers["x-shopify-hmac-sha256"] ?? ""), "base64");
    const expected = createHmac("sha256", secret).update(body).digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return void res.writeHead(401).end();
    // The order's GraphQL id: its numeric id is past 2^53, which JSON.parse would round.
    const order = JSON.parse(body.toString("utf8")) as {
      admin_graphql_api_id: string;
      discount_codes: { code: string }[];
    };
    record(
      String(req.headers["x-shopify-event-id"]),
      String(req.headers["x-shopify-shop-domain"]),
      order.admin_graphql_api_id,
      order.discount_codes[0]?.code ?? "",
    ).then(
      () => res.writeHead(200).end(),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
}).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
