// The report's date range and filters, read from the page's URL so a report is a link that can be
// shared and the browser's back button works. Anything unreadable falls back to the default.
import { addDays, DAY_PATTERN } from "./local-days";

export const PRESETS = [
  { value: "today", label: "Today", days: 1 },
  { value: "7d", label: "Last 7 days", days: 7 },
  { value: "30d", label: "Last 30 days", days: 30 },
  { value: "90d", label: "Last 90 days", days: 90 },
  { value: "180d", label: "Last 180 days", days: 180 },
  { value: "365d", label: "Last 365 days", days: 365 },
] as const;

export type PresetValue = (typeof PRESETS)[number]["value"] | "all" | "custom";

export const DEFAULT_PRESET = "30d";
/** The longest custom range, so one page view reads a bounded number of rollup rows. */
export const MAX_RANGE_DAYS = 732;

export interface ReportQuery {
  preset: PresetValue;
  from: string;
  to: string;
  campaignId: string | null;
  partnerId: string | null;
  channel: string | null;
}

/**
 * The range and filters a URL asks for, with `today` the shop's local day and `firstDay` the day
 * of the shop's first order with a code (for "All time").
 */
export function readReportQuery(
  params: URLSearchParams,
  today: string,
  firstDay: string | null = null,
): ReportQuery {
  const filters = {
    campaignId: params.get("campaign") || null,
    partnerId: params.get("partner") || null,
    channel: params.get("channel") || null,
  };
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  if (params.get("range") === "custom" && DAY_PATTERN.test(from) && DAY_PATTERN.test(to)) {
    const [start, end] = from <= to ? [from, to] : [to, from];
    const clampedStart =
      start < addDays(end, -MAX_RANGE_DAYS + 1) ? addDays(end, -MAX_RANGE_DAYS + 1) : start;
    return { preset: "custom", from: clampedStart, to: end, ...filters };
  }
  if (params.get("range") === "all") {
    const start = firstDay && firstDay < today ? firstDay : today;
    const from =
      start < addDays(today, -MAX_RANGE_DAYS + 1) ? addDays(today, -MAX_RANGE_DAYS + 1) : start;
    return { preset: "all", from, to: today, ...filters };
  }
  const preset =
    PRESETS.find((p) => p.value === params.get("range")) ??
    PRESETS.find((p) => p.value === DEFAULT_PRESET)!;
  return { preset: preset.value, from: addDays(today, 1 - preset.days), to: today, ...filters };
}

/** The URL search part for a query (what the page links and the export share). */
export function reportSearch(query: ReportQuery): string {
  const params = new URLSearchParams({ range: query.preset });
  if (query.preset === "custom") {
    params.set("from", query.from);
    params.set("to", query.to);
  }
  if (query.campaignId) params.set("campaign", query.campaignId);
  if (query.partnerId) params.set("partner", query.partnerId);
  if (query.channel) params.set("channel", query.channel);
  return params.toString();
}
