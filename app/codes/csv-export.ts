// Streams rows out as CSV in constant memory; a cell a spreadsheet would run as a formula gets a
// leading quote (docs/decisions/016-how-codes-leave.md).

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

/** CSV bytes (header first, CRLF line ends) for `rows`, one field per column. */
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

/** The cell before neutraliseCell: a code never holds a quote, so a leading one is ours. */
export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
