import { z } from "zod";
import { storableText, UNSTORABLE_TEXT } from "../db/storable-text";

export const PARTNER_KINDS = [
  "affiliate",
  "influencer",
  "customer_service",
  "loyalty",
  "crm",
  "other",
] as const;

export const PARTNER_KIND_LABELS: Record<(typeof PARTNER_KINDS)[number], string> = {
  affiliate: "Affiliate",
  influencer: "Influencer",
  customer_service: "Customer service",
  loyalty: "Loyalty",
  crm: "CRM",
  other: "Other",
};

export const partnerInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the partner's name")
    .max(100, "Keep the name under 100 characters")
    .refine(storableText, UNSTORABLE_TEXT),
  kind: z.enum(PARTNER_KINDS, { message: "Choose what kind of partner this is" }),
  email: z
    .string()
    .trim()
    .transform((value) => value || undefined)
    .pipe(z.email("Enter a valid email address").optional()),
  notes: z
    .string()
    .trim()
    .max(2000, "Keep the notes under 2,000 characters")
    .optional()
    .transform((value) => value || undefined),
});
export type PartnerInput = z.infer<typeof partnerInputSchema>;
