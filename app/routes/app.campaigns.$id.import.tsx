import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { fail } from "../result";
import { importCampaignCodes, MAX_IMPORT_BYTES } from "../partners/import-codes.server";
import { CODES_FILE_FIELD } from "../partners/import-fields";

// A CSV of the merchant's own codes into the campaign, all or nothing (posted by the campaign page).
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const actor = session.onlineAccessInfo?.associated_user.id?.toString() ?? "staff";
  const file = (await request.formData()).get(CODES_FILE_FIELD);
  if (typeof file !== "object" || file === null || file.size === 0) {
    return fail("no_file", "Choose a CSV file of codes to import.", { problems: [] });
  }
  if (file.size > MAX_IMPORT_BYTES) {
    return fail(
      "file_too_large",
      "The file is larger than 64 MB; split it and import the codes in parts.",
      {
        problems: [],
      },
    );
  }
  return importCampaignCodes(session.shop, params.id ?? "", file.stream(), actor);
};
