// App Bridge's resource picker over the shop's products or collections. It opens with the
// current list preselected and answers with the whole new selection (shopify.dev/docs/api/
// app-home/apis/resource-picker: `selectionIds` are "Resources that should be preselected when
// the picker is opened"), so its answer replaces the list; `undefined` means it was closed.
import { useAppBridge } from "@shopify/app-bridge-react";
import { useState } from "react";
import type { ResourceTitles } from "./form-state";

export interface Picked {
  ids: string[];
  titles: ResourceTitles;
}

export function usePicker(type: "product" | "collection") {
  const shopify = useAppBridge();
  const [error, setError] = useState<string | null>(null);

  async function pick(current: string[], limit?: number): Promise<Picked | null> {
    setError(null);
    try {
      const selection = await shopify.resourcePicker({
        type,
        multiple: limit ?? true,
        selectionIds: current.map((id) => ({ id })),
      });
      if (!selection) return null;
      return {
        ids: selection.map((resource) => resource.id),
        titles: Object.fromEntries(selection.map((resource) => [resource.id, resource.title])),
      };
    } catch (failure) {
      setError(`The ${type} picker could not open: ${(failure as Error).message}`);
      return null;
    }
  }

  return { pick, error };
}
