// Places the validator's errors (RuleError.path, e.g. "reward.tiers.1.value.percent") next to
// the editor's field that produced them, and each field in the card (section) that shows it.
import type { RuleError } from "@onecode/checkout-rules/rules";

export type RulesSection =
  "minimum" | "products" | "customers" | "reward" | "messages" | "document";

export interface PlacedErrors {
  /** Message per field key (see fieldKeyOf); the first error of a field wins. */
  fields: Record<string, string>;
  /** Messages no field of the editor shows, per section, for the top of that section. */
  sections: Record<RulesSection, string[]>;
}

// Lists whose entries the editor shows as one field: an error in entry n belongs to the list.
const LIST_FIELDS = [
  "includeProductIds",
  "excludeProductIds",
  "includeCollectionIds",
  "excludeCollectionIds",
  "requiredCustomerTags",
  "excludedCustomerTags",
  "reward.getProductIds",
];

/**
 * The editor's field for an error path: list entries collapse to their list, and a value's
 * "percent" / "amount" to the value (one input shows either).
 */
export function fieldKeyOf(path: string): string {
  const list = LIST_FIELDS.find((key) => path === key || path.startsWith(`${key}.`));
  if (list) return list;
  return path.replace(/\.value\.(percent|amount)$/, ".value");
}

// Every field key the editor draws an input (or list) for.
const EDITOR_FIELDS = new RegExp(
  "^(" +
    [
      "minSubtotal\\.amount",
      ...LIST_FIELDS.map((key) => key.replace(".", "\\.")),
      "firstOrderOnly",
      "oncePerCustomer",
      "reward\\.(kind|target|value|cap|maxUses|buy|get|percent|tiers|items)",
      "reward\\.tiers\\.\\d+\\.(from|value)",
      "reward\\.items\\.\\d+\\.(productId|quantity)",
      "messages\\.\\w+",
    ].join("|") +
    ")$",
);

export function sectionOf(path: string): RulesSection {
  if (path.startsWith("minSubtotal")) return "minimum";
  if (/^(include|exclude)(Product|Collection)Ids\b/.test(path)) return "products";
  if (/^(requiredCustomerTags|excludedCustomerTags|firstOrderOnly|oncePerCustomer)\b/.test(path)) {
    return "customers";
  }
  if (path.startsWith("reward")) return "reward";
  if (path.startsWith("messages")) return "messages";
  return "document";
}

export function placeErrors(errors: readonly RuleError[]): PlacedErrors {
  const placed: PlacedErrors = {
    fields: {},
    sections: { minimum: [], products: [], customers: [], reward: [], messages: [], document: [] },
  };
  for (const error of errors) {
    const key = fieldKeyOf(error.path);
    if (EDITOR_FIELDS.test(key)) {
      placed.fields[key] ??= error.message;
      continue;
    }
    const messages = placed.sections[sectionOf(error.path)];
    if (!messages.includes(error.message)) messages.push(error.message);
  }
  return placed;
}
