// The emulator's in-memory model of the parts of Shopify the app touches. Amounts are integer
// minor units (cents) so the checkout's arithmetic is exact; GraphQL resolvers format them as
// Shopify's Decimal strings. Every id is a full GID string (`gid://shopify/<Type>/<n>`), whose
// number may exceed 2^53 (see `idStart` in options.ts), so nothing here ever parses it to a JS number.

export type Gid = string;

export type DiscountClass = "PRODUCT" | "ORDER" | "SHIPPING";

export interface CombinesWith {
  productDiscounts: boolean;
  orderDiscounts: boolean;
  shippingDiscounts: boolean;
}

/** Shopify's DiscountUserError / MetafieldsSetUserError shape. */
export interface UserError {
  field: string[] | null;
  message: string;
  code: string | null;
  extraInfo?: string | null;
}

/** A Shopify Function registered by an app (from the app's extensions). */
export interface ShopifyFunctionRecord {
  id: string;
  handle: string;
  title: string;
  apiType: string;
  apiVersion: string;
  description: string | null;
  inputQuery: string | null;
  appApiKey: string;
}

export interface AppWebhookSubscription {
  topics: string[];
  complianceTopics: string[];
  uri: string;
}

/** An app known to the emulator (read from shopify.app.toml, plus env overrides). */
export interface AppRegistration {
  id: Gid;
  apiKey: string;
  apiSecret: string;
  title: string;
  handle: string;
  applicationUrl: string;
  scopes: string[];
  redirectUrls: string[];
  webhooksApiVersion: string;
  webhooks: AppWebhookSubscription[];
  functions: ShopifyFunctionRecord[];
}

export interface AppInstallation {
  apiKey: string;
  accessToken: string;
  scopes: string[];
  installedAt: string;
}

export interface ProductVariant {
  id: Gid;
  title: string;
  sku: string | null;
  priceCents: number;
}

export interface Product {
  id: Gid;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  tags: string[];
  status: "ACTIVE" | "ARCHIVED" | "DRAFT";
  variants: ProductVariant[];
  createdAt: string;
  updatedAt: string;
}

export interface Collection {
  id: Gid;
  title: string;
  handle: string;
  /** Membership, in collection order. */
  productIds: Gid[];
  updatedAt: string;
}

export interface Customer {
  id: Gid;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  tags: string[];
  numberOfOrders: number;
  amountSpentCents: number;
  createdAt: string;
  updatedAt: string;
}

export interface Metafield {
  id: Gid;
  ownerId: Gid;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export type DiscountKind = "app" | "basic";

/** What a basic discount gives; only what discountCodeBasicCreate needs to round-trip. */
export interface BasicDiscountValue {
  percentage: number | null;
  amountCents: number | null;
  appliesOnEachItem: boolean;
  items: { all: boolean; productIds: Gid[]; collectionIds: Gid[] };
  minimumSubtotalCents: number | null;
  minimumQuantity: number | null;
}

/** A code discount: the DiscountCodeNode (id) with its DiscountCodeApp / DiscountCodeBasic. */
export interface CodeDiscount {
  id: Gid;
  kind: DiscountKind;
  title: string;
  startsAt: string;
  endsAt: string | null;
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  combinesWith: CombinesWith;
  discountClasses: DiscountClass[];
  tags: string[];
  /** Only for kind "app": the function behind it, and which app owns it. */
  functionId: string | null;
  appApiKey: string | null;
  appliesOnOneTimePurchase: boolean;
  appliesOnSubscription: boolean;
  recurringCycleLimit: number | null;
  /** Only for kind "basic". */
  basic: BasicDiscountValue | null;
  /** Every customer (null) or a fixed list of customer ids. */
  customerIds: Gid[] | null;
  createdAt: string;
  updatedAt: string;
}

export interface RedeemCode {
  id: Gid;
  discountId: Gid;
  code: string;
  asyncUsageCount: number;
  /** Api key of the app that created it, null when made by the merchant. */
  createdByApiKey: string | null;
  createdAt: string;
}

export interface BulkCreationCode {
  code: string;
  redeemCodeId: Gid | null;
  errors: UserError[];
}

export interface BulkCreation {
  id: Gid;
  discountId: Gid;
  createdAt: string;
  /** Epoch ms at which the emulator runs the job (see settleJobs). */
  runAt: number;
  done: boolean;
  codes: BulkCreationCode[];
  importedCount: number;
  failedCount: number;
  createdByApiKey: string | null;
}

/** discountCodeRedeemCodeBulkDelete and other asynchronous jobs. */
export interface Job {
  id: Gid;
  runAt: number;
  done: boolean;
  /** What the job does, as data so a saved emulator state can hold a job still to run. */
  redeemCodeBulkDelete: { discountId: Gid; codeIds: Gid[] | null };
}

export interface OrderDiscountAllocation {
  amountCents: number;
  discountApplicationIndex: number;
}

export interface OrderLineItem {
  id: Gid;
  productId: Gid | null;
  variantId: Gid | null;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  unitPriceCents: number;
  discountAllocations: OrderDiscountAllocation[];
}

export interface OrderDiscountApplication {
  type: "discount_code" | "automatic" | "manual" | "script";
  code: string | null;
  title: string | null;
  description: string | null;
  /** "percentage": value is a percent (e.g. 10); "fixed_amount": value is in cents. */
  valueType: "percentage" | "fixed_amount";
  value: number;
  allocationMethod: "across" | "each" | "one";
  targetSelection: "all" | "entitled" | "explicit";
  targetType: "line_item" | "shipping_line";
}

export interface OrderDiscountCode {
  code: string;
  amountCents: number;
  type: "percentage" | "fixed_amount" | "shipping";
}

export interface OrderRefund {
  id: Gid;
  createdAt: string;
  amountCents: number;
  note: string | null;
}

export type FinancialStatus =
  | "pending"
  | "authorized"
  | "partially_paid"
  | "paid"
  | "partially_refunded"
  | "refunded"
  | "voided";

export interface Order {
  id: Gid;
  /** Display name, e.g. "#1001". */
  name: string;
  number: number;
  orderNumber: number;
  email: string | null;
  customerId: Gid | null;
  currency: string;
  lineItems: OrderLineItem[];
  discountApplications: OrderDiscountApplication[];
  discountCodes: OrderDiscountCode[];
  subtotalCents: number;
  totalDiscountsCents: number;
  shippingCents: number;
  taxCents: number;
  totalCents: number;
  financialStatus: FinancialStatus;
  tags: string[];
  note: string | null;
  test: boolean;
  sourceName: string;
  refunds: OrderRefund[];
  cancelledAt: string | null;
  cancelReason: string | null;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
}

export interface ShopRecord {
  id: Gid;
  domain: string;
  name: string;
  email: string;
  plan: string;
  currency: string;
  ianaTimezone: string;
  createdAt: string;
  installations: Map<string, AppInstallation>;
  products: Map<Gid, Product>;
  collections: Map<Gid, Collection>;
  customers: Map<Gid, Customer>;
  discounts: Map<Gid, CodeDiscount>;
  /**
   * Automatic app discounts (DiscountAutomaticNode ids), kept in the code discount's shape: kind
   * "app", no codes, no usage limit. Absent from states saved before they existed.
   */
  automaticDiscounts?: Map<Gid, CodeDiscount>;
  redeemCodes: Map<Gid, RedeemCode>;
  /** Discount id → its redeem code ids, in creation order. */
  codesByDiscount: Map<Gid, Set<Gid>>;
  /** Lower-cased code → redeem code id: codes are unique per shop, case-insensitively. */
  codeIndex: Map<string, Gid>;
  /** Redeem code id → customer id (or "guest") → times used. */
  codeUsage: Map<Gid, Map<string, number>>;
  bulkCreations: Map<Gid, BulkCreation>;
  jobs: Map<Gid, Job>;
  orders: Map<Gid, Order>;
  /** Owner id → "namespace.key" → metafield. */
  metafields: Map<Gid, Map<string, Metafield>>;
  nextOrderNumber: number;
}
