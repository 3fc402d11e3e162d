import { ApiVersion } from "@shopify/shopify-api";

// The one Admin API version the app speaks, for the app's config and its webhook check alike.
// 2026-04: the version of the Admin schema in emulator/schema/ (supported until April 2027).
export const API_VERSION = ApiVersion.April26;
