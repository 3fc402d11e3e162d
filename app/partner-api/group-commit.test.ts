import { describe, expect, it } from "vitest";
import { groupCommit } from "./group-commit";

describe("groupCommit", () => {
  it("writes items queued while a write runs together, never two with one exclusive key", async () => {
    const groups: string[][] = [];
    const take = groupCommit<string, string>({
      write: async (items) => {
        groups.push(items);
        return items.map((item) => item.toUpperCase());
      },
      maxInFlight: 1,
      maxGroup: 3,
      exclusive: (item) => [item[0]!],
    });
    const answers = await Promise.all(["a1", "b1", "a2", "c1", "d1", "e1"].map((i) => take("", i)));
    expect(answers).toEqual(["A1", "B1", "A2", "C1", "D1", "E1"]);
    // a2 shares "a" with a1, so it waits; the first group fills up to three.
    expect(groups).toEqual([
      ["a1", "b1", "c1"],
      ["a2", "d1", "e1"],
    ]);
  });

  it("writes an item only after a group in flight holding its exclusive key has finished", async () => {
    const events: string[] = [];
    const take = groupCommit<string, string>({
      write: async (items) => {
        events.push(`start ${items.join(",")}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`end ${items.join(",")}`);
        return items;
      },
      maxInFlight: 3,
      maxGroup: 1,
      exclusive: (item) => [item[0]!],
    });
    await Promise.all(["a1", "a2", "b1"].map((i) => take("", i)));
    // b1 may run beside a1; a2 waits for a1's end although a write slot was free.
    expect(events.indexOf("start a2")).toBeGreaterThan(events.indexOf("end a1"));
    expect(events.indexOf("start b1")).toBeLessThan(events.indexOf("end a1"));
  });

  it("keeps keys apart and fails every item of a failed write", async () => {
    const groups: string[][] = [];
    const take = groupCommit<string, string>({
      write: async (items) => {
        groups.push(items);
        if (items.includes("bad")) throw new Error("the statement failed");
        return items;
      },
      maxInFlight: 2,
      maxGroup: 10,
    });
    const results = await Promise.allSettled([
      take("x", "bad"),
      take("x", "ok"),
      take("y", "other"),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "fulfilled"]);
    expect(groups).toEqual([["bad", "ok"], ["other"]]);
  });
});
