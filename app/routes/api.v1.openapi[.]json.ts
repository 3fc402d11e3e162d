// GET /api/v1/openapi.json: the partner API's OpenAPI 3.1 document (public, no key needed).
import { openApiDocument } from "../partner-api/openapi";

export const loader = async () =>
  new Response(JSON.stringify(openApiDocument), {
    headers: { "content-type": "application/json", "cache-control": "public, max-age=300" },
  });
