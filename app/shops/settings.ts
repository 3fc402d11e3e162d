import { z } from "zod";
import { CONTROL_CHARACTER_TEXT, hasControlCharacter } from "../db/storable-text";
import { fail, type Result } from "../result";

// Sites that republish promo codes; an order referred from one of them is a leak signal.
export const DEFAULT_COUPON_SITES = [
  "retailmenot.com",
  "honey.com",
  "joinhoney.com",
  "couponfollow.com",
  "coupons.com",
  "groupon.com",
  "slickdeals.net",
  "dealspotr.com",
  "knoji.com",
  "wethrift.com",
  "couponbirds.com",
  "capitaloneshopping.com",
];

const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    "is not a domain name",
  );

export const shopSettingsSchema = z.object({
  couponSites: z.array(hostname).max(500, "List at most 500 coupon sites"),
  // An allocation redeeming this many times faster than its own recent rate is flagged.
  spikeFactor: z
    .number({ error: "Enter the spike factor as a number, for example 5" })
    .min(2, "Use a factor of at least 2")
    .max(100, "Use a factor of at most 100"),
});
export type ShopSettings = z.infer<typeof shopSettingsSchema>;

export const DEFAULT_SETTINGS: ShopSettings = { couponSites: DEFAULT_COUPON_SITES, spikeFactor: 5 };

/** Stored settings merged over the defaults; a stored value that no longer validates is dropped. */
export function readSettings(stored: unknown): ShopSettings {
  const parsed = shopSettingsSchema.partial().safeParse(stored ?? {});
  return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export type SettingsFormCode = "control_character" | "invalid_settings";

export type SettingsFormResult = Result<
  { settings: ShopSettings },
  SettingsFormCode,
  { errors: Partial<Record<keyof ShopSettings, string>> }
>;

const NOT_SAVED = "The settings were not saved.";

/** The settings form: coupon sites one per line (blank lines ignored), the spike factor a number. */
export function parseSettingsForm(form: FormData): SettingsFormResult {
  const lines = String(form.get("couponSites") ?? "").split(/\r?\n/);
  const rawFactor = String(form.get("spikeFactor") ?? "");
  // Said in words: shown back in the error, an invisible character would only puzzle.
  const badLine = lines.findIndex((line) => hasControlCharacter(line.trim()));
  if (badLine >= 0 || hasControlCharacter(rawFactor)) {
    return fail("control_character", NOT_SAVED, {
      errors:
        badLine >= 0
          ? { couponSites: `Line ${badLine + 1}: ${CONTROL_CHARACTER_TEXT}` }
          : { spikeFactor: CONTROL_CHARACTER_TEXT },
    });
  }
  const sites = lines.map((line) => line.trim()).filter(Boolean);
  const result = shopSettingsSchema.safeParse({
    couponSites: sites,
    spikeFactor: Number(rawFactor),
  });
  if (result.success) return { ok: true, settings: result.data };
  const errors: Partial<Record<keyof ShopSettings, string>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as keyof ShopSettings;
    const line =
      field === "couponSites" && typeof issue.path[1] === "number" ? issue.path[1] : undefined;
    errors[field] ??=
      line === undefined ? issue.message : `"${sites[line]}" ${issue.message} (line ${line + 1})`;
  }
  return fail("invalid_settings", NOT_SAVED, { errors });
}
