/**
 * Chooses the CI part of the sweep from the corpus inventory: the pages of every hard case (the
 * extremes of each column that makes a page hard), plus a few ordinary pages. Pure: the inventory
 * rows and each page's dominant writing system come in as data.
 */

export type InventoryRow = Record<string, string>;

export interface Pick {
  page: string;
  reasons: string[];
}

/** The extremes of each hard-case column; enough to vary the markup, few enough to stay fast. */
const PER_STRUCTURE_COLUMN = 3;
const PER_MENTION_COLUMN = 6;
const ORDINARY_PAGES = 6;
export const MINIMUM_SUBSET = 60;

const STRUCTURE_COLUMNS: [column: string, why: string][] = [
  ["iframes", "iframes"],
  ["svgs", "SVGs"],
  ["inputs", "form inputs"],
  ["contenteditable", "contenteditable regions"],
  ["bytes", "biggest in bytes"],
  ["elements", "most elements"],
  ["text_nodes_all", "most text nodes"],
  ["max_depth", "deepest DOM"],
];
const MENTION_COLUMNS: [column: string, why: string][] = [
  ["mentions_total", "most mentions"],
  ["cross_node_mentions", "names split across inline elements"],
  ["glued_mentions", "names glued to other text"],
];

export function pageName(row: InventoryRow): string {
  return `${row.corpus}/${row.page}`;
}

function numberOf(row: InventoryRow, column: string): number {
  return Number(row[column] ?? 0) || 0;
}

/** The `count` rows with the highest non-zero value of `column`, ties broken by name. */
function top(rows: InventoryRow[], column: string, count: number): InventoryRow[] {
  return rows
    .filter((row) => numberOf(row, column) > 0)
    .sort(
      (a, b) => numberOf(b, column) - numberOf(a, column) || (pageName(a) < pageName(b) ? -1 : 1),
    )
    .slice(0, count);
}

/**
 * @param scripts each page's dominant non-Latin writing system (e.g. "Han", "Cyrillic"), if any.
 */
export function chooseSubset(rows: InventoryRow[], scripts: Map<string, string>): Pick[] {
  const picks = new Map<string, Pick>();
  const add = (row: InventoryRow, reason: string) => {
    const page = pageName(row);
    const pick = picks.get(page) ?? { page, reasons: [] };
    if (!pick.reasons.includes(reason)) pick.reasons.push(reason);
    picks.set(page, pick);
  };
  for (const [column, why] of STRUCTURE_COLUMNS) {
    for (const row of top(rows, column, PER_STRUCTURE_COLUMN)) add(row, `${why} (${row[column]})`);
  }
  for (const [column, why] of MENTION_COLUMNS) {
    for (const row of top(rows, column, PER_MENTION_COLUMN)) add(row, `${why} (${row[column]})`);
  }
  // Ordinary-word uses of brand names and surnames (apple, cook, ice, ...): the page that has most.
  for (const column of Object.keys(rows[0] ?? {}).filter((name) => name.startsWith("lc:"))) {
    for (const row of top(rows, column, 1))
      add(row, `ordinary-word "${column.slice(3)}" (${row[column]})`);
  }
  // One page per writing system other than Latin, and per declared non-English language.
  const bySystem = new Map<string, InventoryRow>();
  for (const row of rows) {
    const system = scripts.get(pageName(row));
    if (system && !bySystem.has(system)) bySystem.set(system, row);
  }
  for (const [system, row] of bySystem) add(row, `non-Latin script: ${system}`);
  const byLanguage = new Map<string, InventoryRow>();
  for (const row of rows) {
    const language = (row.lang ?? "").toLowerCase().split("-")[0] ?? "";
    if (language !== "" && language !== "en" && !byLanguage.has(language))
      byLanguage.set(language, row);
  }
  for (const [language, row] of byLanguage) add(row, `language ${language}`);
  // Ordinary pages that mention nobody: the common case, which must cost little and change nothing.
  const quiet = rows.filter((row) => numberOf(row, "mentions_total") === 0);
  const step = Math.max(1, Math.floor(quiet.length / ORDINARY_PAGES));
  for (let at = 0; at < quiet.length && at / step < ORDINARY_PAGES; at += step) {
    add(quiet[at] as InventoryRow, "ordinary page, no mentions");
  }
  // Fill up to the minimum with the pages that mention most names (the marking paths).
  for (const row of top(rows, "mentions_total", rows.length)) {
    if (picks.size >= MINIMUM_SUBSET) break;
    if (picks.has(pageName(row))) continue;
    add(row, `mentions (${row.mentions_total})`);
  }
  return [...picks.values()].sort((a, b) => (a.page < b.page ? -1 : 1));
}

export function parseInventory(text: string): InventoryRow[] {
  const [header, ...lines] = text.split("\n").filter((line) => line.trim() !== "");
  const columns = (header ?? "").split("\t");
  return lines.map((line) => {
    const cells = line.split("\t");
    return Object.fromEntries(columns.map((column, at) => [column, cells[at] ?? ""]));
  });
}

const SCRIPT_PATTERNS: [name: string, pattern: RegExp][] = [
  ["Japanese kana", /[\p{Script=Hiragana}\p{Script=Katakana}]/gu],
  ["Han", /\p{Script=Han}/gu],
  ["Hangul", /\p{Script=Hangul}/gu],
  ["Cyrillic", /\p{Script=Cyrillic}/gu],
  ["Arabic", /\p{Script=Arabic}/gu],
  ["Hebrew", /\p{Script=Hebrew}/gu],
  ["Greek", /\p{Script=Greek}/gu],
  ["Thai", /\p{Script=Thai}/gu],
  ["Devanagari", /\p{Script=Devanagari}/gu],
];
/** A page counts as written in a script when this many of its text characters are in it. */
const SCRIPT_MIN_CHARACTERS = 200;

/** The non-Latin writing system most used in a page's text (tags and scripts removed), if any. */
export function dominantScript(html: string): string | undefined {
  const text = html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " ");
  let best: [string, number] | undefined;
  for (const [name, pattern] of SCRIPT_PATTERNS) {
    const count = text.match(pattern)?.length ?? 0;
    if (count >= SCRIPT_MIN_CHARACTERS && (!best || count > best[1])) best = [name, count];
  }
  return best?.[0];
}

export function formatSubset(picks: Pick[]): string {
  const width = Math.max(...picks.map((pick) => pick.page.length));
  return [
    "# The CI part of `npm run sweep` (tests/e2e/sweep.test.ts): one saved page of",
    "# ../shared/corpus/pages a line, with why it is here. Generated by",
    "# `npx tsx scripts/sweep/write-subset.ts` from ../shared/corpus/inventory.tsv; edit by hand freely.",
    ...picks.map((pick) => `${pick.page.padEnd(width)}  # ${pick.reasons.join("; ")}`),
    "",
  ].join("\n");
}
