import fc from "fast-check";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";

import { exportCsv } from "./csv-export";
import { importCodesCsv, type CsvImportCode, type CsvImportResult } from "./csv-import";

const fromText = (text: string) => Readable.from([Buffer.from(text, "utf8")]);
const fromBytes = (...bytes: number[]) => Readable.from([Buffer.from(bytes)]);

function codes(result: CsvImportResult): string[] {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.codes;
}

function problems(result: CsvImportResult) {
  if (result.ok) throw new Error(`expected problems, got ${result.codes.length} codes`);
  return result.problems.map(({ line, code, reason }) => ({ line, code, reason }));
}

describe("importCodesCsv", () => {
  it("reads one code per row from the first column when there is no header", async () => {
    const result = await importCodesCsv(fromText("abc-123\nDEF_456\n"));
    expect(result).toEqual({ ok: true, codes: ["ABC-123", "DEF_456"], header: false });
  });

  it("reads the column named code when the first row is a header", async () => {
    const result = await importCodesCsv(fromText("Partner, Code ,note\nAcme,x1,hi\nBeta,x2\n"));
    expect(result).toEqual({ ok: true, codes: ["X1", "X2"], header: true });
  });

  it("handles a byte-order mark, CRLF, quoted cells and semicolons", async () => {
    const excel = '\uFEFFcode;partner\r\n"VIP-1";"Acme; Inc"\r\n"VIP-2";"Say ""hi"""\r\n';
    expect(codes(await importCodesCsv(fromText(excel)))).toEqual(["VIP-1", "VIP-2"]);
  });

  it("skips blank lines but reports a row whose code cell is empty", async () => {
    expect(codes(await importCodesCsv(fromText("A1\n\n\r\n  \nB2\n")))).toEqual(["A1", "B2"]);
    expect(problems(await importCodesCsv(fromText("code,partner\nA1,x\n,Acme\n")))).toEqual([
      { line: 3, code: "", reason: "empty" },
    ]);
  });

  it("reports every problem with its line, and returns no codes", async () => {
    const file = [
      "code", // 1
      "GOOD-1", // 2
      "10%OFF", // 3
      "A".repeat(256), // 4
      "good-1", // 5: same as line 2 once case is ignored
      "two words", // 6
      "GOOD-2", // 7
    ].join("\r\n");
    const result = await importCodesCsv(fromText(file));
    expect(problems(result)).toEqual([
      { line: 3, code: "10%OFF", reason: "invalid_characters" },
      { line: 4, code: `${"A".repeat(80)}…`, reason: "too_long" },
      { line: 5, code: "good-1", reason: "duplicate" },
      { line: 6, code: "two words", reason: "invalid_characters" },
    ]);
    expect(!result.ok && result.problems[2]?.message).toBe(
      "Same code as line 2 (codes are not case-sensitive).",
    );
  });

  it("counts lines inside a quoted cell that spans lines", async () => {
    const result = await importCodesCsv(fromText('code,note\nA%,"two\nlines"\nA1,x\nA1\n'));
    expect(problems(result)).toEqual([
      { line: 2, code: "A%", reason: "invalid_characters" },
      { line: 5, code: "A1", reason: "duplicate" },
    ]);
  });

  it("decodes a character split across chunks, and blames a file that is not UTF-8", async () => {
    const bytes = Buffer.from("CAFé\n", "utf8"); // 'é' is bytes 4 and 5
    const split = Readable.from([bytes.subarray(0, 4), bytes.subarray(4)]);
    expect(problems(await importCodesCsv(split))).toEqual([
      { line: 1, code: "CAFé", reason: "invalid_characters" },
    ]);

    const latin1 = await importCodesCsv(fromBytes(0x43, 0x41, 0x46, 0xe9, 0x0a));
    expect(!latin1.ok && latin1.problems[0]?.message).toContain("saved as UTF-8");
  });

  it("stops at the row limit with a clear error, even on an endless upload", async () => {
    async function* endless() {
      for (let i = 0; ; i++) yield `CODE${i}\n`;
    }
    const result = await importCodesCsv(endless(), { maxRows: 1_000 });
    expect(problems(result)).toEqual([{ line: 1_001, code: "", reason: "too_many_rows" }]);
    expect(!result.ok && result.problems[0]?.message).toContain("more than 1,000 codes");
  });

  it("does not count the header against the row limit", async () => {
    expect(codes(await importCodesCsv(fromText("code\nA\nB\n"), { maxRows: 2 }))).toEqual([
      "A",
      "B",
    ]);
  });

  it("recognises files that are not CSV", async () => {
    const cases = [
      [fromBytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00), ".xlsx"],
      [fromBytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1), ".xls"],
      [Readable.from([Buffer.from("\uFEFFcode\r\n", "utf16le")]), "UTF-16"],
      [fromText("%PDF-1.7\n"), "PDF"],
      [Readable.from([Buffer.from("A1\n"), Buffer.from([0x41, 0x00, 0x0a])]), "not plain text"],
      [fromText(`${"X".repeat(70_000)}\n`), "does not look like a file of codes"],
    ] as const;
    for (const [input, words] of cases) {
      const result = await importCodesCsv(input);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.problems[0]?.reason).toBe("not_csv");
      expect(!result.ok && result.problems[0]?.message).toContain(words);
    }
  });

  it("refuses a file that ends inside a quoted cell", async () => {
    const result = await importCodesCsv(fromText('code\nA1\n"B2\nC3\n'));
    expect(!result.ok && result.problems.at(-1)).toMatchObject({ reason: "malformed_csv" });
  });

  it("refuses a file without codes", async () => {
    for (const text of ["", "code\n", "\n\n"]) {
      expect(problems(await importCodesCsv(fromText(text)))).toEqual([
        { line: null, code: "", reason: "no_codes" },
      ]);
    }
  });

  it("accepts a web ReadableStream, as an uploaded File gives", async () => {
    const file = new Blob(["code\r\nweb-1\r\n"]);
    expect(codes(await importCodesCsv(file.stream()))).toEqual(["WEB-1"]);
  });

  it("cancels an upload it stops reading", async () => {
    let cancelled = false;
    let row = 0;
    const upload = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new TextEncoder().encode(`CODE${row++}\n`)),
      cancel: () => {
        cancelled = true;
      },
    });
    expect((await importCodesCsv(upload, { maxRows: 10 })).ok).toBe(false);
    expect(cancelled).toBe(true);
  });

  it("reads back exactly the codes OneCode exports", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.stringMatching(/^[A-Z0-9_-]{1,20}$/), { minLength: 1, maxLength: 50 }),
        async (list) => {
          const csv = await buffer(exportCsv(list, [{ header: "code", value: (c) => c }]));
          expect(codes(await importCodesCsv(Readable.from([csv])))).toEqual(list);
        },
      ),
    );
  });
});

describe("every refusal of a file has its code", () => {
  const cases: Record<CsvImportCode, [string, string]> = {
    rows_refused: ["code\nA%\nB%\n", "The file has 2 problems."],
    no_codes: ["code\n\n", "The file holds no codes."],
  };
  it.each(Object.entries(cases))("%s", async (code, [text, message]) => {
    const result = await importCodesCsv(fromText(text));
    expect(result).toMatchObject({ ok: false, code, message });
    expect(!result.ok && result.problems.length).toBeGreaterThan(0);
  });
});
