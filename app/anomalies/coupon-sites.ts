// Orders that arrive from a coupon site (RetailMeNot, Honey, ...) mean a code leaked to the
// public. Shopify records where the buyer came from (referring_site) and the first page they
// landed on (landing_site, often carrying utm_source or ref parameters).

const SOURCE_PARAMS = ["utm_source", "ref", "source", "utm_referrer"];

/** The coupon site an order's landing or referring URL points at, or null. */
export function couponSiteOf(
  urls: (string | null)[],
  couponSites: readonly string[],
): { site: string; url: string } | null {
  for (const url of urls) {
    if (!url) continue;
    for (const host of hostsIn(url)) {
      const site = couponSites.find((s) => host === s || host.endsWith(`.${s}`));
      if (site) return { site, url };
    }
  }
  return null;
}

function hostsIn(text: string): string[] {
  let url: URL;
  try {
    // A landing_site may be a bare path ("/products/x?ref=…"): read it against any origin.
    url = new URL(text, "https://store.invalid");
  } catch {
    return [];
  }
  const hosts = url.hostname === "store.invalid" ? [] : [url.hostname.toLowerCase()];
  for (const name of SOURCE_PARAMS) {
    const value = url.searchParams.get(name)?.trim().toLowerCase();
    if (!value) continue;
    try {
      hosts.push(new URL(value.includes("://") ? value : `https://${value}`).hostname);
    } catch {
      // Not a host name: a campaign label like "newsletter", not a site.
    }
  }
  return hosts.map((h) => h.replace(/^www\./, ""));
}
