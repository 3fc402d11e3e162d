// What the merchant types to give codes out: a partner or a named channel, and how many.
import { z } from "zod";
import { CONTROL_CHARACTER_TEXT, hasControlCharacter } from "../db/storable-text";

/** Most codes one allocation (or one top-up) takes at a time. */
export const MAX_ALLOCATION = 1_000_000;

/** Channels a merchant gives codes to directly, without a partner; any other name is accepted. */
export const CHANNEL_SUGGESTIONS = [
  "Customer service",
  "Loyalty",
  "Email",
  "Print",
  "Social",
] as const;

const quantity = z.coerce
  .number({ message: "Enter how many codes" })
  .int("Enter a whole number of codes")
  .min(1, "Allocate at least 1 code")
  .max(MAX_ALLOCATION, `Allocate at most ${MAX_ALLOCATION.toLocaleString("en-US")} codes at once`);

/**
 * `to` is `partner:<id>` for a partner, or `channel` with the channel's name in `channel`.
 * The label defaults to the partner's or channel's name.
 */
export const allocateInputSchema = z
  .object({
    campaignId: z.string().min(1, "Choose a campaign"),
    to: z.string().min(1, "Choose who gets the codes"),
    channel: z
      .string()
      .trim()
      .max(60, "Keep the channel's name under 60 characters")
      .refine((name) => !hasControlCharacter(name), CONTROL_CHARACTER_TEXT)
      .optional()
      .default(""),
    quantity,
  })
  .transform((input, ctx) => {
    if (input.to.startsWith("partner:")) {
      return {
        campaignId: input.campaignId,
        quantity: input.quantity,
        target: { partnerId: input.to.slice("partner:".length) } as AllocationTarget,
      };
    }
    if (!input.channel) {
      ctx.addIssue({ code: "custom", path: ["channel"], message: "Name the channel" });
      return z.NEVER;
    }
    return {
      campaignId: input.campaignId,
      quantity: input.quantity,
      target: { channel: input.channel } as AllocationTarget,
    };
  });
export type AllocateInput = z.infer<typeof allocateInputSchema>;

export type AllocationTarget = { partnerId: string } | { channel: string };

export const topUpInputSchema = z.object({
  allocationId: z.string().min(1),
  quantity,
});

/** The form's errors by field, first message each. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}
