// The production build as a merchant meets it: an emulator with the demo app registered, the app
// server pointed at it, and app pages opened inside the emulator's admin in Chromium.
import { expect, inject } from "vitest";
import type { Browser, FrameLocator, Locator, Page } from "playwright-core";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { loadAppRegistration } from "../../emulator/store/app-config";
import type { EmulatorState } from "../../emulator/store/context";
import type { EmulatorStateOptions } from "../../emulator/store/state";
import type { AppRegistration } from "../../emulator/store/types";
import {
  DEMO_API_KEY,
  DEMO_API_SECRET,
  freePort,
  startApp,
  type RunningApp,
} from "../../emulator/app-process";
import { DESKTOP_CHROME_UA } from "./browser";

/** The demo app as the emulator knows it, served by an app server on `port`. */
export function demoRegistration(port: number): AppRegistration {
  return loadAppRegistration({
    env: {
      SHOPIFY_API_KEY: DEMO_API_KEY,
      SHOPIFY_API_SECRET: DEMO_API_SECRET,
      SHOPIFY_APP_URL: `http://localhost:${port}`,
    },
  });
}

export interface EmbeddedApp {
  emulator: RunningEmulator;
  app: RunningApp;
  registration: AppRegistration;
}

export async function startEmbeddedApp(options: {
  /** Makes the test's own shop (and its catalog) before the app starts. */
  seed: (state: EmulatorState) => void;
  /** The app server's extra environment, e.g. its in-app background worker. */
  env?: Record<string, string>;
  emulatorState?: Omit<EmulatorStateOptions, "apps">;
}): Promise<EmbeddedApp> {
  const port = await freePort();
  const registration = demoRegistration(port);
  const emulator = await startEmulator({
    port: 0,
    state: { apps: [registration], ...options.emulatorState },
  });
  try {
    options.seed(emulator.state);
    const app = await startApp({
      port,
      emulatorUrl: emulator.url,
      databaseUrl: inject("databaseUrl"),
      env: options.env,
    });
    return { emulator, app, registration };
  } catch (error) {
    // The caller never receives the emulator, so its afterAll could not close it.
    await emulator.close();
    throw error;
  }
}

/**
 * Waits until React owns `target`: typed or clicked before React hydrates, input is lost when it
 * takes the server-rendered page over. React marks each element it owns with `__reactProps$…`.
 */
export async function hydrated(target: Locator, pollTimeout?: number): Promise<void> {
  await target.waitFor();
  await expect
    .poll(
      () => target.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps"))),
      pollTimeout === undefined ? undefined : { timeout: pollTimeout },
    )
    .toBe(true);
}

export interface AdminPageOptions {
  viewport: { width: number; height: number };
  /** Each action's timeout: shorter than the test's, so a missing element fails naming it. */
  timeout: number;
  acceptDownloads?: boolean;
  /** Waited for once the app's frame is there (usually `hydrated` on its form). */
  ready: (frame: FrameLocator) => Promise<void>;
}

/** The admin around the app at `path`, installing the app first if the shop has not yet. */
export async function openInAdmin(
  browser: Browser,
  admin: { emulatorUrl: string; shop: string },
  path: string,
  options: AdminPageOptions,
): Promise<{ page: Page; frame: FrameLocator }> {
  const page = await browser.newPage({
    userAgent: DESKTOP_CHROME_UA,
    viewport: options.viewport,
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  page.setDefaultTimeout(options.timeout);
  await page.goto(`${admin.emulatorUrl}/store/${admin.shop}/apps/${DEMO_API_KEY}${path}`);
  const install = page.getByRole("button", { name: "Install" });
  if (await install.count()) await install.click();
  const frame = page.frameLocator("iframe");
  await options.ready(frame);
  return { page, frame };
}

/** Closes what a test started, any of it missing when its start failed part way. */
export async function stopEmbeddedApp(running: {
  browser?: Browser;
  app?: RunningApp;
  emulator?: RunningEmulator;
}): Promise<void> {
  await running.browser?.close();
  await running.app?.stop();
  await running.emulator?.close();
}
