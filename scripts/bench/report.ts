/**
 * Turns the bench's measurements into the summary figures (the JSON keys the issue names), a
 * table for the terminal and an SVG chart for docs/performance.md. Pure: no browser, no files.
 */
import type { LiveMeasurement, PageMeasurement, TaskRecord } from "./measure";
import { median, quantile, round } from "./stats";
import { CONTENT_SCRIPT_BUDGET_GZIP_BYTES } from "../content-script-size";

export interface Summary {
  pages: number;
  ours_over_floor_median: number;
  ours_over_floor_p95: number;
  /**
   * The search baseline (the bare search for the names, marking nothing) over the floor, and
   * ours over it: information beside the bars on ours over the floor. Ours reads and searches
   * the text too, so the search is most of what a bar leaves it.
   */
  search_over_floor_median: number;
  search_over_floor_p95: number;
  ours_over_search_median: number;
  naive_over_ours_median: number;
  /** The extension's own longest task (its content script times its tasks), over all pages. */
  longest_task_ms: number;
  /** The longest task on any page with the extension loaded, the page's own included (information). */
  page_longest_task_ms: number;
  names_x100_over_ours: number;
  append_last_over_first: number;
  content_script_gzip_bytes: number;
  first_mark_ms_median: number;
}

export const SUMMARY_KEYS: readonly (keyof Summary)[] = [
  "pages",
  "ours_over_floor_median",
  "ours_over_floor_p95",
  "search_over_floor_median",
  "search_over_floor_p95",
  "ours_over_search_median",
  "naive_over_ours_median",
  "longest_task_ms",
  "page_longest_task_ms",
  "names_x100_over_ours",
  "append_last_over_first",
  "content_script_gzip_bytes",
  "first_mark_ms_median",
];

/** The bars, each with the direction that passes. */
export const BARS: Partial<Record<keyof Summary, { max?: number; min?: number }>> = {
  ours_over_floor_median: { max: 2.0 },
  ours_over_floor_p95: { max: 3.0 },
  naive_over_ours_median: { min: 10 },
  names_x100_over_ours: { max: 1.5 },
  append_last_over_first: { max: 1.5 },
  longest_task_ms: { max: 50 },
  content_script_gzip_bytes: { max: CONTENT_SCRIPT_BUDGET_GZIP_BYTES },
};

export function passesBar(key: keyof Summary, value: number): boolean | null {
  const bar = BARS[key];
  if (!bar || !Number.isFinite(value)) return null;
  if (bar.max !== undefined && value > bar.max) return false;
  if (bar.min !== undefined && value < bar.min) return false;
  return true;
}

const ratio = (numerator: number | null, denominator: number | null): number =>
  numerator !== null && denominator !== null && denominator > 0 ? numerator / denominator : NaN;

export interface BenchResults {
  corpus: PageMeasurement[];
  huge: PageMeasurement | null;
  live: LiveMeasurement | null;
  /** The extension run's pages (same order as tasks). */
  tasks: TaskRecord[];
  /** The same pages without the extension, for comparison. */
  pageOwnTasks: TaskRecord[];
  contentScriptGzipBytes: number;
}

/** Ratios are per page first, then summarised across the corpus pages that completed. */
export function summarize(results: BenchResults): Summary {
  const measured = results.corpus.filter((page) => page.oursMs !== null && page.floorMs !== null);
  const oursOverFloor = measured.map((page) => ratio(page.oursMs, page.floorMs));
  const searchOverFloor = measured.map((page) => ratio(page.searchMs, page.floorMs));
  const oursOverSearch = measured.map((page) => ratio(page.oursMs, page.searchMs));
  const naiveOverOurs = measured.map((page) => ratio(page.naiveMs, page.oursMs));
  const x100OverOurs = measured.map((page) => ratio(page.oursX100Ms, page.oursMs));
  const firstMarks = results.tasks
    .map((task) => task.firstMarkMs)
    .filter((value): value is number => value !== null);
  const live = results.live;
  return {
    pages: results.corpus.length,
    ours_over_floor_median: round(median(oursOverFloor)),
    ours_over_floor_p95: round(quantile(oursOverFloor, 0.95)),
    search_over_floor_median: round(median(searchOverFloor)),
    search_over_floor_p95: round(quantile(searchOverFloor, 0.95)),
    ours_over_search_median: round(median(oursOverSearch)),
    naive_over_ours_median: round(median(naiveOverOurs)),
    longest_task_ms: round(
      Math.max(0, ...results.tasks.map((task) => task.ownLongestTaskMs ?? task.longestTaskMs)),
      1,
    ),
    page_longest_task_ms: round(Math.max(0, ...results.tasks.map((task) => task.longestTaskMs)), 1),
    names_x100_over_ours: round(median(x100OverOurs)),
    append_last_over_first: live ? round(live.lastPerParagraphMs / live.firstPerParagraphMs) : NaN,
    content_script_gzip_bytes: results.contentScriptGzipBytes,
    first_mark_ms_median: round(median(firstMarks), 1),
  };
}

/** NaN is not JSON: unmeasured figures are null. */
export function toJson(summary: Summary, results: BenchResults, meta: object): string {
  const clean = (value: unknown): unknown =>
    typeof value === "number" && !Number.isFinite(value) ? null : value;
  return JSON.stringify(
    { ...summary, meta, details: results },
    (_, value: unknown) => clean(value),
    2,
  );
}

function cell(value: number | null, digits = 1): string {
  return value === null || !Number.isFinite(value) ? "—" : value.toFixed(digits);
}

export function formatTable(summary: Summary, results: BenchResults): string {
  const lines: string[] = [];
  const pages = [...results.corpus, ...(results.huge ? [results.huge] : [])];
  const header = [
    "page",
    "text nodes",
    "floor ms",
    "search ms",
    "ours ms",
    "naive ms",
    "x100 ms",
    "ours/floor",
  ];
  lines.push(header.join("\t"));
  for (const page of [...pages].sort((a, b) => a.textNodes - b.textNodes)) {
    lines.push(
      [
        page.name,
        String(page.textNodes),
        cell(page.floorMs, 2),
        cell(page.searchMs, 2),
        cell(page.oursMs, 2),
        cell(page.naiveMs, 1),
        cell(page.oursX100Ms, 2),
        cell(ratio(page.oursMs, page.floorMs), 2) + (page.error ? `  (${page.error})` : ""),
      ].join("\t"),
    );
  }
  lines.push("");
  for (const task of results.tasks) {
    const own = results.pageOwnTasks.find((control) => control.name === task.name);
    // The bundled pass and the built extension run the same code: their mark counts agree.
    const bundled = [...results.corpus, ...(results.huge ? [results.huge] : [])].find(
      (page) => page.name === task.name,
    );
    lines.push(
      `extension on ${task.name}: its longest task ` +
        // Without the content script's own figure, the summary counts the page's longest task
        // as ours (the safe side); the line says so, so such a reading can be told apart.
        (task.ownLongestTaskMs === null
          ? `not reported (counted as the page's)`
          : `${cell(task.ownLongestTaskMs)} ms`) +
        (task.startupTaskMs === null ? "" : ` (starting it: ${cell(task.startupTaskMs)} ms)`) +
        ", " +
        `the page's ${cell(task.longestTaskMs)} ms ` +
        `(without the extension ${cell(own?.longestTaskMs ?? null)} ms), first mark ` +
        `${cell(task.firstMarkMs)} ms, ${task.marks} marks` +
        (bundled ? ` (bundled pass: ${bundled.oursMarks})` : "") +
        (task.error ? ` (${task.error})` : ""),
    );
  }
  lines.push("");
  for (const key of SUMMARY_KEYS) {
    const pass = passesBar(key, summary[key]);
    const verdict = pass === null ? "" : pass ? "  ok" : "  MISSES BAR";
    lines.push(`${key.padEnd(28)} ${cell(summary[key], 2)}${verdict}`);
  }
  return `${lines.join("\n")}\n`;
}

const CHART = { width: 760, height: 420, left: 70, right: 20, top: 30, bottom: 50 };
const SERIES = [
  { key: "floorMs", label: "floor (TreeWalker read)", color: "#777777" },
  { key: "searchMs", label: "search (read + patterns, nothing marked)", color: "#2da44e" },
  { key: "oursMs", label: "ours (page pass)", color: "#1f6feb" },
  { key: "naiveMs", label: "naive (mark.js per name)", color: "#d1242f" },
] as const;

/** Log-log scatter of ms per pass against visible text nodes, one dot per page and method. */
export function chartSvg(pages: readonly PageMeasurement[], title: string): string {
  const points = pages.filter((page) => page.textNodes > 0);
  const values = points.flatMap((page) =>
    SERIES.map((series) => page[series.key]).filter((v): v is number => v !== null && v > 0),
  );
  if (points.length === 0 || values.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART.width}" height="60"><text x="10" y="30">no data</text></svg>\n`;
  }
  const log = Math.log10;
  const xMin = Math.floor(log(Math.min(...points.map((page) => page.textNodes))));
  const xMax = Math.ceil(log(Math.max(...points.map((page) => page.textNodes))));
  const yMin = Math.floor(log(Math.min(...values)));
  const yMax = Math.ceil(log(Math.max(...values)));
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const x = (nodes: number) =>
    CHART.left + ((log(nodes) - xMin) / Math.max(1, xMax - xMin)) * plotWidth;
  const y = (ms: number) =>
    CHART.top + plotHeight - ((log(ms) - yMin) / Math.max(1, yMax - yMin)) * plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART.width}" height="${CHART.height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${CHART.left}" y="18" font-size="14">${title}</text>`,
  ];
  for (let decade = xMin; decade <= xMax; decade += 1) {
    const at = x(10 ** decade);
    parts.push(
      `<line x1="${at}" y1="${CHART.top}" x2="${at}" y2="${CHART.top + plotHeight}" stroke="#eee"/>`,
      `<text x="${at}" y="${CHART.top + plotHeight + 16}" text-anchor="middle">${10 ** decade}</text>`,
    );
  }
  for (let decade = yMin; decade <= yMax; decade += 1) {
    const at = y(10 ** decade);
    parts.push(
      `<line x1="${CHART.left}" y1="${at}" x2="${CHART.left + plotWidth}" y2="${at}" stroke="#eee"/>`,
      `<text x="${CHART.left - 6}" y="${at + 4}" text-anchor="end">${10 ** decade}</text>`,
    );
  }
  parts.push(
    `<text x="${CHART.left + plotWidth / 2}" y="${CHART.height - 12}" text-anchor="middle">visible text nodes on the page (log)</text>`,
    `<text x="16" y="${CHART.top + plotHeight / 2}" transform="rotate(-90 16 ${CHART.top + plotHeight / 2})" text-anchor="middle">ms per pass, median (log)</text>`,
  );
  for (const series of SERIES) {
    for (const page of points) {
      const value = page[series.key];
      if (value === null || value <= 0) continue;
      parts.push(
        `<circle cx="${x(page.textNodes).toFixed(1)}" cy="${y(value).toFixed(1)}" r="2.5" fill="${series.color}" fill-opacity="0.7"/>`,
      );
    }
  }
  SERIES.forEach((series, position) => {
    const legendY = CHART.top + 10 + position * 16;
    parts.push(
      `<circle cx="${CHART.left + 12}" cy="${legendY - 4}" r="4" fill="${series.color}"/>`,
      `<text x="${CHART.left + 22}" y="${legendY}">${series.label}</text>`,
    );
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
