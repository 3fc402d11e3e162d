import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "@remix-run/react";
import type { LinksFunction } from "@remix-run/node";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import type { EmbeddedAppConfig } from "./shopify/embedded-app-config";

export const links: LinksFunction = () => [
  { rel: "preconnect", href: "https://cdn.shopify.com/" },
  { rel: "stylesheet", href: polarisStyles },
];

export default function App() {
  // Pages under /app are embedded in Shopify admin and need App Bridge, which must be the first
  // script in <head> (Shopify: "App Bridge: getting started").
  const embedded = useRouteLoaderData<EmbeddedAppConfig>("routes/app");
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        {embedded && <script src={embedded.appBridgeUrl} data-api-key={embedded.apiKey} />}
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
