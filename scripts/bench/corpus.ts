import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CORPUS_ROOT } from "../paths";

export interface CorpusPage {
  /** e.g. "readability/aclu" */
  name: string;
  /** Relative to the corpus pages folder, e.g. "readability/aclu/source.html". */
  path: string;
  visibleTextNodes: number;
  mentions: number;
}

/** The inventory's columns the bench reads. */
const INVENTORY_COLUMNS = ["corpus", "page", "path", "text_nodes_visible", "mentions_total"];

/**
 * The corpus pages in inventory order, with the sizes the bench uses to pick pages. Throws,
 * naming the file and the line, on a missing column or a row without a page or a size: a
 * bench on pages named "undefined" of size 0 would still print figures.
 */
export function readCorpus(root = CORPUS_ROOT): CorpusPage[] {
  const file = join(root, "inventory.tsv");
  const [header = [], ...rows] = readFileSync(file, "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => line.split("\t"));
  const missing = INVENTORY_COLUMNS.filter((name) => !header.includes(name));
  if (missing.length > 0) throw new Error(`${file}: no column ${missing.join(", ")} in line 1`);
  const [corpus, page, path, visible, mentions] = INVENTORY_COLUMNS.map((name) =>
    header.indexOf(name),
  ) as [number, number, number, number, number];
  return rows.map((row, at) => {
    const cell = (column: number) => row[column] ?? "";
    const entry = {
      name: `${cell(corpus)}/${cell(page)}`,
      path: cell(path).replace(/^pages\//, ""),
      visibleTextNodes: Number(cell(visible)),
      mentions: Number(cell(mentions)),
    };
    if (cell(corpus) === "" || cell(page) === "" || entry.path === "")
      throw new Error(`${file}, line ${at + 2}: no corpus, page or path`);
    if (![cell(visible), cell(mentions)].every((count) => /^\d+$/.test(count)))
      throw new Error(
        `${file}, line ${at + 2} (${entry.name}): text_nodes_visible or mentions_total is not a count`,
      );
    return entry;
  });
}

/** Evenly spaced over page size, smallest to largest; every page when there are few. */
export function spreadOverSize(pages: readonly CorpusPage[], count: number): CorpusPage[] {
  if (pages.length <= count) return [...pages];
  const bySize = [...pages].sort((a, b) => a.visibleTextNodes - b.visibleTextNodes);
  const step = (bySize.length - 1) / Math.max(1, count - 1);
  const picked = Array.from({ length: count }, (_, k) => bySize[Math.round(k * step)]);
  return [...new Set(picked.filter((page): page is CorpusPage => page !== undefined))];
}
