/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  // Polaris imports its locale JSON, which Node's ESM loader refuses unbundled.
  // The checkout-rules workspace package ships TypeScript sources, which Node cannot load.
  serverDependenciesToBundle: [/^@shopify\/polaris/, /^@onecode\/checkout-rules/],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
