// The two ways a form names customers: ids typed or pasted into a text box, or a CSV file (such
// as Shopify's customer export). The create form and the campaign page share these fields.
import { parseCustomerCsv, parseCustomerText, type CustomerListResult } from "./customer-list";
import { CUSTOMER_FILE_FIELD, CUSTOMER_IDS_FIELD } from "./customer-fields";
import { MAX_CUSTOMER_FILE_BYTES } from "./customer-list-upload.server";

/**
 * The customers the form names. `customerFile`: the file as read while it was uploaded
 * (customer-list-upload.server.ts); without it, a file held in the form is read here.
 */
export async function readCustomerFields(
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
  const whole = (message: string): CustomerListResult => ({
    ok: false,
    problems: [{ line: null, message }],
  });
  if (hasText && hasFile) {
    return whole("Give the customers either in the box or as a file, not both.");
  }
  if (customerFile && hasFile) return customerFile;
  if (hasFile && typeof file === "object" && file !== null) {
    if (file.size > MAX_CUSTOMER_FILE_BYTES) {
      return whole("The file is larger than 64 MB; split it and issue the customers in parts.");
    }
    return parseCustomerCsv(file.stream());
  }
  if (hasText) return parseCustomerText(text);
  return whole("Give at least one customer: type their ids, one a line, or upload a CSV file.");
}
