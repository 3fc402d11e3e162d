// Uploaded CSV files, streamed through csv-parse with the settings both uploads use (codes,
// customer lists): a byte-order mark, ',' ';' or tab between cells (spreadsheets in many European
// locales use ';'), loose quotes and column counts, blank lines skipped, each record with its line.
import { parse, type Parser } from "csv-parse";
import { Readable, pipeline } from "node:stream";
import { setImmediate as eventLoopTurn } from "node:timers/promises";

/** Upload bytes: a Node Readable, any async iterable, or a web stream such as `file.stream()`. */
export type CsvInput = AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>;

/** The parser over `source`, and a promise settled once both are closed (an upload cancelled). */
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

// Bytes parsed per turn of the event loop, so a large upload cannot starve the webhooks.
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
