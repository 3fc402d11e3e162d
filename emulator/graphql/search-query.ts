// Shopify's search syntax for `query:` arguments (https://shopify.dev/docs/api/usage/search-syntax):
// terms joined by spaces (AND), `AND`, `OR`, `NOT` or a leading `-`, parentheses,
// `field:value` with comparators `:<`, `:<=`, `:>`, `:>=`, quoted values, and bare words that
// search a resource's default fields.

export type Comparator = "=" | "<" | "<=" | ">" | ">=";

export type SearchNode =
  | { kind: "term"; field: string | null; comparator: Comparator; value: string }
  | { kind: "and" | "or"; children: SearchNode[] }
  | { kind: "not"; child: SearchNode };

function tokenize(input: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")") {
      tokens.push(c);
      i++;
    } else {
      let token = "";
      while (
        i < input.length &&
        !/\s/.test(input[i] as string) &&
        input[i] !== "(" &&
        input[i] !== ")"
      ) {
        const ch = input[i] as string;
        if (ch === '"' || ch === "'") {
          const close = input.indexOf(ch, i + 1);
          const endAt = close === -1 ? input.length : close;
          token += `${ch}${input.slice(i + 1, endAt)}${ch}`;
          i = endAt + 1;
        } else {
          token += ch;
          i++;
        }
      }
      tokens.push(token);
    }
  }
  return tokens;
}

function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/s.exec(value);
  return m ? (m[2] as string) : value;
}

function parseTerm(token: string): SearchNode {
  if (token.startsWith("-") && token.length > 1)
    return { kind: "not", child: parseTerm(token.slice(1)) };
  const m = /^([A-Za-z_][\w.]*):(<=|>=|<|>)?(.*)$/s.exec(token);
  if (!m) return { kind: "term", field: null, comparator: "=", value: unquote(token) };
  return {
    kind: "term",
    field: (m[1] as string).toLowerCase(),
    comparator: (m[2] as Comparator | undefined) ?? "=",
    value: unquote(m[3] as string),
  };
}

export function parseSearchQuery(input: string): SearchNode {
  const tokens = tokenize(input);
  let pos = 0;

  function parseOr(): SearchNode {
    const children = [parseAnd()];
    while (tokens[pos] === "OR") {
      pos++;
      children.push(parseAnd());
    }
    return children.length === 1 ? (children[0] as SearchNode) : { kind: "or", children };
  }

  function parseAnd(): SearchNode {
    const children: SearchNode[] = [];
    while (pos < tokens.length && tokens[pos] !== ")" && tokens[pos] !== "OR") {
      if (tokens[pos] === "AND") {
        pos++;
        continue;
      }
      children.push(parseUnary());
    }
    return children.length === 1 ? (children[0] as SearchNode) : { kind: "and", children };
  }

  function parseUnary(): SearchNode {
    const token = tokens[pos++] as string;
    if (token === "NOT") return { kind: "not", child: parseUnary() };
    if (token === "(") {
      const inner = parseOr();
      if (tokens[pos] === ")") pos++;
      return inner;
    }
    return parseTerm(token);
  }

  return parseOr();
}

/** Every field named in the query (for warnings about fields the resource does not support). */
export function searchFields(node: SearchNode): string[] {
  switch (node.kind) {
    case "term":
      return node.field ? [node.field] : [];
    case "not":
      return searchFields(node.child);
    default:
      return node.children.flatMap(searchFields);
  }
}

export type TermMatcher = (field: string | null, comparator: Comparator, value: string) => boolean;

export function matchSearch(node: SearchNode, match: TermMatcher): boolean {
  switch (node.kind) {
    case "term":
      return match(node.field, node.comparator, node.value);
    case "not":
      return !matchSearch(node.child, match);
    case "and":
      return node.children.every((c) => matchSearch(c, match));
    case "or":
      return node.children.some((c) => matchSearch(c, match));
  }
}

export function compareValues<T extends number | string | bigint>(
  actual: T,
  comparator: Comparator,
  wanted: T,
): boolean {
  switch (comparator) {
    case "=":
      return actual === wanted;
    case "<":
      return actual < wanted;
    case "<=":
      return actual <= wanted;
    case ">":
      return actual > wanted;
    case ">=":
      return actual >= wanted;
  }
}
