import { describe, expect, it } from "vitest";
import { storableJson, storableValue } from "./storable-text";

describe("storableJson", () => {
  it("replaces every NUL escape, also several in a row, and leaves escaped backslashes alone", () => {
    const json = JSON.stringify({ a: "x\u0000\u0000y", b: "\\u0000", c: "\\\u0000" });
    const parsed = JSON.parse(storableJson(json)) as Record<string, string>;
    expect(parsed).toEqual({ a: "x\uFFFD\uFFFDy", b: "\\u0000", c: "\\\uFFFD" });
  });

  it("returns a text without NUL as it was", () => {
    const json = '{"name":"#1001"}';
    expect(storableJson(json)).toBe(json);
  });
});

describe("storableValue", () => {
  it("cleans strings and keys at any depth", () => {
    expect(storableValue({ "k\u0000": ["a\u0000", 1, null, { b: "\u0000" }] })).toEqual({
      "k\uFFFD": ["a\uFFFD", 1, null, { b: "\uFFFD" }],
    });
  });
});
