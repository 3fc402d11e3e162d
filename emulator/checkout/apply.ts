// Applies a function's operations to the cart, as Shopify's checkout does with a Discount
// Function's result: product discounts on their target lines first, then order discounts on
// what is left of the lines they do not exclude, then delivery discounts on the shipping price.
// Amounts are presentment minor units; an allocation never exceeds what is left to discount.
import type { Cart } from "./cart";

export interface Application {
  valueType: "percentage" | "fixed_amount";
  /** Percent, or the fixed amount in presentment minor units. */
  value: number;
  targetType: "line_item" | "shipping_line";
  targetSelection: "all" | "entitled";
  allocationMethod: "across" | "each";
  /** Cart line id → amount. */
  lines: Map<string, number>;
  shipping: number;
  total: number;
}

/** What is still payable: per line, and the shipping price. */
export interface Remaining {
  lines: Map<string, number>;
  shipping: number;
}

export function remainingOf(cart: Cart): Remaining {
  return {
    lines: new Map(cart.lines.map((line) => [line.id, line.subtotal])),
    shipping: cart.shipping?.price ?? 0,
  };
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- validated output

/** The applications of one run's operations, in the order Shopify applies their classes. */
export function applyOperations(
  cart: Cart,
  remaining: Remaining,
  operations: Obj[],
): Application[] {
  const applied: Application[] = [];
  const byKind = (key: string) => operations.filter((op) => op[key]).map((op) => op[key] as Obj);
  for (const op of byKind("productDiscountsAdd"))
    applied.push(...select(op, (c) => productCandidate(cart, remaining, c)));
  for (const op of byKind("orderDiscountsAdd"))
    applied.push(...select(op, (c) => orderCandidate(cart, remaining, c)));
  for (const op of byKind("deliveryDiscountsAdd"))
    applied.push(...select(op, (c) => deliveryCandidate(cart, remaining, c)));
  for (const application of applied) commit(remaining, application);
  return applied.filter((application) => application.total > 0);
}

// FIRST: the first candidate whose conditions hold; MAXIMUM: the largest; ALL: every one.
function select(op: Obj, price: (candidate: Obj) => Application | null): Application[] {
  const priced = (op.candidates as Obj[]).map(price).filter((a): a is Application => a !== null);
  if (op.selectionStrategy === "ALL") return priced;
  if (op.selectionStrategy === "MAXIMUM") {
    return priced.length ? [priced.reduce((best, a) => (a.total > best.total ? a : best))] : [];
  }
  return priced.slice(0, 1);
}

function productCandidate(cart: Cart, remaining: Remaining, candidate: Obj): Application | null {
  for (const pre of (candidate.prerequisites ?? []) as Obj[]) {
    const line = cart.lines.find((l) => l.id === pre.cartLine?.id);
    if (!line || line.quantity < pre.cartLine.quantity) return null;
  }
  // Targets naming one line twice combine their quantities (ProductDiscountCandidateTarget).
  const units = new Map<string, number>();
  for (const target of candidate.targets as Obj[]) {
    const line = cart.lines.find((l) => l.id === target.cartLine.id);
    if (!line) continue;
    const wanted = target.cartLine.quantity ?? line.quantity;
    units.set(line.id, Math.min(line.quantity, (units.get(line.id) ?? 0) + wanted));
  }
  const bases = new Map<string, number>();
  for (const [id, count] of units) {
    const line = cart.lines.find((l) => l.id === id)!;
    const share =
      count === line.quantity
        ? line.subtotal
        : Math.floor((line.subtotal * count) / line.quantity + 0.5);
    bases.set(id, Math.min(share, remaining.lines.get(id) ?? 0));
  }
  const value = candidate.value as Obj;
  if (value.percentage) {
    const percent = Number(value.percentage.value);
    const lines = new Map(
      [...bases].map(([id, base]) => [id, Math.floor((base * percent) / 100 + 0.5)]),
    );
    return application("percentage", percent, "line_item", "entitled", "across", lines, 0);
  }
  const amount = toMinor(value.fixedAmount.amount, cart.digits);
  if (value.fixedAmount.appliesToEachItem) {
    const lines = new Map(
      [...bases].map(([id, base]) => [id, Math.min(base, amount * units.get(id)!)]),
    );
    return application("fixed_amount", amount, "line_item", "entitled", "each", lines, 0);
  }
  return application(
    "fixed_amount",
    amount,
    "line_item",
    "entitled",
    "across",
    spread(amount, bases),
    0,
  );
}

function orderCandidate(cart: Cart, remaining: Remaining, candidate: Obj): Application | null {
  if (!conditionsHold(cart, candidate.conditions ?? [])) return null;
  const excluded = new Set<string>(
    candidate.targets?.[0]?.orderSubtotal?.excludedCartLineIds ?? [],
  );
  const bases = new Map([...remaining.lines].filter(([id]) => !excluded.has(id)));
  const base = sum(bases);
  const value = candidate.value as Obj;
  if (value.percentage) {
    const percent = Number(value.percentage.value);
    const amount = Math.floor((base * percent) / 100 + 0.5);
    return application(
      "percentage",
      percent,
      "line_item",
      "all",
      "across",
      spread(amount, bases),
      0,
    );
  }
  const amount = toMinor(value.fixedAmount.amount, cart.digits);
  return application(
    "fixed_amount",
    amount,
    "line_item",
    "all",
    "across",
    spread(amount, bases),
    0,
  );
}

function deliveryCandidate(cart: Cart, remaining: Remaining, candidate: Obj): Application | null {
  if (remaining.shipping <= 0 || (candidate.targets as Obj[]).length === 0) return null;
  const value = candidate.value as Obj;
  if (value.percentage) {
    const percent = Number(value.percentage.value);
    const amount = Math.floor((remaining.shipping * percent) / 100 + 0.5);
    return application("percentage", percent, "shipping_line", "all", "across", new Map(), amount);
  }
  const amount = Math.min(remaining.shipping, toMinor(value.fixedAmount.amount, cart.digits));
  return application("fixed_amount", amount, "shipping_line", "all", "across", new Map(), amount);
}

function conditionsHold(cart: Cart, conditions: Obj[]): boolean {
  const rate = Number(cart.rate);
  return conditions.every((condition) => {
    if (condition.orderMinimumSubtotal) {
      const excluded = new Set<string>(condition.orderMinimumSubtotal.excludedCartLineIds);
      const subtotal = cart.lines
        .filter((l) => !excluded.has(l.id))
        .reduce((s, l) => s + l.subtotal, 0);
      return (
        subtotal >=
        toMinor(String(Number(condition.orderMinimumSubtotal.minimumAmount) * rate), cart.digits)
      );
    }
    const ids = new Set<string>(
      (condition.cartLineMinimumSubtotal ?? condition.cartLineMinimumQuantity).ids,
    );
    const lines = cart.lines.filter((l) => ids.has(l.id));
    if (condition.cartLineMinimumQuantity) {
      return (
        lines.reduce((s, l) => s + l.quantity, 0) >=
        condition.cartLineMinimumQuantity.minimumQuantity
      );
    }
    const minimum = toMinor(
      String(Number(condition.cartLineMinimumSubtotal.minimumAmount) * rate),
      cart.digits,
    );
    return lines.reduce((s, l) => s + l.subtotal, 0) >= minimum;
  });
}

function application(
  valueType: Application["valueType"],
  value: number,
  targetType: Application["targetType"],
  targetSelection: Application["targetSelection"],
  allocationMethod: Application["allocationMethod"],
  lines: Map<string, number>,
  shipping: number,
): Application {
  return {
    valueType,
    value,
    targetType,
    targetSelection,
    allocationMethod,
    lines,
    shipping,
    total: sum(lines) + shipping,
  };
}

function commit(remaining: Remaining, application: Application): void {
  for (const [id, amount] of application.lines)
    remaining.lines.set(id, (remaining.lines.get(id) ?? 0) - amount);
  remaining.shipping -= application.shipping;
}

// An amount spread over lines in proportion to their bases (largest remainder), never more
// than the bases hold in total or any one line holds.
function spread(amount: number, bases: Map<string, number>): Map<string, number> {
  const total = sum(bases);
  const capped = Math.min(amount, total);
  const out = new Map<string, number>();
  if (capped <= 0) return out;
  const parts = [...bases].map(([id, base]) => {
    const exact = (capped * base) / total;
    return { id, whole: Math.floor(exact), rest: exact - Math.floor(exact), base };
  });
  let left = capped - parts.reduce((s, p) => s + p.whole, 0);
  for (const part of [...parts].sort((a, b) => b.rest - a.rest)) {
    if (left <= 0) break;
    if (part.whole < part.base) {
      part.whole += 1;
      left -= 1;
    }
  }
  for (const part of parts) if (part.whole > 0) out.set(part.id, part.whole);
  return out;
}

function toMinor(decimal: string, digits: number): number {
  return Math.floor(Number(decimal) * 10 ** digits + 0.5 + 1e-9);
}

function sum(values: Map<string, number>): number {
  let total = 0;
  for (const value of values.values()) total += value;
  return total;
}
