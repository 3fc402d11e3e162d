import type { EmulatorState } from "../store/context";
import type { AppInstallation, AppRegistration, ShopRecord } from "../store/types";
import type { AdminSchema } from "./schema";

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
