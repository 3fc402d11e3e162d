// Reconciliation: reads the shop's recently changed orders through the Admin API and records what
// the webhooks missed; attribution merges facts, so an order already recorded changes nothing.
import { afterRedemptions } from "../attribution/after-commit.server";
import { libraryAdminGraphql, type AdminGraphqlFor } from "../attribution/admin-graphql.server";
import { graphqlAnswer } from "../shopify/admin-graphql";
import { attributeOrders } from "../attribution/attribute.server";
import { serializable } from "../group-commit/commit.server";
import { storableValue } from "../db/storable-text";
import { isInstalled } from "../shops/shops.server";
import { orderFactsFromNode, type OrderNode } from "./order-node";
import { RECENT_ORDERS, recentOrdersQuery } from "./orders-document";

export interface ReconcileResult {
  ordersRead: number;
  ordersWithOurCodes: number;
  redemptionsCreated: number;
}

interface OrdersAnswer {
  orders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: OrderNode[] };
}

export async function reconcileShop(
  shop: string,
  since: Date,
  graphql: AdminGraphqlFor = libraryAdminGraphql,
): Promise<ReconcileResult> {
  const result: ReconcileResult = { ordersRead: 0, ordersWithOurCodes: 0, redemptionsCreated: 0 };
  if (!(await isInstalled(shop))) return result;
  const admin = await graphql(shop);
  let after: string | null = null;
  do {
    const answer = await graphqlAnswer(admin, RECENT_ORDERS, {
      query: recentOrdersQuery(since),
      after,
    });
    if (answer.errors)
      throw new Error(`Reading ${shop}'s orders failed: ${JSON.stringify(answer.errors)}`);
    const { orders } = answer.data as OrdersAnswer;
    for (const node of orders.nodes) {
      result.ordersRead++;
      if (node.discountCodes.length === 0) continue;
      const facts = orderFactsFromNode(storableValue(node));
      if (!facts) continue;
      const [outcome] = await serializable((tx) => attributeOrders(tx, shop, [facts]));
      if (outcome!.redemptions > 0) result.ordersWithOurCodes++;
      result.redemptionsCreated += outcome!.created.length;
      afterRedemptions(shop, outcome!.created);
    }
    after = orders.pageInfo.hasNextPage ? orders.pageInfo.endCursor : null;
  } while (after);
  return result;
}
