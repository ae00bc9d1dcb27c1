/**
 * Precision and recall of the matcher on the whole labelled corpus and on the five demo articles,
 * in Node: the same collect + matcher as the extension (linkedom), scored against
 * tests/fixtures/corpus-labels.tsv, which labels every candidate place (see docs/sweep.md).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_PAGES, PROJECT_ROOT } from "../../scripts/paths";
import { readPageCandidates } from "../../scripts/sweep/candidates";
import { computeQuality, formatQuality, parseLabels } from "../../scripts/sweep/quality";

const labels = parseLabels(
  readFileSync(join(PROJECT_ROOT, "tests/fixtures/corpus-labels.tsv"), "utf8"),
);
const pagesDir = CORPUS_PAGES;
const corpusPages = readdirSync(pagesDir)
  .flatMap((group) => readdirSync(join(pagesDir, group)).map((name) => `${group}/${name}`))
  .sort();
const articlePages = readdirSync(join(PROJECT_ROOT, "data/articles"))
  .filter((file) => file.endsWith(".txt"))
  .map((file) => `articles/${file.replace(/\.txt$/, "")}`);

/**
 * Precision has to stay at the goal (0.99). Recall is held just under the figure measured here
 * (0.9726 on the corpus pages alone, 0.976 in `sweep --quality`, which counts the demo articles
 * too), above the 0.97 goal since title-case headlines may name "Trump" after a capital (decision
 * 0006, addendum). The misses left are "Trump" after a capital outside a recognisable title-case
 * run, surnames alone in headlines without the full name, ordinary-word brands in lower case or
 * in weak positions without corroboration ("apple" in a tag cloud, "Codes Promo Amazon"), and
 * "google+" (docs/sweep.md, "Figures"). Raise it as the matcher improves.
 */
const BARS = { corpusPrecision: 0.99, corpusRecall: 0.972 };
/** Every mention in the demo articles is found since "Trump" may stand alone (decision 0006). */
const KNOWN_ARTICLE_MISSES = 0;

describe("quality on the labelled corpus (373 saved pages)", () => {
  const pages = readPageCandidates(corpusPages);
  const corpusLabels = labels.filter((label) => !label.page.startsWith("articles/"));
  const quality = computeQuality(corpusLabels, pages);
  const report = formatQuality(quality);

  it("labels every candidate place and no place that is gone", () => {
    const gaps = quality.issues.filter((issue) =>
      ["unlabelled", "stale-label", "page-not-read"].includes(issue.kind),
    );
    expect(gaps.map((issue) => `${issue.kind}: ${issue.page} "${issue.text ?? ""}"`)).toEqual([]);
  });

  it(`has precision ≥ ${BARS.corpusPrecision}`, () => {
    expect(quality.precision, report).toBeGreaterThanOrEqual(BARS.corpusPrecision);
  });

  it(`has recall ≥ ${BARS.corpusRecall} (the 0.97 goal is met: see docs/sweep.md)`, () => {
    expect(quality.recall, report).toBeGreaterThanOrEqual(BARS.corpusRecall);
  });
});

describe("quality on the five demo articles", () => {
  const pages = readPageCandidates(articlePages);
  const quality = computeQuality(
    labels.filter((label) => label.page.startsWith("articles/")),
    pages,
  );

  it("reads all five and labels every candidate place, and no place that is gone", () => {
    expect(pages.map((page) => page.page)).toEqual(articlePages);
    expect(articlePages).toHaveLength(5);
    const gaps = quality.issues.filter((issue) =>
      ["unlabelled", "stale-label", "page-not-read"].includes(issue.kind),
    );
    expect(gaps.map((issue) => `${issue.kind}: ${issue.page} "${issue.text ?? ""}"`)).toEqual([]);
    // The precision and recall checks below are about these mentions, not about nothing.
    expect(quality.truePositives).toBeGreaterThan(0);
  });

  it("never marks a wrong place", () => {
    expect(quality.falsePositives, formatQuality(quality)).toBe(0);
  });

  it("finds every mention", () => {
    expect(quality.falseNegatives, formatQuality(quality)).toBeLessThanOrEqual(
      KNOWN_ARTICLE_MISSES,
    );
  });
});
