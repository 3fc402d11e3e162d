import { build } from "esbuild";

// The browser scripts (App Bridge stand-in, admin frame) are TypeScript beside the emulator,
// bundled by esbuild into one classic script the first time they are asked for.

const bundles = new Map<string, Promise<string>>();

export function browserBundle(entry: URL): Promise<string> {
  const key = entry.href;
  let bundle = bundles.get(key);
  if (!bundle) {
    bundle = build({
      entryPoints: [entry.pathname],
      bundle: true,
      write: false,
      format: "iife",
      target: "es2022",
      platform: "browser",
      logLevel: "silent",
    }).then((result) => result.outputFiles[0]!.text);
    // A failed build is not kept, so fixing the source and asking again works.
    bundle.catch(() => bundles.delete(key));
    bundles.set(key, bundle);
  }
  return bundle;
}

export async function scriptResponse(entry: URL): Promise<Response> {
  return new Response(await browserBundle(entry), {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "no-cache",
    },
  });
}
