import type { PickerRequest, PickerType } from "../protocol";
import type { ParentChannel } from "./channel";

// shopify.resourcePicker({type, action, multiple, query, selectionIds}): the admin opens its
// picker over the shop's products, variants or collections; resolves with the chosen resources
// (an array that also answers to the deprecated `.selection`) or undefined when cancelled
// (https://shopify.dev/docs/api/app-home/apis/resource-picker).

interface PickerOptions {
  type: PickerType;
  action?: "add" | "select";
  multiple?: boolean | number;
  query?: string;
  filter?: { query?: string };
  selectionIds?: { id: string; variants?: { id: string }[] }[];
}

const TYPES: PickerType[] = ["product", "variant", "collection"];

export function resourcePickerApi(channel: ParentChannel) {
  return async (options: PickerOptions) => {
    if (!options || !TYPES.includes(options.type)) {
      throw new Error(`App Bridge: resourcePicker type must be one of ${TYPES.join(", ")}`);
    }
    const request: PickerRequest = {
      type: options.type,
      action: options.action ?? "add",
      multiple: options.multiple ?? false,
      query: options.filter?.query ?? options.query ?? "",
      selectionIds: (options.selectionIds ?? []).map((s) => s.id),
    };
    const answer = await channel.request(
      (requestId) => ({ type: "resourcePicker", requestId, request }),
      "resourcePicker.result",
    );
    if (answer.error) throw new Error(`App Bridge: ${answer.error}`);
    if (!answer.selection) return undefined;
    return Object.assign([...answer.selection], { selection: answer.selection });
  };
}
