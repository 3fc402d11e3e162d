import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { manualClock } from "../clock";
import {
  addRedeemCode,
  authenticateAccessToken,
  codesOfDiscount,
  createCodeDiscount,
  createEmulatorState,
  DEMO_SHOP,
  findRedeemCode,
  installApp,
  requireShop,
  settleJobs,
  startRedeemCodeBulkDelete,
} from "./index";
import { keepStateInFile } from "./state-file";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function stateFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "emulator-state-"));
  dirs.push(dir);
  return path.join(dir, "emulator-state.json");
}

describe("the emulator's state file", () => {
  it("brings back shops, codes, tokens, ids past 2^53 and a job still to run", () => {
    const file = stateFile();
    const clock = manualClock(Date.parse("2026-05-01T12:00:00Z"));
    const first = createEmulatorState({ bigIds: true, now: clock.now, jobDelayMs: 1000 });
    const saved = keepStateInFile(first, file);
    const app = [...first.apps.values()][0]!;
    const token = installApp(first, DEMO_SHOP, app.apiKey, app.scopes);
    const shop = requireShop(first, DEMO_SHOP);
    const discount = createCodeDiscount(first, shop, {
      kind: "app",
      title: "Spring",
      startsAt: "2026-01-01T00:00:00.000Z",
      endsAt: null,
      usageLimit: 1,
      appliesOncePerCustomer: false,
      combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: false },
      discountClasses: ["ORDER"],
      tags: [],
      functionId: null,
      appApiKey: app.apiKey,
      appliesOnOneTimePurchase: true,
      appliesOnSubscription: false,
      recurringCycleLimit: 1,
      basic: null,
      customerIds: null,
    });
    for (const code of ["KEEP1", "GONE1", "GONE2"])
      addRedeemCode(first, shop, discount.id, code, null);
    const gone = ["GONE1", "GONE2"].map((code) => findRedeemCode(first, shop, code)!.redeemCode.id);
    startRedeemCodeBulkDelete(first, shop, discount.id, gone);
    saved.changed();
    saved.close();
    expect(readFileSync(file, "utf8")).toContain("KEEP1");

    const second = createEmulatorState({ now: clock.now });
    keepStateInFile(second, file).close();
    const restored = requireShop(second, DEMO_SHOP);
    expect(authenticateAccessToken(second, DEMO_SHOP, token)).not.toBeNull();
    expect(findRedeemCode(second, restored, "keep1")?.redeemCode.code).toBe("KEEP1");
    expect(codesOfDiscount(restored, discount.id).map((c) => c.code)).toEqual([
      "KEEP1",
      "GONE1",
      "GONE2",
    ]);
    // The deletion queued before the restart runs when it is due.
    clock.advance(1000);
    settleJobs(second, restored);
    expect(codesOfDiscount(restored, discount.id).map((c) => c.code)).toEqual(["KEEP1"]);
    // Ids carry on past the saved ones.
    expect(second.ids.next).toBe(first.ids.next);
    expect(second.ids.next > 2n ** 53n).toBe(true);
  });
});
