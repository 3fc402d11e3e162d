import { describe, expect, it } from "vitest";
import { parseSettingsForm, type SettingsFormCode } from "./settings";

const form = (couponSites: string, spikeFactor = "5") => {
  const data = new FormData();
  data.set("couponSites", couponSites);
  data.set("spikeFactor", spikeFactor);
  return data;
};

describe("the settings form", () => {
  it("names the line of a coupon site holding a control character instead of echoing it", () => {
    const result = parseSettingsForm(form("retailmenot.com\r\nhon\u0000ey.com\n"));
    expect(result).toEqual({
      ok: false,
      code: "control_character",
      message: "The settings were not saved.",
      errors: {
        couponSites:
          "Line 2: Remove the invisible control character (such as NUL or a tab) from this text: it can't be saved.",
      },
    });
  });

  it("refuses a spike factor holding a control character in words", () => {
    const result = parseSettingsForm(form("retailmenot.com", "5\u0000"));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.spikeFactor).toMatch(/^Remove the invisible control/);
  });

  it("still takes sites with spaces and blank lines around them", () => {
    const result = parseSettingsForm(form("  retailmenot.com\t\n\n Honey.com"));
    expect(result).toEqual({
      ok: true,
      settings: { couponSites: ["retailmenot.com", "honey.com"], spikeFactor: 5 },
    });
  });
});

describe("every refusal of the settings form has its code", () => {
  const cases: Record<SettingsFormCode, [string, string, string]> = {
    control_character: ["retailmenot.com", "5\u0000", "spikeFactor"],
    invalid_settings: ["retailmenot.com", "zero", "spikeFactor"],
  };
  it.each(Object.entries(cases))("%s", (code, [sites, factor, field]) => {
    const result = parseSettingsForm(form(sites, factor));
    expect(result).toMatchObject({ ok: false, code, message: "The settings were not saved." });
    expect(!result.ok && result.errors[field as "spikeFactor"]).toMatch(/\S/);
  });
});
