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

/** The corpus pages in inventory order, with the sizes the bench uses to pick pages. */
export function readCorpus(): CorpusPage[] {
  const [header, ...rows] = readFileSync(join(CORPUS_ROOT, "inventory.tsv"), "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => line.split("\t"));
  const column = (name: string) => header?.indexOf(name) ?? -1;
  const [corpus, page, path, visible, mentions] = [
    column("corpus"),
    column("page"),
    column("path"),
    column("text_nodes_visible"),
    column("mentions_total"),
  ];
  return rows.map((row) => ({
    name: `${row[corpus] ?? ""}/${row[page] ?? ""}`,
    path: (row[path] ?? "").replace(/^pages\//, ""),
    visibleTextNodes: Number(row[visible] ?? 0),
    mentions: Number(row[mentions] ?? 0),
  }));
}

/** Evenly spaced over page size, smallest to largest; every page when there are few. */
export function spreadOverSize(pages: readonly CorpusPage[], count: number): CorpusPage[] {
  if (pages.length <= count) return [...pages];
  const bySize = [...pages].sort((a, b) => a.visibleTextNodes - b.visibleTextNodes);
  const step = (bySize.length - 1) / Math.max(1, count - 1);
  const picked = Array.from({ length: count }, (_, k) => bySize[Math.round(k * step)]);
  return [...new Set(picked.filter((page): page is CorpusPage => page !== undefined))];
}
