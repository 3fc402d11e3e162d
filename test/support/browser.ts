import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium (apt-get install chromium); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Browser tests run wherever Chromium is installed, and CI (which installs it) never skips them. */
export const browserTestsEnabled = existsSync(CHROMIUM) || process.env.CI === "true";

// A desktop Chrome user agent: the Shopify library answers "bots" (HeadlessChrome included) 410.
export const DESKTOP_CHROME_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

export function launchChromium(): Promise<Browser> {
  // The flags keep headless Chromium off the network it cannot reach here.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
