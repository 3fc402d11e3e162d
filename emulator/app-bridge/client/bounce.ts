// The "bounce page": when the app's server lacks a session token for a document request, the
// Shopify app library answers with a page that loads App Bridge at
// `/auth/session-token?...&shopify-reload=<url>`; App Bridge gets a fresh session token and
// reloads <url> with `id_token=<token>` added
// (https://shopify.dev/docs/apps/build/authentication-authorization/set-embedded-app-authorization).
// Only a URL of the app's own origin is followed.

export async function bounceIfAsked(idToken: () => Promise<string>): Promise<boolean> {
  const reload = new URLSearchParams(location.search).get("shopify-reload");
  if (!reload) return false;
  const target = new URL(reload, location.href);
  if (target.origin !== location.origin) {
    console.error(`App Bridge: refusing to reload ${target.href}, which is not the app's origin`);
    return false;
  }
  target.searchParams.set("id_token", await idToken());
  location.replace(target.href);
  return true;
}
