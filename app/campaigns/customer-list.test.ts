import { describe, expect, it } from "vitest";
import {
  parseCustomerCsv,
  parseCustomerText,
  readCustomerId,
  type CustomerIdCode,
  type CustomerListCode,
} from "./customer-list";
import { readCustomerList } from "./customer-list-form.server";

const csv = (text: string) => parseCustomerCsv(new Blob([text]).stream());

describe("reading customer ids", () => {
  it("accepts numbers and GIDs, kept as the bare number the function's tag is computed over", () => {
    expect(readCustomerId(" 7012345678901 ")).toEqual({ ok: true, id: "7012345678901" });
    expect(readCustomerId("gid://shopify/Customer/42")).toEqual({ ok: true, id: "42" });
    expect(readCustomerId("'7012345678901")).toEqual({ ok: true, id: "7012345678901" });
  });

  it("refuses what would bind a code to nobody, saying why", () => {
    expect(readCustomerId("0042")).toMatchObject({ ok: false, message: /do not start with 0/ });
    expect(readCustomerId("7.01235E+12")).toMatchObject({ ok: false, message: /scientific/ });
    expect(readCustomerId("ada@example.com")).toMatchObject({ ok: false, message: /email/ });
    expect(readCustomerId("gid://shopify/Order/42")).toMatchObject({ ok: false });
    expect(readCustomerId("1".repeat(21))).toMatchObject({ ok: false });
  });
});

describe("a pasted list of customers", () => {
  it("reads one id a line, skipping blank lines, with each one's line", () => {
    const result = parseCustomerText("101\r\n\n gid://shopify/Customer/102 \n103\n");
    expect(result).toEqual({
      ok: true,
      customers: [
        { id: "101", line: 1 },
        { id: "102", line: 3 },
        { id: "103", line: 4 },
      ],
    });
  });

  it("reports every bad line and every duplicate, and returns no customer", () => {
    const result = parseCustomerText("101\nbob\n102\ngid://shopify/Customer/101\n102");
    expect(result).toEqual({
      ok: false,
      code: "line_problems",
      message: "Correct the list of customers: see the problems below.",
      problems: [
        { line: 2, message: expect.stringMatching(/"bob" is not a customer id/) },
        { line: 4, message: "Customer 101 is already on line 1." },
        { line: 5, message: "Customer 102 is already on line 3." },
      ],
    });
  });

  it("refuses an empty list", () => {
    expect(parseCustomerText(" \n\n")).toEqual({
      ok: false,
      code: "no_customers",
      message: "The list names no customers.",
      problems: [{ line: null, message: "The list names no customers." }],
    });
  });
});

describe("a CSV file of customers", () => {
  it("uses the Customer ID column of Shopify's customer export and ignores the rest", async () => {
    const exported = [
      "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Total Spent,Tags",
      '\'7012345678901,Ada,Lovelace,ada@example.com,yes,120.00,"vip, early"',
      "'7012345678902,Grace,Hopper,grace@example.com,no,0.00,",
      "",
    ].join("\r\n");
    expect(await csv(`\ufeff${exported}`)).toEqual({
      ok: true,
      customers: [
        { id: "7012345678901", line: 2 },
        { id: "7012345678902", line: 3 },
      ],
    });
  });

  it("finds an id column anywhere, and takes a file of bare ids without a header", async () => {
    expect(await csv("Email;ID\nada@example.com;11\n")).toMatchObject({
      ok: true,
      customers: [{ id: "11", line: 2 }],
    });
    expect(await csv("11\n12\n")).toMatchObject({
      ok: true,
      customers: [{ id: "11" }, { id: "12" }],
    });
  });

  it("says so when the file has no customer ids at all", async () => {
    const result = await csv("First Name,Email\nAda,ada@example.com\n");
    expect(result).toEqual({
      ok: false,
      code: "line_problems",
      message: "Correct the list of customers: see the problems below.",
      problems: [{ line: null, message: expect.stringMatching(/no "Customer ID" column/) }],
    });
  });

  it("reports bad rows and duplicates by line", async () => {
    const result = await csv("Customer ID,Email\n11,a@x\n,b@x\n11,c@x\n");
    expect(result).toEqual({
      ok: false,
      code: "line_problems",
      message: "Correct the list of customers: see the problems below.",
      problems: [
        { line: 3, message: expect.stringMatching(/is not a customer id/) },
        { line: 4, message: "Customer 11 is already on line 2." },
      ],
    });
  });
});

describe("failure codes", () => {
  it.each([
    ["scientific_notation", "7.01235E+12"],
    ["leading_zero", "0042"],
    ["email", "ada@example.com"],
    ["not_an_id", "gid://shopify/Order/42"],
  ] satisfies [CustomerIdCode, string][])("a customer id answers %s", (code, raw) => {
    expect(readCustomerId(raw)).toMatchObject({
      ok: false,
      code,
      message: expect.stringMatching(/^\S.*\.$/),
    });
  });

  it.each([
    ["no_customers", () => parseCustomerText("\n")],
    ["line_problems", () => parseCustomerText("bob")],
    ["whole_list", () => readCustomerList(new FormData())],
  ] satisfies [CustomerListCode, () => unknown][])(
    "a customer list answers %s",
    async (code, read) => {
      expect(await read()).toMatchObject({
        ok: false,
        code,
        message: expect.stringMatching(/^\S.*\.$/),
      });
    },
  );
});
