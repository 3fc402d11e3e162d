// The form fields that name a bound campaign's customers, shared by the browser (the fields) and
// the server (reading them). Dependency-free so the browser bundle stays free of the CSV parser.

export const CUSTOMER_IDS_FIELD = "customerIds";
export const CUSTOMER_FILE_FIELD = "customersFile";

/** Most customers one list may name: their codes are issued in one transaction. */
export const MAX_CUSTOMERS = 100_000;
