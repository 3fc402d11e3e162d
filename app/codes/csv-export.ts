// Streams rows (codes with their status, partner, ...) out as CSV in constant memory: rows are
// pulled from the caller's async iterable only as fast as the consumer reads, so a million
// codes never sit in memory at once. Errors from the row source (a failed database cursor)
// destroy the returned stream, so a download fails visibly instead of ending short.
//
// CSV injection (OWASP "CSV Injection"): a spreadsheet treats a cell beginning with '=', '+',
// '-', '@', a tab or a carriage return as a formula, and a formula can call functions
// (HYPERLINK, WEBSERVICE) or, in Excel, DDE ("=cmd|' /C calc'!A0") to run commands. OWASP's
// fix is to prefix such cells with a single quote and quote the field; we do that, with one
// exception: a cell that starts with '-' and is otherwise only letters, digits, '-' and '_' is
// left untouched. Those characters cannot spell a function call (no parentheses) or DDE (no '|'
// or '!'), so such a cell is inert, and it is exactly what a discount code starting with '-'
// looks like (Shopify accepts them; a merchant may import some). Prefixing it, as
// csv-stringify's own `escape_formulas` option would, hands the merchant a code with a stray
// quote that fails at checkout. OneCode never mints such codes (format.ts refuses a leading
// '-'), so only imported ones can start with it.

import { stringify } from "csv-stringify";
import { Readable, pipeline } from "node:stream";

export type CellValue = string | number | bigint | boolean | Date | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CellValue;
}

export interface CsvExportOptions {
  /** Start with a UTF-8 byte-order mark so Excel reads non-ASCII text right; default true. */
  bom?: boolean;
}

/**
 * CSV bytes (header row first, CRLF line ends) for `rows`, one record per row, one field per
 * column. For a web Response: `new Response(Readable.toWeb(stream) as ReadableStream)`.
 */
export function exportCsv<Row>(
  rows: AsyncIterable<Row> | Iterable<Row>,
  columns: readonly CsvColumn<Row>[],
  options: CsvExportOptions = {},
): Readable {
  const stringifier = stringify({
    header: true,
    // Headers go through `cast` too, so they are neutralised like every other cell.
    columns: columns.map((column) => column.header),
    bom: options.bom ?? true,
    record_delimiter: "windows",
    cast: {
      string: (value) => {
        const safe = neutraliseCell(value);
        return safe === value ? value : { value: safe, quoted: true };
      },
      date: (value) => value.toISOString(),
      boolean: (value) => (value ? "true" : "false"),
    },
  });
  pipeline(Readable.from(records(rows, columns)), stringifier, () => {});
  return stringifier;
}

async function* records<Row>(
  rows: AsyncIterable<Row> | Iterable<Row>,
  columns: readonly CsvColumn<Row>[],
): AsyncGenerator<CellValue[]> {
  for await (const row of rows) yield columns.map((column) => column.value(row));
}

const FORMULA_START = /^[=+\-@\t\r]/;
const INERT_HYPHEN_TOKEN = /^-[A-Za-z0-9_-]*$/;

/** The cell as a spreadsheet will show it without running it (see the top of this file). */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) && !INERT_HYPHEN_TOKEN.test(value) ? `'${value}` : value;
}
