// Every expected failure in OneCode has one shape: `ok: false`, a machine-readable `code` a
// caller can branch on (and a test can list), and a `message` written for the person who sees it.
// A failure may carry more (the fields to mark on a form, the lines of a list), never less.
// Unexpected failures stay exceptions.

export interface Failure<Code extends string = string> {
  readonly ok: false;
  readonly code: Code;
  readonly message: string;
}

/** Success with its values, or a failure with its code, its sentence and any detail. */
export type Result<
  Value extends object = object,
  Code extends string = string,
  Detail extends object = object,
> = ({ readonly ok: true } & Value) | (Failure<Code> & Detail);

export function fail<Code extends string>(code: Code, message: string): Failure<Code>;
export function fail<Code extends string, Detail extends object>(
  code: Code,
  message: string,
  detail: Detail,
): Failure<Code> & Detail;
export function fail(code: string, message: string, detail?: object) {
  return { ...detail, ok: false as const, code, message };
}

/** A success, with its values. */
export const ok = <Value extends object = object>(value?: Value) =>
  ({ ...value, ok: true as const }) as { readonly ok: true } & Value;
