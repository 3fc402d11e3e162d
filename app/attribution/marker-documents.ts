// The Admin GraphQL documents of the once-per-campaign marker (decision 029), validated
// against Shopify's 2026-04 Admin schema in marker-documents.test.ts.

export const READ_CUSTOMER_MARKER = `#graphql
  query OneCodeCustomerMarker($id: ID!, $namespace: String!, $key: String!) {
    customer(id: $id) {
      id
      metafield(namespace: $namespace, key: $key) {
        jsonValue
        compareDigest
      }
    }
  }
`;

// compareDigest makes the write conditional: two redemptions by one customer racing cannot drop
// each other's campaign from the list (metafieldsSet answers STALE_OBJECT and we read again).
export const SET_CUSTOMER_MARKER = `#graphql
  mutation OneCodeSetCustomerMarker($metafields: [MetafieldsSetInput!]!) {
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
`;
