import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db, { bulkTransaction, databaseProvider } from "../db.server";

const domain = `bulk-${randomBytes(4).toString("hex")}.myshopify.com`;
const insertShop =
  databaseProvider === "sqlite"
    ? `INSERT INTO "Shop" ("domain", "updatedAt") VALUES (?1, ?2)`
    : `INSERT INTO "Shop" ("domain", "updatedAt") VALUES ($1, $2)`;
const shopArgs = (name: string) =>
  [
    { value: name, type: "string" },
    { value: new Date(), type: "datetime" },
  ] as const;

beforeAll(async () => {
  await db.$connect();
});
afterAll(async () => {
  await db.shop.deleteMany({ where: { domain: { startsWith: domain } } });
});

describe("bulk transactions on the client's driver adapter", () => {
  it("commits what the work wrote when it resolves", async () => {
    const changed = await bulkTransaction(db, (tx) =>
      tx.execute(insertShop, [...shopArgs(`${domain}-a`)]),
    );
    expect(changed).toBe(1);
    const shop = await db.shop.findUnique({ where: { domain: `${domain}-a` } });
    // Written through the adapter, read back by Prisma: the date is in Prisma's own format.
    expect(shop?.updatedAt).toBeInstanceOf(Date);
    expect(Number.isNaN(shop!.updatedAt.getTime())).toBe(false);
  });

  it("rolls everything back when the work throws, and passes the error on", async () => {
    await expect(
      bulkTransaction(db, async (tx) => {
        await tx.execute(insertShop, [...shopArgs(`${domain}-b`)]);
        throw new Error("stop here");
      }),
    ).rejects.toThrow("stop here");
    expect(await db.shop.findUnique({ where: { domain: `${domain}-b` } })).toBeNull();
    // The connection is free again: Prisma's own queries and the next transaction go through.
    await bulkTransaction(db, (tx) => tx.execute(insertShop, [...shopArgs(`${domain}-c`)]));
    expect(await db.shop.count({ where: { domain: `${domain}-c` } })).toBe(1);
  });

  it("lets the process's other writes wait their turn instead of locking them out", async () => {
    // On SQLite a second connection's write would block on this transaction's write lock inside
    // libsql's synchronous busy handler, stopping the event loop this transaction needs to
    // finish: both would stall until the busy timeout. Sharing Prisma's adapter queues it.
    let otherWrite: Promise<unknown> = Promise.resolve();
    await bulkTransaction(db, async (tx) => {
      await tx.execute(insertShop, [...shopArgs(`${domain}-d`)]);
      // Started now: a Prisma query only runs once something subscribes to it.
      otherWrite = db.shop.create({ data: { domain: `${domain}-e` } }).then((shop) => shop);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await tx.execute(insertShop, [...shopArgs(`${domain}-f`)]);
    });
    await otherWrite;
    const names = await db.shop.findMany({
      where: { domain: { in: [`${domain}-d`, `${domain}-e`, `${domain}-f`] } },
    });
    expect(names).toHaveLength(3);
  });

  it("reports the database's own words when a statement fails", async () => {
    await expect(
      bulkTransaction(db, (tx) => tx.execute(`INSERT INTO "NoSuchTable" VALUES (1)`, [])),
    ).rejects.toThrow(/NoSuchTable/i);
    await expect(
      bulkTransaction(db, (tx) => tx.execute(insertShop, [...shopArgs(`${domain}-a`)])),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it("refuses a client it did not make", async () => {
    const foreign = Object.create(db) as typeof db;
    await expect(bulkTransaction(foreign, async () => 0)).rejects.toThrow(/createDatabase/);
  });
});
