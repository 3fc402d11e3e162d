// The body of POST /api/v1/claims, and the hash an Idempotency-Key is bound to.
import { createHash } from "node:crypto";
import { z } from "zod";
import { hasControlCharacter } from "../db/storable-text";
import { fail, type Result } from "../result";

export const MAX_CLAIM = 1000;

// A control character (NUL above all, which PostgreSQL cannot store) is never part of an id or a
// recipient reference: refused in words rather than stored or failing in the database.
const CONTROL_CHARACTER_ISSUE = "must not contain control characters such as NUL (U+0000)";
const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((value) => !hasControlCharacter(value), CONTROL_CHARACTER_ISSUE);

export const claimInputSchema = z
  .object({
    campaign: text(100).optional(),
    allocation: text(100).optional(),
    quantity: z.number().int().min(1).max(MAX_CLAIM).default(1),
    recipient: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine((value) => !hasControlCharacter(value), CONTROL_CHARACTER_ISSUE)
      .optional(),
  })
  .strict()
  .refine((v) => (v.campaign ? !v.allocation : !!v.allocation), {
    message: "Name either a campaign or an allocation",
  })
  .refine((v) => !v.recipient || v.quantity === 1, {
    message: "A claim for a recipient is for one code: leave quantity out or send 1",
  });

export type ClaimInput = z.infer<typeof claimInputSchema>;

export type ReadClaimCode = "not_json" | "invalid_claim";

export type ReadClaim = Result<{ input: ClaimInput; hash: string }, ReadClaimCode>;

export function readClaim(text: string): ReadClaim {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail("not_json", 'The body must be JSON, for example {"campaign":"…","quantity":1}.');
  }
  const parsed = claimInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
    return fail("invalid_claim", `${where}${issue.message}`);
  }
  const input = parsed.data;
  // The hash covers what the claim means, so key order or whitespace do not count as a change.
  const canonical = JSON.stringify([
    input.campaign ?? null,
    input.allocation ?? null,
    input.quantity,
    input.recipient ?? null,
  ]);
  return { ok: true, input, hash: createHash("sha256").update(canonical).digest("hex") };
}
