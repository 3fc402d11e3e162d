import type { EmulatorState } from "../store/context.js";
import type { AppInstallation, AppRegistration, ShopRecord } from "../store/types.js";
import type { AdminSchema } from "./schema.js";

/** What every resolver gets: the shop the request is for and the app making it. */
export interface ResolverContext {
  state: EmulatorState;
  shop: ShopRecord;
  app: AppRegistration;
  installation: AppInstallation;
  admin: AdminSchema;
  /** Warnings for extensions.search (unknown filter fields), as Shopify reports them. */
  searchWarnings: {
    path: (string | number)[];
    query: string;
    warnings: { field: string; message: string }[];
  }[];
}
