// The customers a form names (the create form, the campaign page's "issue codes"): ids in a text
// box, or a CSV file read as it arrives, so a large file never holds the process (decision 012).
import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { setImmediate as eventLoopTurn } from "node:timers/promises";
import {
  parseCustomerCsv,
  parseCustomerText,
  wholeListProblem,
  type CustomerListResult,
} from "./customer-list";
import { CUSTOMER_FILE_FIELD, CUSTOMER_IDS_FIELD } from "./bound-campaign";
import { fail, type Result } from "../result";

/** Larger than a 100,000-customer Shopify export (about 30 MB with every column). */
export const MAX_CUSTOMER_FILE_BYTES = 64 * 1024 * 1024;
// The other fields: a pasted list of 100,000 GIDs is about 3.5 MB.
const MAX_FIELD_BYTES = 8 * 1024 * 1024;

export interface CustomerUpload {
  form: FormData;
  /** The uploaded customer file, read; null when none was chosen. */
  customerFile: CustomerListResult | null;
}

export type CustomerUploadCode = "form_too_large";
export type CustomerUploadResult = Result<{ upload: CustomerUpload }, CustomerUploadCode>;

export async function readCustomerUpload(request: Request): Promise<CustomerUploadResult> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    return { ok: true, upload: { form: await request.formData(), customerFile: null } };
  }
  let customerFile: CustomerListResult | null = null;
  try {
    const form = await parseMultipartFormData(
      request,
      composeUploadHandlers(
        async (part) => {
          if (part.name !== CUSTOMER_FILE_FIELD) return undefined;
          customerFile = await readCustomerFile(part.data);
          // Read already: nothing of the file is kept in the form.
          return "";
        },
        createMemoryUploadHandler({ maxPartSize: MAX_FIELD_BYTES }),
      ),
    );
    return { ok: true, upload: { form, customerFile } };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return fail("form_too_large", "The form is too large: paste at most 100,000 customers.");
    }
    throw error;
  }
}

/** The file's customers, or null for the empty part a browser sends when no file was chosen. */
async function readCustomerFile(
  data: AsyncIterable<Uint8Array>,
): Promise<CustomerListResult | null> {
  const source = data[Symbol.asyncIterator]();
  let size = 0;
  let tooLarge = false;
  async function* limited(): AsyncGenerator<Uint8Array> {
    for (let next = await source.next(); !next.done; next = await source.next()) {
      size += next.value.byteLength;
      if (size > MAX_CUSTOMER_FILE_BYTES) {
        tooLarge = true;
        return;
      }
      yield next.value;
    }
  }
  const parsed = await parseCustomerCsv(limited());
  // The reader may stop early; the rest of the part is read and dropped so later fields arrive,
  // a turn of the event loop a chunk (a stream already buffered would otherwise be read to its
  // end in microtasks, serving nothing else meanwhile).
  while (!(await source.next()).done) await eventLoopTurn();
  if (tooLarge) {
    return wholeListProblem(FILE_TOO_LARGE);
  }
  return size === 0 ? null : parsed;
}

const FILE_TOO_LARGE = "The file is larger than 64 MB; split it and issue the customers in parts.";

/**
 * The customers the form names. `customerFile`: the file as read while it was uploaded
 * (readCustomerUpload); without it, a file held in the form is read here.
 */
export async function readCustomerList(
  form: FormData,
  customerFile?: CustomerListResult | null,
): Promise<CustomerListResult> {
  const text = form.get(CUSTOMER_IDS_FIELD);
  const file = form.get(CUSTOMER_FILE_FIELD);
  const hasText = typeof text === "string" && text.trim() !== "";
  const hasFile =
    customerFile !== undefined
      ? customerFile !== null
      : typeof file === "object" && file !== null && file.size > 0;
  if (hasText && hasFile) {
    return wholeListProblem("Give the customers either in the box or as a file, not both.");
  }
  if (customerFile && hasFile) return customerFile;
  if (hasFile && typeof file === "object" && file !== null) {
    if (file.size > MAX_CUSTOMER_FILE_BYTES) return wholeListProblem(FILE_TOO_LARGE);
    return parseCustomerCsv(file.stream());
  }
  if (hasText) return parseCustomerText(text);
  return wholeListProblem(
    "Give at least one customer: type their ids, one a line, or upload a CSV file.",
  );
}
