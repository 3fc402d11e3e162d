// Streams rows (codes with their status, partner, ...) out as CSV in constant memory: rows are
// pulled from the caller's async iterable only as fast as the consumer reads, so a million
// codes never sit in memory at once. Errors from the row source (a failed database cursor)
// destroy the returned stream, so a download fails visibly instead of ending short.
//
// CSV injection (OWASP "CSV Injection"): a spreadsheet treats a cell beginning with '=', '+',
// '-', '@', a tab or a carriage return as a formula, and a formula can call functions
// (HYPERLINK, WEBSERVICE) or, in Excel, DDE ("=cmd|' /C calc'!A0") to run commands. OWASP's
// fix is to prefix such cells with a single quote and quote the field; we do that for every such
// cell, a code beginning with '-' included (only imported codes can: format.ts refuses a leading
// '-'). Spreadsheets show the quote as a text marker, not as part of the code, and a value that
// merely looks inert today is not worth a rule that differs from the one reviewers check for.

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

/** The cell as a spreadsheet will show it without running it (see the top of this file). */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * The cell as written before neutraliseCell, for reading our own exports back: a code never
 * contains a quote (codes/code-problems.ts), so a leading quote before a formula character is ours.
 */
export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
