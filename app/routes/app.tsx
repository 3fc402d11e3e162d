import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { AppProvider } from "@shopify/polaris";
import enTranslations from "@shopify/polaris/locales/en.json";
import { boundary } from "@shopify/shopify-app-remix/server";
import { authenticate } from "../shopify.server";
import { embeddedAppConfig } from "../shopify/embedded-app-config";
import { PolarisLink } from "../components/PolarisLink";
import { useAdminNavigation } from "../shopify/admin-navigation";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return embeddedAppConfig();
};

export default function EmbeddedApp() {
  useLoaderData<typeof loader>();
  useAdminNavigation();
  return (
    <AppProvider i18n={enTranslations} linkComponent={PolarisLink}>
      <NavMenu>
        <Link to="/app" rel="home">
          Home
        </Link>
        <Link to="/app/campaigns">Campaigns</Link>
        <Link to="/app/partners">Partners</Link>
        <Link to="/app/reports">Reports</Link>
        <Link to="/app/settings">Settings</Link>
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses so their headers reach the browser.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
