import { randomBytes } from "node:crypto";
import { readdirSync, readlinkSync } from "node:fs";
import Database from "libsql";
import { afterAll, describe, expect, it } from "vitest";
import db, { databaseProvider } from "../db.server";
import { resolveDatabaseTarget } from "./database-url";

const domain = `one-conn-${randomBytes(4).toString("hex")}.myshopify.com`;

afterAll(async () => {
  await db.shop.deleteMany({ where: { domain: { startsWith: domain } } });
});

// Open descriptors of this process on the database file and its WAL (Linux: /proc/self/fd).
function openDatabaseFiles(): number {
  const target = resolveDatabaseTarget();
  if (target.provider !== "sqlite") return 0;
  return readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(target.file);
    } catch {
      return false; // closed between listing and reading
    }
  }).length;
}

describe.runIf(databaseProvider === "sqlite")("SQLite transactions on one connection", () => {
  it("opens no new connection per transaction", async () => {
    await db.$transaction(async (tx) => tx.shop.count());
    const before = openDatabaseFiles();
    for (let i = 0; i < 200; i++) await db.$transaction(async (tx) => tx.shop.count());
    // @libsql/client's own transactions leave two descriptors behind each (libsql-client-ts#350).
    expect(openDatabaseFiles()).toBe(before);
  });

  it("keeps a transaction's writes from the process's other queries until it commits", async () => {
    let outside: Promise<unknown> = Promise.resolve();
    await expect(
      db.$transaction(async (tx) => {
        await tx.shop.create({ data: { domain: `${domain}-rolled-back` } });
        // Started now (a Prisma query runs once subscribed to): on the shared connection it would
        // see the uncommitted row if it did not wait for the transaction to end.
        outside = db.shop
          .findUnique({ where: { domain: `${domain}-rolled-back` } })
          .then((shop) => shop);
        await new Promise((resolve) => setTimeout(resolve, 30));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await outside).toBeNull();
  });

  it("holds the write lock from the start, so a read-then-write transaction never goes stale", async () => {
    const target = resolveDatabaseTarget();
    if (target.provider !== "sqlite") throw new Error("SQLite only");
    // Another connection that never waits, like the order lane (group-commit/sqlite-lane.server.ts).
    const other = new Database(target.file);
    other.exec("PRAGMA busy_timeout = 0");
    const insert = other.prepare(`INSERT INTO "Shop" ("domain", "updatedAt") VALUES (?, ?)`);
    try {
      await db.$transaction(async (tx) => {
        await tx.shop.count();
        // A deferred transaction would hold only a read snapshot here: the other connection's
        // write would go in, and this transaction's write below would fail with SQLITE_BUSY.
        expect(() => insert.run([`${domain}-other`, new Date().toISOString()])).toThrow(
          /busy|locked/i,
        );
        await tx.shop.create({ data: { domain: `${domain}-mine` } });
      });
    } finally {
      other.close();
    }
    expect(await db.shop.count({ where: { domain: `${domain}-mine` } })).toBe(1);
  });

  it("commits, and leaves the connection usable after a failed statement", async () => {
    await db.$transaction(async (tx) => {
      await tx.shop.create({ data: { domain: `${domain}-kept` } });
    });
    await expect(
      db.$transaction(async (tx) => {
        await tx.shop.create({ data: { domain: `${domain}-kept` } });
      }),
    ).rejects.toThrow(/Unique constraint/);
    expect(await db.shop.count({ where: { domain: `${domain}-kept` } })).toBe(1);
    await db.$transaction(async (tx) => tx.shop.create({ data: { domain: `${domain}-after` } }));
    expect(
      await db.shop.count({ where: { domain: { in: [`${domain}-kept`, `${domain}-after`] } } }),
    ).toBe(2);
  });
});
