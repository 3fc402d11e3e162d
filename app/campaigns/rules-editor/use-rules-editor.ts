// The editor's state: the form, the titles of chosen products and collections, and the errors
// to show — the validator's verdict on every change, plus the server's until the next edit.
import { useCallback, useEffect, useMemo, useState } from "react";
import { serializeRules, type RuleError } from "../rules";
import { placeErrors, type PlacedErrors } from "./errors";
import {
  documentFromState,
  type ResourceTitles,
  type RewardState,
  type RulesFormState,
} from "./form-state";

export interface RulesEditorModel {
  state: RulesFormState;
  titles: ResourceTitles;
  errors: PlacedErrors;
  /** The document as JSON, for the one hidden `rules` field. */
  json: string;
  update(patch: Partial<RulesFormState>): void;
  updateReward(patch: Partial<RewardState>): void;
  addTitles(titles: ResourceTitles): void;
}

export function useRulesEditor(options: {
  initial: RulesFormState;
  initialTitles: ResourceTitles;
  campaignId: string;
  serverErrors: readonly RuleError[];
}): RulesEditorModel {
  const { campaignId, serverErrors } = options;
  const [state, setState] = useState(options.initial);
  const [titles, setTitles] = useState(options.initialTitles);
  // The server's errors describe what was submitted: shown until the merchant edits again.
  const [serverErrorsShown, setServerErrorsShown] = useState(true);
  useEffect(() => setServerErrorsShown(true), [serverErrors]);

  const update = useCallback((patch: Partial<RulesFormState>) => {
    setState((s) => ({ ...s, ...patch }));
    setServerErrorsShown(false);
  }, []);
  const updateReward = useCallback((patch: Partial<RewardState>) => {
    setState((s) => ({ ...s, reward: { ...s.reward, ...patch } }));
    setServerErrorsShown(false);
  }, []);
  const addTitles = useCallback(
    (more: ResourceTitles) => setTitles((t) => ({ ...t, ...more })),
    [],
  );

  const document = useMemo(
    () => documentFromState(state, campaignId, titles),
    [state, campaignId, titles],
  );
  const errors = useMemo(() => {
    const result = serializeRules(document);
    const live = result.ok ? [] : result.errors;
    const fromServer = serverErrorsShown ? serverErrors : [];
    return placeErrors([...live, ...fromServer]);
  }, [document, serverErrors, serverErrorsShown]);

  return {
    state,
    titles,
    errors,
    json: JSON.stringify(document),
    update,
    updateReward,
    addTitles,
  };
}
