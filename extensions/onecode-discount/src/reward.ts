// What the campaign's reward is worth on a prepared cart: which lines (or the order) it
// reduces, by which value, and the resulting discount in minor units. Pure arithmetic on whole
// minor units; the targets turn a plan into Shopify operations. Invariants (property-tested):
// the amount is a whole number ≥ 0, never more than what it applies to, never more than the
// cap, and the best qualifying tier wins.

import type { RewardValue, Tier } from "@onecode/checkout-rules/rules";
import type { Line, PreparedCart, Refusal } from "./cart";
import { percentOf, roundShare, shopToMinor } from "./money";

export type PlanValue = { percent: number } | { fixed: number };

export interface LineTarget {
  id: string;
  /** Units of the line discounted; absent means the whole line. */
  quantity?: number;
}

export type LinePlan =
  | { on: "order"; excludedLineIds: string[]; value: PlanValue; amount: number }
  | { on: "lines"; targets: LineTarget[]; value: PlanValue; amount: number };

interface Slice {
  line: Line;
  units: number;
  /** Subtotal of those units, minor units. */
  value: number;
}

/** The cart-lines reward, or null when the reward gives nothing on this cart. */
export function planLines(cart: PreparedCart): LinePlan | null {
  const reward = cart.rules.reward;
  switch (reward.kind) {
    case "amount":
      return capped(onTarget(cart, reward.target, reward.value), cap(cart, reward.cap));
    case "tiered":
      return bestTier(cart, reward.tiers, reward.target, cap(cart, reward.cap));
    case "bxgy":
      return capped(buyXGetY(cart, reward), cap(cart, reward.cap));
    case "bundle":
      return capped(bundle(cart, reward), cap(cart, reward.cap));
    default:
      return null;
  }
}

/**
 * Why a reward that gave nothing gave nothing, when the shopper can act on it: the bundle's
 * missing products, or the spend still needed for the lowest tier.
 */
export function shortfall(cart: PreparedCart): Refusal | null {
  const reward = cart.rules.reward;
  if (reward.kind === "bundle") {
    const products = reward.items
      .map((item) => {
        let have = 0;
        for (const line of cart.lines) {
          if (line.productId === item.productId && !line.excluded && line.subtotal > 0) {
            have += line.quantity;
          }
        }
        return { name: item.name ?? null, quantity: item.quantity - have };
      })
      .filter((item) => item.quantity > 0);
    return products.length > 0 ? { reason: "bundleIncomplete", products } : null;
  }
  if (reward.kind === "tiered") {
    let lowest = Infinity;
    for (const tier of reward.tiers) {
      lowest = Math.min(lowest, shopToMinor(tier.from, cart.rate, cart.digits));
    }
    const missing = lowest - cart.eligibleSubtotal;
    return Number.isFinite(missing) && missing > 0 ? { reason: "minimumSpend", missing } : null;
  }
  return null;
}

function onTarget(
  cart: PreparedCart,
  target: "order" | "eligible",
  value: RewardValue,
): LinePlan | null {
  if (cart.eligible.length === 0) return null;
  if (target === "order") {
    const excludedLineIds = cart.lines.filter((line) => !line.eligible).map((line) => line.id);
    const amount = amountOf(cart, value, [cart.eligibleSubtotal]);
    return finish({ on: "order", excludedLineIds, value: planValue(value, amount), amount });
  }
  const slices = cart.eligible.map((line) => whole(line));
  return linesPlan(cart, slices, value);
}

// Best tier = the largest discount among the tiers whose threshold the eligible spend reaches
// (with a percentage and a fixed tier, the higher threshold is not always the better one).
function bestTier(
  cart: PreparedCart,
  tiers: Tier[],
  target: "order" | "eligible",
  capMinor: number | null,
): LinePlan | null {
  let best: LinePlan | null = null;
  for (const tier of tiers) {
    if (shopToMinor(tier.from, cart.rate, cart.digits) > cart.eligibleSubtotal) continue;
    const plan = capped(onTarget(cart, target, tier.value), capMinor);
    if (plan && (!best || plan.amount > best.amount)) best = plan;
  }
  return best;
}

function buyXGetY(
  cart: PreparedCart,
  reward: {
    buy: number;
    get: number;
    getProductIds: string[];
    percent: number;
    maxUses: number | null;
  },
): LinePlan | null {
  const getSet = new Set(reward.getProductIds);
  let uses: number;
  let pool: Line[];
  if (getSet.size === 0) {
    pool = cart.eligible;
    uses = Math.floor(units(pool) / (reward.buy + reward.get));
  } else {
    const buyPool = cart.eligible.filter((line) => !getSet.has(line.productId ?? ""));
    pool = cart.lines.filter(
      (line) => !line.excluded && line.subtotal > 0 && getSet.has(line.productId ?? ""),
    );
    uses = Math.floor(units(buyPool) / reward.buy);
  }
  if (reward.maxUses !== null) uses = Math.min(uses, reward.maxUses);
  const slices = cheapest(pool, uses * reward.get);
  return slices.length === 0 ? null : linesPlan(cart, slices, { percent: reward.percent });
}

function bundle(
  cart: PreparedCart,
  reward: {
    items: { productId: string; quantity: number }[];
    value: RewardValue;
    maxUses: number | null;
  },
): LinePlan | null {
  const pools = reward.items.map((item) =>
    cart.lines.filter(
      (line) => line.productId === item.productId && !line.excluded && line.subtotal > 0,
    ),
  );
  let count = Infinity;
  reward.items.forEach((item, i) => {
    count = Math.min(count, Math.floor(units(pools[i] ?? []) / item.quantity));
  });
  if (reward.maxUses !== null) count = Math.min(count, reward.maxUses);
  if (!Number.isFinite(count) || count <= 0) return null;
  const slices = reward.items.flatMap((item, i) => cheapest(pools[i] ?? [], count * item.quantity));
  const value =
    "amount" in reward.value
      ? { amount: String(Number(reward.value.amount) * count) }
      : reward.value;
  return linesPlan(cart, slices, value);
}

function linesPlan(cart: PreparedCart, slices: Slice[], value: RewardValue): LinePlan | null {
  if (slices.length === 0) return null;
  const amount = amountOf(
    cart,
    value,
    slices.map((slice) => slice.value),
  );
  const targets = slices.map((slice) =>
    slice.units === slice.line.quantity
      ? { id: slice.line.id }
      : { id: slice.line.id, quantity: slice.units },
  );
  return finish({ on: "lines", targets, value: planValue(value, amount), amount });
}

// A percentage reduces each part by its own rounded share, as Shopify applies it per line; a
// fixed amount (converted from the shop's currency) never exceeds what it applies to.
function amountOf(cart: PreparedCart, value: RewardValue, parts: number[]): number {
  let base = 0;
  let byPercent = 0;
  for (const part of parts) {
    base += part;
    if ("percent" in value) byPercent += percentOf(part, value.percent);
  }
  if ("percent" in value) return Math.min(byPercent, base);
  return Math.min(shopToMinor(value.amount, cart.rate, cart.digits), base);
}

function planValue(value: RewardValue, amount: number): PlanValue {
  return "percent" in value ? { percent: value.percent } : { fixed: amount };
}

function capped(plan: LinePlan | null, capMinor: number | null): LinePlan | null {
  if (!plan || capMinor === null || plan.amount <= capMinor) return plan;
  return finish({ ...plan, value: { fixed: capMinor }, amount: capMinor });
}

function cap(cart: PreparedCart, money: string | null): number | null {
  return money === null ? null : shopToMinor(money, cart.rate, cart.digits);
}

function finish(plan: LinePlan): LinePlan | null {
  return plan.amount > 0 ? plan : null;
}

// The `count` cheapest units of the pool (by unit price, then cart order), as line slices.
function cheapest(pool: Line[], count: number): Slice[] {
  const sorted = pool
    .map((line, index) => ({ line, index, unit: line.subtotal / line.quantity }))
    .sort((a, b) => a.unit - b.unit || a.index - b.index);
  const slices: Slice[] = [];
  let left = count;
  for (const { line } of sorted) {
    if (left <= 0) break;
    const take = Math.min(left, line.quantity);
    slices.push({ line, units: take, value: roundShare(line.subtotal, take, line.quantity) });
    left -= take;
  }
  return slices;
}

function whole(line: Line): Slice {
  return { line, units: line.quantity, value: line.subtotal };
}

function units(lines: Line[]): number {
  let total = 0;
  for (const line of lines) total += line.quantity;
  return total;
}
