import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";

import { exportCsv, neutraliseCell, type CsvColumn } from "./csv-export";

interface Row {
  code: string;
  status: string;
  partner: string | null;
  redeemedAt?: Date;
  amount?: number;
}

const columns: CsvColumn<Row>[] = [
  { header: "code", value: (r) => r.code },
  { header: "status", value: (r) => r.status },
  { header: "partner", value: (r) => r.partner },
  { header: "redeemed_at", value: (r) => r.redeemedAt },
  { header: "amount", value: (r) => r.amount },
];

async function csvText(rows: AsyncIterable<Row> | Iterable<Row>, bom = true) {
  return (await buffer(exportCsv(rows, columns, { bom }))).toString("utf8");
}

describe("exportCsv", () => {
  it("writes a header and one CRLF line per row, after a UTF-8 byte-order mark", async () => {
    const rows: Row[] = [
      {
        code: "VIP-7KQ2",
        status: "redeemed",
        partner: "Café Müller, GmbH",
        redeemedAt: new Date("2026-11-02T10:00:00Z"),
        amount: 12.5,
      },
      { code: "VIP-M9XD", status: "live", partner: null },
    ];
    expect(await csvText(rows)).toBe(
      "\uFEFFcode,status,partner,redeemed_at,amount\r\n" +
        'VIP-7KQ2,redeemed,"Café Müller, GmbH",2026-11-02T10:00:00.000Z,12.5\r\n' +
        "VIP-M9XD,live,,,\r\n",
    );
    expect(await csvText([], false)).toBe("code,status,partner,redeemed_at,amount\r\n");
  });

  it("neutralises cells a spreadsheet would run as a formula", async () => {
    const partners = [
      '=HYPERLINK("http://evil")',
      "+1+cmd|' /C calc'!A0",
      "@SUM(1)",
      "\t=1",
      "\r=1",
      "-2+3",
    ];
    const rows = partners.map((partner) => ({ code: "A1", status: "live", partner }));
    const read = parse(await csvText(rows, false), { columns: true }) as Record<string, string>[];
    expect(read.map((r) => r.partner)).toEqual(partners.map((p) => `'${p}`));
  });

  it("neutralises cells beginning with '-' like '=', '+' and '@', codes included", async () => {
    const rows = [{ code: "-10OFF_VIP", status: "live", partner: "-" }];
    expect(await csvText(rows, false)).toContain(`\r\n"'-10OFF_VIP",live,"'-",,\r\n`);
  });

  it("only ever neutralises by prefixing a quote, and leaves nothing runnable", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 64 }), (cell) => {
        const safe = neutraliseCell(cell);
        expect([cell, `'${cell}`]).toContain(safe);
        expect(safe).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });

  it("pulls rows only as the reader reads, and stops the source when the reader stops", async () => {
    let produced = 0;
    let closed = false;
    async function* endless() {
      try {
        for (;;) {
          produced++;
          yield { code: `CODE-${produced}`, status: "live", partner: null };
        }
      } finally {
        closed = true;
      }
    }
    const stream = exportCsv(endless(), columns);
    for await (const chunk of stream) {
      expect((chunk as Buffer).length).toBeGreaterThan(0);
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
    expect(produced).toBeLessThan(10_000);
  });

  it("fails the download when the row source fails, instead of ending it short", async () => {
    async function* failing() {
      yield { code: "A1", status: "live", partner: null };
      throw new Error("database cursor lost");
    }
    await expect(buffer(exportCsv(failing(), columns))).rejects.toThrow("database cursor lost");
  });
});
