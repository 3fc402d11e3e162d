// The editor's state: the form, chosen resources' titles, and the errors to show (the validator's
// on every change, the server's until the next edit; a just-chosen reward's only once touched).
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { serializeRules, type RuleError } from "@onecode/checkout-rules/rules";
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
  /** True when the validator finds nothing wrong, shown or not. */
  valid: boolean;
  update(patch: Partial<RulesFormState>): void;
  updateReward(patch: Partial<RewardState>): void;
  addTitles(titles: ResourceTitles): void;
}

export function useRulesEditor(options: {
  initial: RulesFormState;
  initialTitles: ResourceTitles;
  campaignId: string;
  serverErrors: readonly RuleError[];
  /** A submit was tried: every error shows, changed or not. */
  showAllErrors?: boolean;
}): RulesEditorModel {
  const { campaignId, serverErrors, showAllErrors = false } = options;
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
  // The document as it was when a reward was last chosen. What the editor opened with has none:
  // stored rules that no longer validate show their errors at once.
  const pristine = useRef<{ choice: string; document: unknown }>({
    choice: state.reward.choice,
    document: undefined,
  });
  if (pristine.current.choice !== state.reward.choice) {
    pristine.current = { choice: state.reward.choice, document };
  }
  const { errors, valid } = useMemo(() => {
    const result = serializeRules(document);
    const live = result.ok ? [] : result.errors;
    const shown = showAllErrors
      ? live
      : live.filter(
          (e) =>
            JSON.stringify(valueAt(document, e.path)) !==
            JSON.stringify(valueAt(pristine.current.document, e.path)),
        );
    const fromServer = serverErrorsShown ? serverErrors : [];
    return { errors: placeErrors([...shown, ...fromServer]), valid: live.length === 0 };
  }, [document, serverErrors, serverErrorsShown, showAllErrors]);

  return {
    state,
    titles,
    errors,
    json: JSON.stringify(document),
    valid,
    update,
    updateReward,
    addTitles,
  };
}

/** The value at an error's path ("reward.items.0.quantity") in the rules document. */
function valueAt(document: unknown, path: string): unknown {
  let value = document;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
