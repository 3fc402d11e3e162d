// Validates real responses against the served OpenAPI document: the document itself with
// @seriousme/openapi-schema-validator (OpenAPI 3.1's own schema), each response body with Ajv's
// JSON Schema 2020-12 (OpenAPI 3.1's dialect) against the schema the document gives for its
// path, method, status and content type.
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { responses: Record<string, unknown> };
};

export async function contractChecker(baseUrl: string) {
  const doc = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as Doc;
  const validated = await new Validator().validate(doc as never);
  if (!validated.valid) {
    throw new Error(`The OpenAPI document is invalid: ${JSON.stringify(validated.errors)}`);
  }
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...doc, $id: "openapi.json" });

  /** Throws when the response does not match what the document says of it. */
  return async function check(path: string, method: string, response: Response): Promise<unknown> {
    const body: unknown = await response.clone().json();
    const operation = doc.paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`The document has no ${method} ${path}`);
    let described = operation.responses[String(response.status)] as
      { $ref?: string; content?: Record<string, { schema: unknown }> } | undefined;
    if (!described)
      throw new Error(`${method} ${path} is not documented to answer ${response.status}`);
    if (described.$ref) {
      described = doc.components.responses[described.$ref.split("/").pop()!] as typeof described;
    }
    const type = (response.headers.get("content-type") ?? "").split(";")[0]!;
    const content = described?.content?.[type];
    if (!content)
      throw new Error(`${method} ${path} ${response.status} is not documented as ${type}`);
    const validate = ajv.compile({
      $ref: schemaRef(content.schema, path, method, response.status),
    });
    if (!validate(body)) {
      throw new Error(
        `${method} ${path} ${response.status} breaks the contract: ${ajv.errorsText(validate.errors)}`,
      );
    }
    return body;
  };

  function schemaRef(schema: unknown, path: string, method: string, status: number): string {
    const ref = (schema as { $ref?: string }).$ref;
    if (ref) return `openapi.json${ref}`;
    const pointer = ["paths", path, method.toLowerCase(), "responses", String(status), "content"]
      .map((part) => part.replaceAll("~", "~0").replaceAll("/", "~1"))
      .join("/");
    return `openapi.json#/${pointer}/application~1json/schema`;
  }
}
