// Reads merchant codes from an uploaded CSV, streamed, all or nothing: every code, or every
// problem by line. One code a row: the "code" column if the first row names one, else the first.

import { CsvError } from "csv-parse";
import { chunks, openCsvRecords, type CsvInput } from "./csv-stream";

import { restoreCell } from "./csv-export";
import { normalizeCode } from "@onecode/checkout-rules/normalize";
import { codeProblems, type CodeProblemReason } from "./code-problems";
import { fail, type Result } from "../result";

export const DEFAULT_MAX_ROWS = 1_000_000;
/** A longer record means the file is not a list of codes; refusing it bounds memory. */
const MAX_RECORD_BYTES = 64 * 1024;
/** Codes quoted in messages are cut to this many characters. */
const SHOWN_CHARS = 80;

export interface CsvImportOptions {
  /** Most data rows accepted (the header does not count). */
  maxRows?: number;
}

export type ImportProblemReason =
  CodeProblemReason | "duplicate" | "too_many_rows" | "not_csv" | "malformed_csv" | "no_codes";

export interface ImportProblem {
  /** 1-based line in the file where the row starts; null for a problem with the whole file. */
  line: number | null;
  /** The cell as written (trimmed, shortened if very long); "" for whole-file problems. */
  code: string;
  reason: ImportProblemReason;
  message: string;
}

export type CsvImportCode = "rows_refused" | "no_codes";

export type CsvImportResult = Result<
  { codes: string[]; header: boolean },
  CsvImportCode,
  { problems: ImportProblem[] }
>;

export async function importCodesCsv(
  input: CsvInput,
  options: CsvImportOptions = {},
): Promise<CsvImportResult> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const { parser, closed } = openCsvRecords(textBytes(input), MAX_RECORD_BYTES);

  const problems: ImportProblem[] = [];
  const firstLine = new Map<string, number>();
  let column = -1;
  let header = false;
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<ParsedRecord>) {
      const line = info.lines - lineBreaks(record);
      if (column === -1) {
        column = record.findIndex((cell) => cell.trim().toLowerCase() === "code");
        header = column !== -1;
        if (header) continue;
        column = 0;
      }
      if (record.every((cell) => cell.trim() === "")) continue;
      if (++rows > maxRows) {
        problems.push({
          line,
          code: "",
          reason: "too_many_rows",
          message: `The file has more than ${maxRows.toLocaleString("en-US")} codes; import at most that many at a time.`,
        });
        break;
      }
      const cell = record[column] ?? "";
      const code = normalizeCode(restoreCell(cell));
      const shown = shorten(cell.trim());
      const found = codeProblems(code);
      for (const problem of found) problems.push({ line, code: shown, ...problem });
      if (found.length > 0) continue;
      const earlier = firstLine.get(code);
      if (earlier === undefined) firstLine.set(code, line);
      else {
        problems.push({
          line,
          code: shown,
          reason: "duplicate",
          message: `Same code as line ${earlier} (codes are not case-sensitive).`,
        });
      }
    }
  } catch (error) {
    problems.push(fileProblem(error));
  }
  await closed;
  if (problems.length > 0) {
    const count = `${problems.length.toLocaleString("en-US")} problem${problems.length === 1 ? "" : "s"}`;
    return fail("rows_refused", `The file has ${count}.`, { problems });
  }
  if (firstLine.size === 0) {
    const message = "The file holds no codes.";
    return fail("no_codes", message, {
      problems: [{ line: null, code: "", reason: "no_codes" as const, message }],
    });
  }
  return { ok: true, codes: [...firstLine.keys()], header };
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

// csv-parse reports the line a record ends on; a quoted cell may span lines.
function lineBreaks(record: string[]): number {
  let breaks = 0;
  for (const cell of record) for (const ch of cell) if (ch === "\n" || ch === "\r") breaks++;
  return breaks;
}

function shorten(cell: string): string {
  const chars = [...cell];
  return chars.length > SHOWN_CHARS ? `${chars.slice(0, SHOWN_CHARS).join("")}…` : cell;
}

class NotCsvError extends Error {}

const SAVE_AS_CSV = "Save or export it from your spreadsheet app as “CSV UTF-8” and upload that.";

// CSV is text: a NUL byte never occurs in it, and common binary look-alikes get a named message.
async function* textBytes(input: CsvInput): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let first = true;
  for await (const chunk of chunks(input)) {
    const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
    if (first && bytes.length > 0) {
      first = false;
      const kind = binaryKind(bytes);
      if (kind) throw new NotCsvError(`This file is ${kind}, not a CSV file. ${SAVE_AS_CSV}`);
    }
    if (bytes.includes(0)) {
      throw new NotCsvError(`This file is not plain text, so not a CSV file. ${SAVE_AS_CSV}`);
    }
    yield bytes;
  }
}

function binaryKind(head: Uint8Array): string | null {
  const starts = (...magic: number[]) => magic.every((byte, i) => head[i] === byte);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return "a workbook or archive (.xlsx, .numbers or .zip)";
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return "an Excel 97–2004 workbook (.xls)";
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return "UTF-16 (“Unicode”) text";
  if (starts(0x25, 0x50, 0x44, 0x46)) return "a PDF document";
  return null;
}

function fileProblem(error: unknown): ImportProblem {
  const problem = (message: string, reason: ImportProblemReason = "malformed_csv") => ({
    line: error instanceof CsvError && typeof error.lines === "number" ? error.lines : null,
    code: "",
    reason,
    message,
  });
  if (error instanceof NotCsvError) return { ...problem(error.message, "not_csv"), line: null };
  if (!(error instanceof CsvError)) throw error;
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return {
        ...problem(
          "The file ends inside a quoted cell: a '\"' was opened and never closed. Look for a stray quote.",
        ),
        line: null,
      };
    case "CSV_MAX_RECORD_SIZE":
      return problem(
        `A row is longer than ${MAX_RECORD_BYTES.toLocaleString("en-US")} bytes, so this does not look like a file of codes.`,
        "not_csv",
      );
    default:
      return problem(`The file is not valid CSV: ${error.message}`);
  }
}
