// The app installed on the emulator's test shop as OAuth leaves it: the emulator's token in the
// app's offline session, and the shop's row marked installed. Imported lazily: the app's modules
// read their configuration on import, which each test sets first.
import type { testShop } from "../../emulator/checkout/test-shop";

export async function installAppOnWorld(world: ReturnType<typeof testShop>): Promise<void> {
  const { installApp } = await import("../../emulator/store/shops");
  const { default: db } = await import("../../app/db.server");
  const { sessionStorage } = await import("../../app/shopify.server");
  const { Session } = await import("@shopify/shopify-api");
  const shop = world.shop.domain;
  const token = installApp(world.state, shop, world.app.apiKey, world.app.scopes);
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${shop}`,
      shop,
      state: "",
      isOnline: false,
      accessToken: token,
      scope: world.app.scopes.join(","),
    }),
  );
  await db.shop.upsert({
    where: { domain: shop },
    create: { domain: shop },
    update: { state: "installed" },
  });
}
