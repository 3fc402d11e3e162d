import { describe, expect, it } from "vitest";
import { serializeRules } from "@onecode/checkout-rules/rules";
import { documentFromState, emptyFormState } from "./form-state";
import { placeErrors } from "./errors";

describe("placing the validator's errors in the editor", () => {
  it("puts each error beside the field that caused it", () => {
    const state = emptyFormState();
    state.minSubtotal = "-5";
    state.excludeCollectionIds = ["gid://shopify/Collection/1", "gid://shopify/Product/2"];
    state.requiredTags = "a".repeat(256);
    state.messages = { signIn: "Hello {name}" };
    state.reward = {
      ...state.reward,
      choice: "tiered",
      tiers: [{ from: "50", kind: "amount", value: "x" }],
      cap: "0",
    };
    const result = serializeRules(documentFromState(state, "cmp"));
    if (result.ok) throw new Error("expected errors");
    const placed = placeErrors(result.errors);
    expect(Object.keys(placed.fields).sort()).toEqual([
      "excludeCollectionIds",
      "messages.signIn",
      "minSubtotal.amount",
      "requiredCustomerTags",
      "reward.cap",
      "reward.tiers.0.value",
    ]);
    expect(placed.fields.excludeCollectionIds).toBe("Expected a collection id.");
    expect(placed.sections).toEqual({
      minimum: [],
      products: [],
      customers: [],
      reward: [],
      messages: [],
      document: [],
    });
  });

  it("shows an error no field owns at the top of its section, once", () => {
    const placed = placeErrors([
      { path: "", message: "The rules take 12000 bytes." },
      { path: "campaignId", message: "Expected the campaign id." },
      { path: "reward.tiers.2", message: "Expected an object." },
      { path: "reward.tiers.3", message: "Expected an object." },
      { path: "reward.tiers", message: "Expected 1 to 10 tiers." },
    ]);
    expect(placed.sections.document).toEqual([
      "The rules take 12000 bytes.",
      "Expected the campaign id.",
    ]);
    expect(placed.sections.reward).toEqual(["Expected an object."]);
    expect(placed.fields).toEqual({ "reward.tiers": "Expected 1 to 10 tiers." });
  });
});
