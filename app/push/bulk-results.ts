// The per-code results of a bulk creation: "must be unique" (null error code) means another
// discount of the shop has the code; any other error means the code itself is unacceptable.

export interface BulkCodeResult {
  code: string;
  errors: { message: string; code?: string | null }[];
}

export type CodeVerdict = { kind: "taken"; message: string } | { kind: "invalid"; message: string };

export function isTakenError(error: { message: string; code?: string | null }): boolean {
  return error.code === "TAKEN" || /must be unique/i.test(error.message);
}

/**
 * Verdicts for the failed codes of a bulk creation, keyed by lower-cased code (codes are unique
 * per shop regardless of case). Codes without errors are not listed: they were imported.
 */
export function failedCodeVerdicts(results: readonly BulkCodeResult[]): Map<string, CodeVerdict> {
  const verdicts = new Map<string, CodeVerdict>();
  for (const result of results) {
    if (result.errors.length === 0) continue;
    const message = result.errors.map((e) => e.message).join("; ");
    const kind = result.errors.some(isTakenError) ? "taken" : "invalid";
    verdicts.set(result.code.toLowerCase(), { kind, message });
  }
  return verdicts;
}
