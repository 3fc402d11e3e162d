// Recent orders as reconciliation reads them through the Admin API: enough to attribute an order
// exactly as its webhook would. Validated against Shopify's 2026-04 Admin schema in
// app/attribution/admin-documents.test.ts. `updated_at` catches orders whose later events (paid, cancelled,
// refunded) were missed too, not only new ones. Ten orders of 25 lines a page keep the
// calculated cost under Shopify's 1,000-point single-query limit; an order with more lines
// than that is attributed from its first 25 (discount amounts only; codes are all read).
export const RECENT_ORDERS = `#graphql
  query OneCodeRecentOrders($query: String!, $after: String) {
    orders(first: 10, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        email
        createdAt
        cancelledAt
        displayFinancialStatus
        currencyCode
        discountCodes
        customer {
          id
          email
        }
        subtotalPriceSet {
          shopMoney {
            amount
          }
        }
        totalPriceSet {
          shopMoney {
            amount
          }
        }
        refunds {
          id
          totalRefundedSet {
            shopMoney {
              amount
            }
          }
        }
        lineItems(first: 25) {
          nodes {
            discountAllocations {
              allocatedAmountSet {
                shopMoney {
                  amount
                }
              }
              discountApplication {
                ... on DiscountCodeApplication {
                  code
                }
              }
            }
          }
        }
      }
    }
  }
`;

/** Shopify's search syntax: orders changed since a moment. */
export function recentOrdersQuery(since: Date): string {
  return `updated_at:>='${since.toISOString()}'`;
}
