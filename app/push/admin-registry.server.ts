// One paced Admin client per shop per process, so the push worker and the admin's own calls
// (discount updates) share one picture of the shop's bucket.
import { PacedAdmin, type GraphqlCall, type PacedAdminOptions } from "./paced-admin.server";

declare global {
  var onecodePacedAdmins: Map<string, PacedAdmin> | undefined;
}

const admins: Map<string, PacedAdmin> = (globalThis.onecodePacedAdmins ??= new Map());

/** The library's admin.graphql for a shop's offline session (app/shopify.server.ts). */
async function libraryGraphql(shop: string): Promise<GraphqlCall> {
  const { unauthenticated } = await import("../shopify.server");
  const { admin } = await unauthenticated.admin(shop);
  return admin.graphql as unknown as GraphqlCall;
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
