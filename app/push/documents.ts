// Every Admin GraphQL document the push sends (API 2026-04), validated by documents.test.ts against
// the real Admin schema. Selections stay minimal: a query's requested cost grows with them.
import type { AdminDocument } from "./paced-admin.server";

/** Shopify's cap on `codes` per discountRedeemCodeBulkAdd call (and on any list argument). */
export const MAX_CODES_PER_CALL = 250;

export const DISCOUNT_CREATE: AdminDocument = {
  name: "OneCodeDiscountCreate",
  cost: 10,
  query: /* GraphQL */ `
    mutation OneCodeDiscountCreate($discount: DiscountCodeAppInput!) {
      discountCodeAppCreate(codeAppDiscount: $discount) {
        codeAppDiscount {
          discountId
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
};

export const DISCOUNT_UPDATE: AdminDocument = {
  name: "OneCodeDiscountUpdate",
  cost: 10,
  query: /* GraphQL */ `
    mutation OneCodeDiscountUpdate($id: ID!, $discount: DiscountCodeAppInput!) {
      discountCodeAppUpdate(id: $id, codeAppDiscount: $discount) {
        codeAppDiscount {
          discountId
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
};

/** Which discount holds a code, and whose campaign that discount is (from our rules metafield). */
export const DISCOUNT_BY_CODE: AdminDocument = {
  name: "OneCodeDiscountByCode",
  cost: 3,
  query: /* GraphQL */ `
    query OneCodeDiscountByCode($code: String!) {
      codeDiscountNodeByCode(code: $code) {
        id
        metafield(namespace: "$app", key: "rules") {
          jsonValue
        }
      }
    }
  `,
};

export const BULK_ADD: AdminDocument = {
  name: "OneCodeBulkAdd",
  cost: 10,
  query: /* GraphQL */ `
    mutation OneCodeBulkAdd($discountId: ID!, $codes: [DiscountRedeemCodeInput!]!) {
      discountRedeemCodeBulkAdd(discountId: $discountId, codes: $codes) {
        bulkCreation {
          id
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
};

/** The cheap poll: counts only. Per-code results are fetched only when something failed. */
export const BULK_CREATION_STATUS: AdminDocument = {
  name: "OneCodeBulkCreationStatus",
  cost: 1,
  query: /* GraphQL */ `
    query OneCodeBulkCreationStatus($id: ID!) {
      discountRedeemCodeBulkCreation(id: $id) {
        done
        codesCount
        importedCount
        failedCount
      }
    }
  `,
};

export const BULK_CREATION_CODES: AdminDocument = {
  name: "OneCodeBulkCreationCodes",
  cost: 255,
  query: /* GraphQL */ `
    query OneCodeBulkCreationCodes($id: ID!, $first: Int!, $after: String) {
      discountRedeemCodeBulkCreation(id: $id) {
        codes(first: $first, after: $after) {
          nodes {
            code
            errors {
              field
              message
              code
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  `,
};

/** Redeem codes of a discount matching a search, with their ids and use counts (for removal). */
export const DISCOUNT_CODES_SEARCH: AdminDocument = {
  name: "OneCodeDiscountCodesSearch",
  cost: 253,
  query: /* GraphQL */ `
    query OneCodeDiscountCodesSearch($id: ID!, $query: String!, $first: Int!, $after: String) {
      codeDiscountNode(id: $id) {
        codeDiscount {
          ... on DiscountCodeApp {
            codes(first: $first, after: $after, query: $query) {
              nodes {
                id
                code
                asyncUsageCount
              }
              pageInfo {
                hasNextPage
                endCursor
              }
            }
          }
        }
      }
    }
  `,
};

export const BULK_DELETE: AdminDocument = {
  name: "OneCodeBulkDelete",
  cost: 10,
  query: /* GraphQL */ `
    mutation OneCodeBulkDelete($discountId: ID!, $ids: [ID!]!) {
      discountCodeRedeemCodeBulkDelete(discountId: $discountId, ids: $ids) {
        job {
          id
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
};

export const JOB_STATUS: AdminDocument = {
  name: "OneCodeJobStatus",
  cost: 1,
  query: /* GraphQL */ `
    query OneCodeJobStatus($id: ID!) {
      job(id: $id) {
        done
      }
    }
  `,
};

/**
 * Which discount holds each of `count` codes: one aliased codeDiscountNodeByCode per code
 * (`c0`…), with variables `$c0`…, one point each. Used after a resubmission to tell "already
 * ours" from "taken elsewhere".
 */
export function codeOwnersDocument(count: number): AdminDocument {
  if (!Number.isInteger(count) || count < 1 || count > MAX_CODES_PER_CALL) {
    throw new RangeError(`codeOwnersDocument: count must be 1..${MAX_CODES_PER_CALL}`);
  }
  const indexes = Array.from({ length: count }, (_, i) => i);
  const variables = indexes.map((i) => `$c${i}: String!`).join(", ");
  const fields = indexes.map((i) => `c${i}: codeDiscountNodeByCode(code: $c${i}) { id }`);
  return {
    name: `OneCodeCodeOwners${count}`,
    cost: count,
    query: `query OneCodeCodeOwners(${variables}) {\n  ${fields.join("\n  ")}\n}`,
  };
}

/** Variables for codeOwnersDocument(codes.length). */
export function codeOwnersVariables(codes: readonly string[]): Record<string, string> {
  return Object.fromEntries(codes.map((code, i) => [`c${i}`, code]));
}

/**
 * A search matching any of `codes` as whole values, for DISCOUNT_CODES_SEARCH. Codes hold only
 * A–Z, 0–9, '-' and '_' (app/codes/code-problems.ts), so double quotes always delimit them cleanly and a
 * leading '-' is not read as NOT by Shopify's search syntax.
 */
export function codeSearchQuery(codes: readonly string[]): string {
  return codes.map((code) => `"${code}"`).join(" OR ");
}

// The shop's code-rejection automatic discount (rejection-discount.server.ts).
export const REJECTION_DISCOUNT_CREATE: AdminDocument = {
  name: "OneCodeRejectionDiscountCreate",
  cost: 10,
  query: /* GraphQL */ `
    mutation OneCodeRejectionDiscountCreate($discount: DiscountAutomaticAppInput!) {
      discountAutomaticAppCreate(automaticAppDiscount: $discount) {
        automaticAppDiscount {
          discountId
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
};

export const REJECTION_DISCOUNT_READ: AdminDocument = {
  name: "OneCodeRejectionDiscountRead",
  cost: 1,
  query: /* GraphQL */ `
    query OneCodeRejectionDiscountRead($id: ID!) {
      automaticDiscountNode(id: $id) {
        id
      }
    }
  `,
};

export const REJECTION_DISCOUNT_DELETE: AdminDocument = {
  name: "OneCodeRejectionDiscountDelete",
  cost: 10,
  query: /* GraphQL */ `
    mutation OneCodeRejectionDiscountDelete($id: ID!) {
      discountAutomaticDelete(id: $id) {
        deletedAutomaticDiscountId
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
};

export const REJECTION_INDEX_SET: AdminDocument = {
  name: "OneCodeRejectionIndexSet",
  cost: 10,
  query: /* GraphQL */ `
    mutation OneCodeRejectionIndexSet($metafields: [MetafieldsSetInput!]!) {
      metafieldsSet(metafields: $metafields) {
        metafields {
          id
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
};
