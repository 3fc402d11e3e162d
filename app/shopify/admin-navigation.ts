import { useNavigate } from "@remix-run/react";
import { useEffect } from "react";

/**
 * Routes the admin's sidebar clicks through Remix. App Bridge announces a click on one of the
 * app's <NavMenu> items as a `shopify:navigate` event on that item's link; an app that does not
 * listen is reloaded by the admin instead, losing its state. This is what the AppProvider of
 * @shopify/shopify-app-remix/react does, which the Remix classic compiler's pinned esbuild cannot
 * bundle (its locale import uses import attributes).
 */
export function useAdminNavigation(): void {
  const navigate = useNavigate();
  useEffect(() => {
    const onNavigate = (event: Event) => {
      const href = event.target instanceof Element ? event.target.getAttribute("href") : null;
      if (href) navigate(href);
    };
    window.addEventListener("shopify:navigate", onNavigate);
    return () => window.removeEventListener("shopify:navigate", onNavigate);
  }, [navigate]);
}
