// CSV for large downloads: rows arrive in pages (keyset pagination) and each page leaves as one
// string, so a million rows are a few hundred large writes instead of a million small ones, and
// memory holds one page at a time. Cells follow the same rules as the per-row writer
// (codes/csv-export.ts): formula-looking cells are neutralised the same way, CRLF line ends, a BOM.
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

/** The CSV text of `pages`, header row first, one string per page. */
export async function* csvFromPages<Row>(
  pages: AsyncIterable<readonly Row[]>,
  columns: readonly CsvColumn<Row>[],
): AsyncGenerator<string> {
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

/**
 * A CSV download's Response, reading at most two pages ahead of what the client has taken: the
 * next page is read while the last one is on its way, and memory holds a few pages however slow
 * the client (the server waits for the socket to drain, app/server/app-server.ts). The high-water
 * mark counts chunks, and a chunk is one page. A failing page source errors the stream, so the
 * download fails visibly instead of ending short.
 */
export function csvResponse(chunks: AsyncIterable<string>, filename: string): Response {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 2 },
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
