// The import form's file field, shared by the browser (the form) and the server (reading it).
export const CODES_FILE_FIELD = "codesFile";
