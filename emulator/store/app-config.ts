import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "smol-toml";
import { functionUuid, stableNumericId } from "./ids";
import type { AppRegistration, AppWebhookSubscription, ShopifyFunctionRecord } from "./types";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface LoadAppOptions {
  /** Default: <repo>/shopify.app.toml. */
  appConfigPath?: string;
  /** Default: the `extensions` folder beside the app config. */
  extensionsDir?: string;
  /** SHOPIFY_API_KEY / SHOPIFY_API_SECRET / SHOPIFY_APP_URL override the file. Default process.env. */
  env?: Record<string, string | undefined>;
}

type Table = Record<string, unknown>;

function table(value: unknown): Table {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Table) : {};
}

function tables(value: unknown): Table[] {
  return Array.isArray(value) ? value.map(table) : [];
}

function str(value: unknown, fallback = ""): string {
  return typeof value === "string" ? value : fallback;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * Reads the app's registration the way Shopify CLI deploys it: shopify.app.toml for the app
 * (client_id, scopes, URLs, webhook subscriptions) and extensions/<x>/shopify.extension.toml for
 * its functions. A missing file is an error: the emulator must not invent an app.
 */
export function loadAppRegistration(options: LoadAppOptions = {}): AppRegistration {
  const env = options.env ?? process.env;
  const configPath = options.appConfigPath ?? path.join(REPO_ROOT, "shopify.app.toml");
  const config = parse(readFileSync(configPath, "utf8")) as Table;
  const apiKey = env.SHOPIFY_API_KEY ?? str(config.client_id);
  if (!apiKey) throw new Error(`${configPath}: client_id is missing and SHOPIFY_API_KEY is unset`);
  const webhooks = table(config.webhooks);
  const extensionsDir = options.extensionsDir ?? path.join(path.dirname(configPath), "extensions");
  return {
    id: `gid://shopify/App/${stableNumericId(`app/${apiKey}`)}`,
    apiKey,
    apiSecret: env.SHOPIFY_API_SECRET ?? "onecode-demo-api-secret",
    title: str(config.name, apiKey),
    handle: str(config.handle, apiKey),
    applicationUrl: env.SHOPIFY_APP_URL ?? str(config.application_url),
    scopes: str(table(config.access_scopes).scopes)
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    redirectUrls: strings(table(config.auth).redirect_urls),
    webhooksApiVersion: str(webhooks.api_version, "2026-04"),
    webhooks: tables(webhooks.subscriptions).map((s): AppWebhookSubscription => ({
      topics: strings(s.topics),
      complianceTopics: strings(s.compliance_topics),
      uri: str(s.uri),
    })),
    functions: loadFunctions(extensionsDir, apiKey),
  };
}

// Shopify's function API names (ShopifyFunction.apiType), chosen from the extension's targets.
// The unified Discount API (targets cart.lines.discounts.generate.* and
// cart.delivery-options.discounts.generate.*) is "discount".
function apiTypeFor(targets: string[]): string {
  if (targets.some((t) => /^cart\.(lines|delivery-options)\.discounts\.generate\./.test(t))) {
    return "discount";
  }
  if (targets.some((t) => t.startsWith("purchase.product-discount."))) return "product_discounts";
  if (targets.some((t) => t.startsWith("purchase.order-discount."))) return "order_discounts";
  if (targets.some((t) => t.startsWith("purchase.shipping-discount."))) return "shipping_discounts";
  return targets[0]?.split(".").slice(0, 2).join("_") ?? "unknown";
}

function loadFunctions(extensionsDir: string, apiKey: string): ShopifyFunctionRecord[] {
  if (!existsSync(extensionsDir)) return [];
  const found: ShopifyFunctionRecord[] = [];
  for (const dir of readdirSync(extensionsDir).sort()) {
    const tomlPath = path.join(extensionsDir, dir, "shopify.extension.toml");
    if (!existsSync(tomlPath)) continue;
    const ext = parse(readFileSync(tomlPath, "utf8")) as Table;
    for (const e of tables(ext.extensions)) {
      if (str(e.type) !== "function") continue;
      const handle = str(e.handle, dir);
      const targeting = tables(e.targeting);
      const firstQuery = str(targeting[0]?.input_query);
      const queryPath = firstQuery ? path.join(extensionsDir, dir, firstQuery) : "";
      found.push({
        id: functionUuid(apiKey, handle),
        handle,
        title: str(e.name, handle),
        apiType: apiTypeFor(targeting.map((t) => str(t.target))),
        apiVersion: str(ext.api_version, str(e.api_version, "2026-04")),
        description: str(e.description) || null,
        inputQuery: queryPath && existsSync(queryPath) ? readFileSync(queryPath, "utf8") : null,
        appApiKey: apiKey,
      });
    }
  }
  return found;
}
