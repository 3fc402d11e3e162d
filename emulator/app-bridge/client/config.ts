// shopify.config: the api key from the script tag's data-api-key (or <meta name="shopify-api-key">),
// appOrigins and disabledFeatures from their meta tags, and shop/host/locale from the URL Shopify
// admin opened the app with, remembered for the tab so client-side navigation keeps them
// (https://shopify.dev/docs/api/app-home/apis/config).

export interface BridgeConfig {
  apiKey: string;
  shop: string;
  host: string;
  locale: string;
  appOrigins: string[];
  disabledFeatures: string[];
}

const STORAGE_KEY = "onecode-emulator-app-bridge-config";

function meta(name: string): string | null {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? null;
}

function list(value: string | null): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function readConfig(script: HTMLScriptElement | null): BridgeConfig {
  const apiKey = script?.dataset.apiKey ?? meta("shopify-api-key");
  if (!apiKey) {
    throw new Error(
      'App Bridge: missing API key; add data-api-key to the script tag or <meta name="shopify-api-key">',
    );
  }
  const query = new URLSearchParams(location.search);
  const remembered = recall(apiKey);
  const config: BridgeConfig = {
    apiKey,
    shop: query.get("shop") ?? remembered?.shop ?? "",
    host: query.get("host") ?? remembered?.host ?? "",
    locale: query.get("locale") ?? remembered?.locale ?? "en-US",
    appOrigins: list(meta("shopify-app-origins")),
    disabledFeatures: list(meta("shopify-disabled-features")),
  };
  if (config.shop) {
    const saved = { apiKey, shop: config.shop, host: config.host, locale: config.locale };
    tabStorage()?.setItem(STORAGE_KEY, JSON.stringify(saved));
  }
  return config;
}

/** sessionStorage, or null where the browser denies it to a cross-site frame. */
function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function recall(apiKey: string): { shop: string; host: string; locale: string } | null {
  try {
    const saved = JSON.parse(tabStorage()?.getItem(STORAGE_KEY) ?? "null");
    return saved && saved.apiKey === apiKey ? saved : null;
  } catch {
    return null;
  }
}
