// Inside Shopify admin a plain link carries no session token; fetch does (App Bridge adds it),
// so the file is fetched, then handed to the browser to save.
import { useState } from "react";
import { Button } from "@shopify/polaris";

export function DownloadRedemptions({ search }: { search: string }) {
  const [state, setState] = useState<"idle" | "loading" | "failed">("idle");
  async function download() {
    setState("loading");
    try {
      const response = await fetch(`/app/reports/redemptions?${search}`);
      if (!response.ok) throw new Error(String(response.status));
      const name =
        /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ??
        "redemptions.csv";
      const url = URL.createObjectURL(await response.blob());
      Object.assign(document.createElement("a"), { href: url, download: name }).click();
      URL.revokeObjectURL(url);
      setState("idle");
    } catch {
      setState("failed");
    }
  }
  return (
    <Button onClick={download} loading={state === "loading"}>
      {state === "failed" ? "Export failed: retry" : "Export redemptions (CSV)"}
    </Button>
  );
}
