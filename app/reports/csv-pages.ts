// CSV for large downloads: rows arrive in pages (keyset pagination) and each page leaves as one
// string, so a million rows are a few hundred large writes instead of a million small ones, and
// memory holds one page at a time. Cells follow the same rules as the per-row writer
// (codes/csv-export.ts): formula-looking cells are neutralised the same way, CRLF line ends, a BOM.
import { Readable } from "node:stream";
import { neutraliseCell, type CellValue, type CsvColumn } from "../codes/csv-export";

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field, as csv-stringify with exportCsv's options would write it. */
export function csvField(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== "string") return String(value);
  const safe = neutraliseCell(value);
  if (safe !== value || NEEDS_QUOTES.test(safe)) return `"${safe.replace(/"/g, '""')}"`;
  return safe;
}

/** The CSV stream of `pages`, header row first; a failing page source destroys the stream. */
export function csvFromPages<Row>(
  pages: AsyncIterable<readonly Row[]>,
  columns: readonly CsvColumn<Row>[],
): Readable {
  async function* chunks(): AsyncGenerator<string> {
    yield `\ufeff${columns.map((c) => csvField(c.header)).join(",")}\r\n`;
    for await (const page of pages) {
      let text = "";
      for (const row of page) {
        let line = "";
        for (let i = 0; i < columns.length; i++) {
          if (i) line += ",";
          line += csvField(columns[i]!.value(row));
        }
        text += line + "\r\n";
      }
      if (text) yield text;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** A CSV download's Response. */
export function csvResponse(stream: Readable, filename: string): Response {
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
