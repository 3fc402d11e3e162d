// Forms report an error one way: the field is marked, the reason is beside it, and a submit that
// fails (in the browser or on the server) moves the focus to the first marked field.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

/**
 * The server's errors for the last submission, each hidden once its field is edited: a reason
 * that no longer applies must not stay beside the field.
 */
export function useSubmittedErrors<F extends string>(
  errors: Partial<Record<F, string>> | undefined,
): [Partial<Record<F, string>>, (field: F) => void] {
  // Edits count against the submission they follow: a new answer shows all of its errors at once
  // (a reset in an effect would hide them for a render, and the focus would miss them).
  const [edited, setEdited] = useState<{ of: typeof errors; fields: ReadonlySet<F> }>({
    of: errors,
    fields: new Set(),
  });
  const fields = edited.of === errors ? edited.fields : NONE;
  const shown = useMemo(() => {
    const out: Partial<Record<F, string>> = {};
    for (const [field, message] of Object.entries(errors ?? {}) as [F, string | undefined][]) {
      if (message && !fields.has(field)) out[field] = message;
    }
    return out;
  }, [errors, fields]);
  const edit = useCallback(
    (field: F) =>
      setEdited((e) => {
        const current = e.of === errors ? e.fields : NONE;
        return current.has(field) ? e : { of: errors, fields: new Set([...current, field]) };
      }),
    [errors],
  );
  return [shown, edit];
}

const NONE: ReadonlySet<never> = new Set();

/** Focuses the form's first marked field (Polaris sets aria-invalid on a field with an error). */
export function focusFirstError(form: HTMLFormElement | null): boolean {
  const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!field) return false;
  field.focus();
  field.scrollIntoView({ block: "center" });
  return true;
}

/**
 * A form's answer from its action, shown the one way: each reason beside its field until edited,
 * and a refused save puts the merchant on the first field to correct. `formRef` goes on the form.
 */
export function useActionErrors<F extends string>(
  result: { ok: true } | { ok: false; errors: Partial<Record<F, string>> } | undefined,
) {
  const [errors, edited] = useSubmittedErrors(result && !result.ok ? result.errors : undefined);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (result && !result.ok) focusFirstError(formRef.current);
  }, [result]);
  return { errors, edited, formRef };
}
