// App Bridge's resource picker over products or collections: it opens with the current list
// preselected and answers with the whole new selection (`undefined` when closed).
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
