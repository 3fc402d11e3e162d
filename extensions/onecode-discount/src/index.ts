// The function's exports, one per target (shopify.extension.toml `export`, in camelCase).
export { cartLinesDiscountsGenerateRun } from "./cart_lines_discounts_generate_run";
export { cartDeliveryOptionsDiscountsGenerateRun } from "./cart_delivery_options_discounts_generate_run";
