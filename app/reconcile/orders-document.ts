// Recently updated orders as reconciliation reads them, enough to attribute each as its webhook
// would; ten orders of 25 lines a page stay under Shopify's single-query cost limit.
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
