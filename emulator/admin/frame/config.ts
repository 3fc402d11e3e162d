/** What the server tells the admin frame script about the open app (JSON in #frame-config). */
export interface FrameConfig {
  shop: string;
  apiKey: string;
  appTitle: string;
  applicationUrl: string;
  /** The admin path of the app's root, e.g. /store/<shop>/apps/<api key>. */
  adminBase: string;
  sessionTokenUrl: string;
  resourcesUrl: string;
}

export function readFrameConfig(): FrameConfig {
  const el = document.getElementById("frame-config");
  if (!el?.textContent) throw new Error("Admin frame: #frame-config is missing");
  return JSON.parse(el.textContent) as FrameConfig;
}
