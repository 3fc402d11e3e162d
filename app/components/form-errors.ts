// Forms report an error one way: the field is marked, the reason is beside it, and a submit that
// fails (in the browser or on the server) moves the focus to the first marked field.
import { useCallback, useEffect, useMemo, useState } from "react";

/**
 * The server's errors for the last submission, each hidden once its field is edited: a reason
 * that no longer applies must not stay beside the field.
 */
export function useSubmittedErrors<F extends string>(
  errors: Partial<Record<F, string>> | undefined,
): [Partial<Record<F, string>>, (field: F) => void] {
  const [edited, setEdited] = useState<ReadonlySet<F>>(new Set());
  useEffect(() => {
    setEdited(new Set());
  }, [errors]);
  const shown = useMemo(() => {
    const out: Partial<Record<F, string>> = {};
    for (const [field, message] of Object.entries(errors ?? {}) as [F, string | undefined][]) {
      if (message && !edited.has(field)) out[field] = message;
    }
    return out;
  }, [errors, edited]);
  const edit = useCallback(
    (field: F) => setEdited((s) => (s.has(field) ? s : new Set([...s, field]))),
    [],
  );
  return [shown, edit];
}

/** Focuses the form's first marked field (Polaris sets aria-invalid on a field with an error). */
export function focusFirstError(form: HTMLFormElement | null): boolean {
  const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!field) return false;
  field.focus();
  field.scrollIntoView({ block: "center" });
  return true;
}
