// Reads the customers a bound campaign issues codes to, pasted or as a CSV file (such as Shopify's
// customer export), all or nothing; ids are kept as canonical bare numbers (decision 003).
import { CsvError } from "csv-parse";
import { chunks, openCsvRecords, type CsvInput } from "../codes/csv-stream";
import { fail, ok, type Result } from "../result";
import { MAX_CUSTOMERS } from "./bound-campaign";
/** Problems listed at most; a wrong file would otherwise list one per line. */
const MAX_PROBLEMS = 100;
const MAX_RECORD_BYTES = 64 * 1024;

export interface CustomerEntry {
  /** Canonical numeric customer id. */
  id: string;
  /** 1-based line of the list or file it came from. */
  line: number;
}

export interface CustomerProblem {
  /** 1-based line; null for a problem with the whole list. */
  line: number | null;
  message: string;
}

/** `whole_list`: a problem with the list as a whole (no ids given, both ways given, too large). */
export type CustomerListCode = "no_customers" | "line_problems" | "whole_list";

export type CustomerListResult = Result<
  { customers: CustomerEntry[] },
  CustomerListCode,
  { problems: CustomerProblem[] }
>;

/** A list refused as a whole: its one problem is also its message. */
export function wholeListProblem(message: string): CustomerListResult {
  return fail("whole_list", message, { problems: [{ line: null, message }] });
}

const GID_PREFIX = "gid://shopify/Customer/";
const HEADERS = ["customer id", "id"];

export type CustomerIdCode = "scientific_notation" | "leading_zero" | "email" | "not_an_id";
export type CustomerIdResult = Result<{ id: string }, CustomerIdCode>;

/** One cell or line read as a customer id, or why it is not one. */
export function readCustomerId(raw: string): CustomerIdResult {
  const cell = raw.trim().replace(/^'/, "");
  const number = cell.startsWith(GID_PREFIX) ? cell.slice(GID_PREFIX.length) : cell;
  if (/^[1-9]\d{0,19}$/.test(number)) return ok({ id: number });
  if (/^\d+(\.\d+)?E\+\d+$/i.test(cell)) {
    return fail(
      "scientific_notation",
      `"${cell}" is a customer id a spreadsheet shortened to scientific notation. Format the column as text and export again.`,
    );
  }
  if (/^0\d*$/.test(number)) {
    return fail(
      "leading_zero",
      `"${shorten(cell)}" is not a customer id: ids do not start with 0.`,
    );
  }
  if (cell.includes("@")) {
    return fail(
      "email",
      `"${shorten(cell)}" looks like an email address; give the customer's id (the number at the end of the customer's page address in Shopify admin).`,
    );
  }
  return fail(
    "not_an_id",
    `"${shorten(cell)}" is not a customer id. Give the number (7012345678901) or gid://shopify/Customer/7012345678901.`,
  );
}

/** Customers typed or pasted into the form: one id a line, blank lines skipped. */
export function parseCustomerText(text: string): CustomerListResult {
  const collector = new Collector();
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (line.trim() !== "") collector.add(line, index + 1);
  });
  return collector.result();
}

/** Customers from an uploaded CSV file (a web stream such as `file.stream()`, or any bytes). */
export async function parseCustomerCsv(input: CsvInput): Promise<CustomerListResult> {
  const { parser, closed } = openCsvRecords(chunks(input), MAX_RECORD_BYTES);
  const collector = new Collector();
  let column = -1;
  try {
    for await (const { record, info } of parser as AsyncIterable<ParsedRecord>) {
      if (record.every((cell) => cell.trim() === "")) continue;
      const line = info.lines;
      if (column === -1) {
        column = record.findIndex((cell) => HEADERS.includes(cell.trim().toLowerCase()));
        if (column !== -1) continue;
        column = 0;
        if (!readCustomerId(record[0] ?? "").ok) {
          collector.fail({
            line: null,
            message:
              'The file has no "Customer ID" column. Upload the customer export from Shopify admin (Customers › Export), or a CSV file whose first column holds customer ids.',
          });
          break;
        }
      }
      collector.add(record[column] ?? "", line);
      if (collector.full) break;
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    collector.fail({
      line: typeof error.lines === "number" ? error.lines : null,
      message:
        error.code === "CSV_MAX_RECORD_SIZE"
          ? "A row is far longer than a customer export's; this does not look like a list of customers."
          : `The file is not valid CSV (${error.message}). Save it from your spreadsheet as “CSV UTF-8” and upload it again.`,
    });
  }
  await closed;
  return collector.result();
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

class Collector {
  private readonly firstLine = new Map<string, number>();
  private readonly problems: CustomerProblem[] = [];
  private hidden = 0;
  private rows = 0;

  get full(): boolean {
    return this.rows > MAX_CUSTOMERS;
  }

  add(raw: string, line: number): void {
    if (++this.rows > MAX_CUSTOMERS) {
      this.fail({
        line,
        message: `The list names more than ${MAX_CUSTOMERS.toLocaleString("en-US")} customers; issue at most that many at a time.`,
      });
      return;
    }
    const read = readCustomerId(raw);
    if (!read.ok) return this.fail({ line, message: read.message });
    const earlier = this.firstLine.get(read.id);
    if (earlier !== undefined) {
      return this.fail({ line, message: `Customer ${read.id} is already on line ${earlier}.` });
    }
    this.firstLine.set(read.id, line);
  }

  fail(problem: CustomerProblem): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
    else this.hidden++;
  }

  result(): CustomerListResult {
    if (this.problems.length > 0) {
      const problems = [...this.problems];
      if (this.hidden > 0) {
        problems.push({
          line: null,
          message: `…and ${this.hidden.toLocaleString("en-US")} more problems.`,
        });
      }
      return fail("line_problems", "Correct the list of customers: see the problems below.", {
        problems,
      });
    }
    if (this.firstLine.size === 0) {
      const message = "The list names no customers.";
      return fail("no_customers", message, { problems: [{ line: null, message }] });
    }
    return ok({ customers: [...this.firstLine].map(([id, line]) => ({ id, line })) });
  }
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
