// One paced Admin client per shop per process, so the push worker and the admin's own calls
// (discount updates) share one picture of the shop's bucket.
import { HttpResponseError } from "@shopify/shopify-api";
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import type { AdminGraphql } from "../shopify/admin-graphql";
import { PacedAdmin, type PacedAdminOptions } from "./paced-admin.server";
import { forgetRefusedToken } from "./reconnect.server";

declare global {
  var onecodePacedAdmins: Map<string, PacedAdmin> | undefined;
}

const admins: Map<string, PacedAdmin> = (globalThis.onecodePacedAdmins ??= new Map());

/**
 * The library's admin.graphql for a shop's offline session (app/shopify.server.ts). A token
 * Shopify refuses is forgotten, so the merchant's next visit to the app fetches a new one (an
 * expired one is replaced on that visit anyway).
 */
async function libraryGraphql(shop: string): Promise<AdminGraphql> {
  const { unauthenticated } = await import("../shopify.server");
  const { admin, session } = await unauthenticated.admin(shop).catch((error: unknown) => {
    // The library answers a refused refresh of an expired token with a bare Response: there is
    // no usable session until the merchant opens the app again.
    if (error instanceof Response)
      throw new SessionNotFoundError(`Shopify refused to refresh the access token of ${shop}`);
    throw error;
  });
  const graphql = admin.graphql as unknown as AdminGraphql;
  return async (query, options) => {
    try {
      return await graphql(query, options);
    } catch (error) {
      if (error instanceof HttpResponseError && error.response.code === 401)
        await forgetRefusedToken(shop, session.accessToken ?? "");
      throw error;
    }
  };
}

export function pacedAdminFor(
  shop: string,
  options: Omit<PacedAdminOptions, "shop" | "graphql"> = {},
): PacedAdmin {
  let admin = admins.get(shop);
  if (!admin) {
    admin = new PacedAdmin({ ...options, shop, graphql: () => libraryGraphql(shop) });
    admins.set(shop, admin);
  }
  return admin;
}

/** This process's Admin API figures for a shop, if it has talked to it. */
export function adminStatsFor(shop: string): PacedAdmin["stats"] | null {
  return admins.get(shop)?.stats ?? null;
}
