// A function's output is accepted only if it is a valid value of its target's result type in
// the Discount Function schema (the argument of MutationRoot.<target>, e.g.
// cartLinesDiscountsGenerateRun(result: CartLinesDiscountsGenerateRunResult!)), @oneOf included:
// Shopify discards an invalid result, and so does the emulator.
import { coerceInputValue, type GraphQLSchema } from "graphql";

export function mutationFieldOf(target: string): string {
  return target.replace(/[.-]([a-z])/g, (_match, ch: string) => ch.toUpperCase());
}

export function outputErrors(schema: GraphQLSchema, target: string, output: unknown): string[] {
  const field = schema.getMutationType()?.getFields()[mutationFieldOf(target)];
  const arg = field?.args.find((a) => a.name === "result");
  if (!arg) return [`The schema has no result type for ${target}.`];
  const errors: string[] = [];
  coerceInputValue(output, arg.type, (path, _value, error) => {
    errors.push(path.length ? `${path.join(".")}: ${error.message}` : error.message);
  });
  return errors;
}
