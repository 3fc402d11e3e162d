import { seededRandom } from "./rng";

// Injected failures for reliability tests of the app: a share of requests gets a 5xx answer, is
// answered late, or has its connection dropped (socket destroyed before any answer). Only paths
// matching `pathPattern` are touched (by default Shopify's Admin API, not the inspection API).

export interface FaultConfig {
  /** Share of requests answered with a 5xx status (0..1). */
  errorRate: number;
  /** Statuses to pick from for those answers. */
  errorStatuses: number[];
  /** Share of requests answered after `slowMs` (0..1). */
  slowRate: number;
  slowMs: number;
  /** Share of requests whose connection is destroyed without an answer (0..1). */
  dropRate: number;
  /** Seed of the random sequence; the same seed gives the same faults in the same order. */
  seed: number;
  /** Regular expression (source) of the paths faults apply to. */
  pathPattern: string;
}

export const NO_FAULTS: FaultConfig = {
  errorRate: 0,
  errorStatuses: [500, 502, 503, 504],
  slowRate: 0,
  slowMs: 2000,
  dropRate: 0,
  seed: 1,
  pathPattern: "^/store/[^/]+/admin/api/",
};

export type FaultDecision =
  { kind: "error"; status: number } | { kind: "slow"; ms: number } | { kind: "drop" } | null;

export interface FaultStats {
  requests: number;
  errors: number;
  slow: number;
  drops: number;
}

function checkRate(name: string, value: number): void {
  if (!(value >= 0 && value <= 1))
    throw new Error(`faults.${name} must be between 0 and 1, got ${value}`);
}

export class Faults {
  private config: FaultConfig;
  private random: () => number;
  private pattern: RegExp;
  stats: FaultStats = { requests: 0, errors: 0, slow: 0, drops: 0 };

  constructor(config: Partial<FaultConfig> = {}) {
    this.config = { ...NO_FAULTS };
    this.random = seededRandom(this.config.seed);
    this.pattern = new RegExp(this.config.pathPattern);
    this.configure(config);
  }

  get current(): FaultConfig {
    return { ...this.config, errorStatuses: [...this.config.errorStatuses] };
  }

  /** Changes settings; a new seed (or any change) restarts the random sequence from that seed. */
  configure(changes: Partial<FaultConfig>): FaultConfig {
    const next = { ...this.config, ...changes };
    for (const name of ["errorRate", "slowRate", "dropRate"] as const) checkRate(name, next[name]);
    if (next.errorRate + next.slowRate + next.dropRate > 1) {
      throw new Error("faults.errorRate + slowRate + dropRate must not exceed 1");
    }
    if (next.errorStatuses.length === 0 || next.errorStatuses.some((s) => s < 500 || s > 599)) {
      throw new Error("faults.errorStatuses must be a non-empty list of 5xx statuses");
    }
    this.pattern = new RegExp(next.pathPattern);
    this.config = next;
    this.random = seededRandom(next.seed);
    this.stats = { requests: 0, errors: 0, slow: 0, drops: 0 };
    return this.current;
  }

  /** One draw per matching request: which fault (if any) it gets. */
  decide(pathname: string): FaultDecision {
    if (!this.pattern.test(pathname)) return null;
    const { errorRate, slowRate, dropRate } = this.config;
    if (errorRate + slowRate + dropRate === 0) return null;
    this.stats.requests += 1;
    const r = this.random();
    if (r < dropRate) {
      this.stats.drops += 1;
      return { kind: "drop" };
    }
    if (r < dropRate + errorRate) {
      this.stats.errors += 1;
      const statuses = this.config.errorStatuses;
      return {
        kind: "error",
        status: statuses[Math.floor(this.random() * statuses.length)] as number,
      };
    }
    if (r < dropRate + errorRate + slowRate) {
      this.stats.slow += 1;
      return { kind: "slow", ms: this.config.slowMs };
    }
    return null;
  }
}
