/**
 * The ordinary-word rules, checked on real sentences from the corpus
 * (../shared/corpus/ambiguous-contexts.tsv), each labelled by hand in
 * tests/fixtures/ambiguous-contexts-labels.tsv: the entity the term names there, or "none".
 * Each sentence is scanned alone, as one block, on a fresh page.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileMatcher, findMatches } from "../../../lib/matching/index";
import { fixtureIndex } from "./fixture-index";

const LABELS = fileURLToPath(
  new URL("../../fixtures/ambiguous-contexts-labels.tsv", import.meta.url),
);
const COLUMNS = ["corpus", "page", "term", "sentence", "label", "reason"] as const;

interface LabelledRow {
  corpus: string;
  page: string;
  term: string;
  sentence: string;
  label: string;
  reason: string;
}

function readLabels(): LabelledRow[] {
  const [header, ...lines] = readFileSync(LABELS, "utf8").split("\n");
  if (header !== COLUMNS.join("\t")) throw new Error(`labels header must be: ${COLUMNS.join(" ")}`);
  return lines
    .filter((line) => line.length > 0)
    .map((line, index) => {
      const cells = line.split("\t");
      if (cells.length !== COLUMNS.length) {
        throw new Error(`labels line ${index + 2}: ${cells.length} columns, expected 6`);
      }
      const [corpus, page, term, sentence, label, reason] = cells as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      return { corpus, page, term, sentence, label, reason };
    });
}

const rows = readLabels();
const matcher = compileMatcher(fixtureIndex);
const entityIds = new Set(fixtureIndex.entities.map((entity) => entity.id));

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("labelled ambiguous contexts from the real-page corpus", () => {
  it("labels at least 150 rows, every term, each with a reason and a known label", () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
    const terms = new Set(rows.map((row) => row.term.toLowerCase()));
    for (const term of ["apple", "amazon", "oracle", "signal", "zoom", "meta", "good", "cook"]) {
      expect(terms).toContain(term);
    }
    for (const term of ["dean", "ice", "tesla"]) expect(terms).toContain(term);
    for (const row of rows) {
      expect(row.reason.length).toBeGreaterThan(0);
      expect(row.label === "none" || entityIds.has(row.label)).toBe(true);
    }
  });

  it("labels rows where the term names a company, not only traps", () => {
    expect(rows.filter((row) => row.label !== "none").length).toBeGreaterThanOrEqual(80);
  });

  it.each(rows.map((row, index) => [index + 2, row.term, row.label, row] as const))(
    "line %i: %s → %s",
    (_line, _term, _label, row) => {
      const matches = findMatches(matcher, [{ text: row.sentence, block: 0 }]);
      const term = new RegExp(
        `(?<![\\p{L}\\p{N}])${escapeForRegExp(row.term)}(?![\\p{L}\\p{N}])`,
        "iu",
      );
      const onTerm = matches.filter((match) => term.test(match.text));
      if (row.label === "none") expect(onTerm).toEqual([]);
      else expect(onTerm.map((match) => match.entity)).toContain(row.label);
    },
  );
});
