import { describe, expect, it } from "vitest";
import { describeTimeZone, formatInZone, instantToWallTime, wallTimeToInstant } from "./zoned-time";

describe("wall-clock times in a shop's time zone", () => {
  it("reads a datetime-local value on the zone's clock, whatever the process's zone", () => {
    expect(wallTimeToInstant("2027-03-01T09:00", "America/Los_Angeles")?.toISOString()).toBe(
      "2027-03-01T17:00:00.000Z",
    );
    expect(wallTimeToInstant("2027-07-01T09:00", "America/Los_Angeles")?.toISOString()).toBe(
      "2027-07-01T16:00:00.000Z",
    );
    expect(wallTimeToInstant("2027-03-01T09:00", "Asia/Tokyo")?.toISOString()).toBe(
      "2027-03-01T00:00:00.000Z",
    );
  });

  it("reads a time skipped by DST as the clock after the change, a repeated one as the first", () => {
    // 2027-03-14 02:30 does not exist in Los Angeles: clocks go from 02:00 PST to 03:00 PDT.
    expect(wallTimeToInstant("2027-03-14T02:30", "America/Los_Angeles")?.toISOString()).toBe(
      "2027-03-14T10:30:00.000Z",
    );
    // 2027-11-07 01:30 happens twice; the first is still PDT.
    expect(wallTimeToInstant("2027-11-07T01:30", "America/Los_Angeles")?.toISOString()).toBe(
      "2027-11-07T08:30:00.000Z",
    );
  });

  it("refuses text that is not a date and time, or a day that does not exist", () => {
    expect(wallTimeToInstant("tomorrow", "UTC")).toBeNull();
    expect(wallTimeToInstant("2027-02-30T09:00", "UTC")).toBeNull();
  });

  it("writes instants back on the zone's clock, with the zone named", () => {
    const instant = new Date("2027-03-01T17:00:00Z");
    expect(instantToWallTime(instant, "America/Los_Angeles")).toBe("2027-03-01T09:00");
    expect(formatInZone(instant, "America/Los_Angeles")).toBe("Mar 1, 2027, 9:00 AM PST");
    expect(describeTimeZone("Asia/Tokyo", instant)).toBe("Asia/Tokyo (GMT+09:00)");
  });
});
