/** Writes tests/fixtures/sweep-subset.txt from the corpus inventory (see subset.ts). */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CORPUS_ROOT, PROJECT_ROOT } from "../paths";
import { chooseSubset, dominantScript, formatSubset, pageName, parseInventory } from "./subset";

const corpus = CORPUS_ROOT;
const rows = parseInventory(readFileSync(join(corpus, "inventory.tsv"), "utf8"));
const scripts = new Map<string, string>();
for (const row of rows) {
  const system = dominantScript(readFileSync(join(corpus, "pages", row.path ?? ""), "utf8"));
  if (system) scripts.set(pageName(row), system);
}
const picks = chooseSubset(rows, scripts);
const target = join(PROJECT_ROOT, "tests/fixtures/sweep-subset.txt");
writeFileSync(target, formatSubset(picks));
console.log(`${picks.length} pages written to ${target}`);
