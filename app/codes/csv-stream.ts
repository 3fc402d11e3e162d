// Uploaded CSV files, streamed through csv-parse with the settings both uploads use (codes,
// customer lists): a byte-order mark, ',' ';' or tab between cells (spreadsheets in many European
// locales use ';'), loose quotes and column counts, blank lines skipped, each record with its line.
import { parse, type Parser } from "csv-parse";
import { Readable, pipeline } from "node:stream";
import { setImmediate as eventLoopTurn } from "node:timers/promises";

/** Upload bytes: a Node Readable, any async iterable, or a web stream such as `file.stream()`. */
export type CsvInput = AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>;

/**
 * The parser over `source`, and a promise settled once both are closed. pipeline destroys the
 * parser with any source error, which the reader's loop then throws; awaiting `closed` before
 * returning means an abandoned upload has been cancelled.
 */
export function openCsvRecords(
  source: AsyncIterable<Uint8Array | string>,
  maxRecordBytes: number,
): { parser: Parser; closed: Promise<void> } {
  const parser = parse({
    bom: true,
    delimiter: [",", ";", "\t"],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: maxRecordBytes,
  });
  const closed = new Promise<void>((resolve) =>
    pipeline(Readable.from(inTurns(source)), parser, () => resolve()),
  );
  return { parser, closed };
}

// Bytes parsed per turn of the event loop (a few thousand rows). The parser turns a chunk into
// records at once and the reader's `for await` takes them in microtasks, so a whole 1.5 MB upload
// in one chunk kept the process from serving anything else, webhooks included, for seconds.
const PIECE = 64 * 1024;

async function* inTurns(
  source: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of source) {
    for (let start = 0; start < chunk.length; start += PIECE) {
      yield chunk.slice(start, start + PIECE);
      await eventLoopTurn();
    }
  }
}

// TypeScript's DOM types do not declare web streams async-iterable, so read them by hand.
export async function* chunks(input: CsvInput): AsyncGenerator<Uint8Array | string> {
  if (!("getReader" in input)) return yield* input;
  const reader = input.getReader();
  let done = false;
  try {
    while (!done) {
      const next = await reader.read();
      done = next.done;
      if (next.value) yield next.value;
    }
  } finally {
    // Stopped early (row limit, not CSV): tell the upload we no longer want it.
    if (!done) await reader.cancel();
    reader.releaseLock();
  }
}
