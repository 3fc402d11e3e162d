// app/uninstalled arrives late when its first deliveries failed: Shopify retries it for hours with
// the original X-Shopify-Triggered-At. A retry of an uninstall that happened before the merchant
// installed the app again must not end the new install.
import { describe, expect, it } from "vitest";
import { configureApp, deliver, sample } from "./signed-delivery";
import { newShop } from "./seed";

configureApp();
const { default: db } = await import("~/db.server");
const { sessionStorage } = await import("~/shopify.server");
const { Session } = await import("@shopify/shopify-api");
const { recordInstall } = await import("~/shops/shops.server");

/** What the app does when a merchant installs (or reinstalls) it: the session, then the shop. */
async function install(shop: string) {
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${shop}`,
      shop,
      state: "",
      isOnline: false,
      accessToken: `shpat_${Date.now()}`,
    }),
  );
  await recordInstall(shop);
}

describe("app/uninstalled", () => {
  it("ignores a late retry of an uninstall that came before the reinstall", async () => {
    const shop = newShop("reinstall");
    await install(shop);
    const uninstalledAt = new Date();
    // The uninstall's first delivery reached the app and was handled.
    const body = sample("app-uninstalled.json");
    const first = await deliver("app/uninstalled", body, {
      shop,
      triggeredAt: uninstalledAt.toISOString(),
    });
    expect(first.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await install(shop);
    // A second uninstall event of the same moment (its first deliveries had failed) comes late.
    const late = await deliver("app/uninstalled", body, {
      shop,
      triggeredAt: uninstalledAt.toISOString(),
    });
    expect(late.status).toBe(200);
    expect(await db.shop.findUnique({ where: { domain: shop } })).toMatchObject({
      state: "installed",
      uninstalledAt: null,
    });
    expect(await db.session.count({ where: { shop } })).toBe(1);
  });

  it("ignores an uninstall whose every delivery failed until after the reinstall", async () => {
    const shop = newShop("reinstall-unheard");
    await install(shop);
    // The merchant uninstalls; the app is down, so the delivery fails and Shopify retries later.
    const uninstalledAt = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The merchant installs the app again before the retry.
    await install(shop);
    const late = await deliver("app/uninstalled", sample("app-uninstalled.json"), {
      shop,
      triggeredAt: uninstalledAt.toISOString(),
    });
    expect(late.status).toBe(200);
    expect(await db.shop.findUnique({ where: { domain: shop } })).toMatchObject({
      state: "installed",
    });
    expect(await db.session.count({ where: { shop } })).toBe(1);
  });

  it("still uninstalls when the delivery was triggered after the install", async () => {
    const shop = newShop("uninstall");
    await install(shop);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const body = sample("app-uninstalled.json");
    const response = await deliver("app/uninstalled", body, {
      shop,
      triggeredAt: new Date().toISOString(),
    });
    expect(response.status).toBe(200);
    expect(await db.shop.findUnique({ where: { domain: shop } })).toMatchObject({
      state: "uninstalled",
    });
    expect(await db.session.count({ where: { shop } })).toBe(0);
  });
});
