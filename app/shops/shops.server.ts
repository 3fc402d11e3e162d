import db from "../db.server";
import type { Prisma } from "../generated/prisma/sqlite/client";
import { readSettings, type ShopSettings } from "./settings";

/**
 * Shopify has just given the app access to the shop (afterAuth: an install, a reinstall, a new
 * token): the shop is live again, whatever an earlier uninstall left behind. `installedAt` moves
 * to now. Shopify grants no token to an uninstalled app, so an `app/uninstalled` triggered before
 * this moment is about an earlier install, even when none of its deliveries got through.
 */
export async function recordInstall(shop: string): Promise<void> {
  const now = new Date();
  await db.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, installedAt: now },
    update: { state: "installed", uninstalledAt: null, installedAt: now },
  });
}

/**
 * app/uninstalled: the shop's sessions go (its tokens are dead) and no work runs for it. Given a
 * transaction, runs inside it (the webhook records its event id in the same one). An uninstall
 * triggered before the current install (Shopify retries a failed delivery for hours, with its
 * original X-Shopify-Triggered-At) is about an install that is gone: returns false, changes nothing.
 */
export async function recordUninstall(
  shop: string,
  tx?: Prisma.TransactionClient,
  triggeredAt: Date | null = null,
): Promise<boolean> {
  if (!tx) return db.$transaction((t) => recordUninstall(shop, t, triggeredAt));
  if (triggeredAt) {
    const row = await tx.shop.findUnique({
      where: { domain: shop },
      select: { installedAt: true },
    });
    if (row && row.installedAt > triggeredAt) return false;
  }
  await tx.session.deleteMany({ where: { shop } });
  await tx.shop.updateMany({
    where: { domain: shop },
    // The shop's copy of the code-rejection discount goes with the app; a reinstall writes a new one.
    data: {
      state: "uninstalled",
      uninstalledAt: new Date(),
      rejectionDiscountId: null,
      rejectionIndex: null,
    },
  });
  return true;
}

/** True while the app is installed on the shop: background work for a shop stops otherwise. */
export async function isInstalled(shop: string): Promise<boolean> {
  const row = await db.shop.findUnique({ where: { domain: shop }, select: { state: true } });
  return row?.state === "installed";
}

/** The shop's settings; pass the transaction when inside one (SQLite runs one query at a time). */
export async function getShopSettings(
  shop: string,
  client: Pick<Prisma.TransactionClient, "shop"> = db,
): Promise<ShopSettings> {
  const row = await client.shop.findUnique({ where: { domain: shop }, select: { settings: true } });
  return readSettings(row?.settings);
}

export async function saveShopSettings(shop: string, settings: ShopSettings): Promise<void> {
  await db.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, settings },
    update: { settings },
  });
}
