import { useState } from "react";

export type DownloadState = "idle" | "loading" | "failed";

/**
 * Saves the file the app serves at `path`. Inside Shopify admin a plain link carries no session
 * token; fetch does (App Bridge adds it), so the file is fetched, then handed to the browser to
 * save. `onSaved` runs once the browser has it.
 */
export function useFileDownload(
  path: string,
  onSaved?: () => void,
): { state: DownloadState; download: () => Promise<void> } {
  const [state, setState] = useState<DownloadState>("idle");
  async function download() {
    setState("loading");
    try {
      const response = await fetch(path);
      if (!response.ok) throw new Error(String(response.status));
      const name =
        /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ??
        "codes.csv";
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement("a"), { href: url, download: name });
      link.click();
      URL.revokeObjectURL(url);
      setState("idle");
      onSaved?.();
    } catch {
      setState("failed");
    }
  }
  return { state, download };
}
