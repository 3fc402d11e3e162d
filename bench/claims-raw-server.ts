// The raw reference of bench:claims: a bare node:http server doing only what a claim must do,
// so the app's figure can be read against this machine's ceiling. It checks the bearer key against
// a SHA-256 hash and claims codes with one SQL statement on the same database, nothing else: no
// framework, no idempotency, no JSON validation. Started by bench/claims.ts with RAW_* settings.
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import pg from "pg";
import Database from "libsql";
import { resolveDatabaseTarget } from "../app/db/database-url";

const target = resolveDatabaseTarget();
const campaignId = process.env.RAW_CAMPAIGN_ID!;
const keyHash = Buffer.from(process.env.RAW_KEY_HASH!, "hex");

const PICK = `SELECT "id" FROM "Code" WHERE "campaignId" = $1 AND "status" = 'available' AND "pushState" = 'live' LIMIT $2`;
// The picked rows joined by id (not `id IN (subquery)`, which PostgreSQL may plan as a scan of
// every code), the shape the app's own statement has.
const PG_CLAIM = `WITH picked AS (${PICK} FOR UPDATE SKIP LOCKED)
  UPDATE "Code" AS c SET "status" = 'distributed', "distributedAt" = now()
  FROM picked WHERE c."id" = picked."id" RETURNING c."code"`;
const SQLITE_CLAIM = `UPDATE "Code" SET "status" = 'distributed', "distributedAt" = datetime('now')
  WHERE "id" IN (${PICK.replace("$1", "?").replace("$2", "?")}) RETURNING "code"`;

let claim: (quantity: number) => Promise<string[]>;
if (target.provider === "postgresql") {
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    options: `-c search_path="${target.schema}"`,
    max: 10,
  });
  // A named statement: each connection parses and plans it once, as a well-built server would.
  claim = async (quantity) =>
    (
      await pool.query<{ code: string }>({
        name: "claim",
        text: PG_CLAIM,
        values: [campaignId, quantity],
      })
    ).rows.map((r) => r.code);
} else {
  const db = new Database(target.file);
  db.exec("PRAGMA busy_timeout = 10000");
  const statement = db.prepare(SQLITE_CLAIM);
  claim = async (quantity) =>
    (statement.all([campaignId, quantity]) as { code: string }[]).map((r) => r.code);
}

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    // oc_<10-character prefix>_<secret>
    const given = createHash("sha256").update(token.slice(14)).digest();
    if (!timingSafeEqual(given, keyHash)) return void res.writeHead(401).end();
    const { quantity } = JSON.parse(Buffer.concat(chunks).toString()) as { quantity: number };
    claim(quantity).then(
      (codes) => {
        if (codes.length < quantity) return void res.writeHead(409).end();
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ codes }));
      },
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
}).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
