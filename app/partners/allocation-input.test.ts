import { describe, expect, it } from "vitest";
import { allocateInputSchema } from "./allocation-input";

describe("a channel's name", () => {
  it("is refused in words when it holds a control character, NUL above all", () => {
    for (const channel of ["Loy\u0000alty", "Print\u001b[0m", "E\tmail"]) {
      const parsed = allocateInputSchema.safeParse({
        campaignId: "c1",
        to: "channel",
        channel,
        quantity: "10",
      });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/^Remove the invisible control character/);
    }
  });

  it("keeps a name with spaces around it, trimmed", () => {
    const parsed = allocateInputSchema.parse({
      campaignId: "c1",
      to: "channel",
      channel: "\tLoyalty ",
      quantity: "10",
    });
    expect(parsed.target).toEqual({ channel: "Loyalty" });
  });
});
