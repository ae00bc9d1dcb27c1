/**
 * The sieve on real markup: the corpus pages with the most labelled mentions, plus pages in
 * scripts where the fold matters (accents, Japanese, Russian, Hindi), are marked with the sieve
 * and by reading every block; the marks must be the same. The pages are read from
 * ../shared/corpus (never copied in); their scripts are parsed, never run.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { MatchIndex } from "../../lib/dataset/types";
import { createPagePass } from "../../lib/dom/page-pass";
import type { RegionLimits } from "../../lib/dom/text-regions";
import { compileMatcherWithSieve } from "../../lib/matching/sieve-build";
import { loadHtml } from "./support/pages";

// happy-dom replaces URL, so paths are resolved from the project root (where vitest runs).
const CORPUS_PAGES = resolve("../shared/corpus/pages");
const index = JSON.parse(readFileSync(resolve("data/match-index.json"), "utf8")) as MatchIndex;
const matcher = compileMatcherWithSieve(index);

/** Parsing a large saved page in happy-dom takes seconds on a loaded machine. */
const PAGE_TIMEOUT_MS = 60_000;

const PAGES = [
  "postlight/www.reddit.com",
  "postlight/nymag.com",
  "readability/yahoo-3",
  "postlight/www.nytimes.com--recent",
  "postlight/www.cnn.com",
  "readability/breitbart",
  "postlight/www.huffingtonpost.com",
  "scrapinghub/nationalreview.com-f5c90a6d",
  "scrapinghub/politifact.com-b6906ca0",
  "readability/medium-3",
  "postlight/www.wired.com--content-test",
  "scrapinghub/wired.com-d48aeb9c",
  "postlight/deadline.com",
  "postlight/wired.jp",
  "postlight/buzzap.jp",
  "readability/liberation-1",
  "scrapinghub/gto-normativy.ru-c4a3637c",
  "scrapinghub/newsnation.in-076f4f33",
  "readability/aktualne",
];

/**
 * Pages that name first-only entities in many blocks: with every entity first-only, the sieve
 * skips the blocks that can only name entities marked already, and must still mark the same.
 */
const FIRST_ONLY_PAGES = [
  "postlight/www.nytimes.com--recent",
  "postlight/www.huffingtonpost.com",
  "scrapinghub/wired.com-d48aeb9c",
  "readability/yahoo-3",
];

/**
 * Pages the sieve also reads by searching their text whole and walking to single text nodes
 * (text-regions.ts), whatever their size, in small stretches: names across inline elements,
 * accents, other scripts.
 */
const REGION_PAGES = [
  "postlight/wired.jp",
  "readability/liberation-1",
  "scrapinghub/politifact.com-b6906ca0",
  "postlight/www.cnn.com",
];
const EVERY_ROOT_TO_TEXT_NODES: RegionLimits = {
  leafChars: 0,
  minElements: 0,
  maxElements: 50,
  batchChars: 1_000,
};

/** The page's body with marks, match ids left out (they come from a counter). */
function markedBody(sieve: boolean, markMode?: () => "first", regionLimits?: RegionLimits): string {
  const pass = createPagePass({ root: document.body, matcher, sieve, markMode, regionLimits });
  pass.run();
  const marked = document.body.innerHTML.replace(/ data-receipts-match="[^"]*"/g, "");
  pass.undo();
  return marked;
}

/** Loads a corpus page and expects the sieve to mark it exactly as reading every block does. */
function expectSieveMarksAsEveryBlock(
  page: string,
  markMode?: () => "first",
  regionLimits?: RegionLimits,
): void {
  loadHtml(readFileSync(resolve(CORPUS_PAGES, page, "source.html"), "utf8"));
  const everyBlock = markedBody(false, markMode);
  expect(markedBody(true, markMode, regionLimits)).toBe(everyBlock);
}

describe("the sieve on corpus pages", () => {
  it("finds the corpus beside the repository", () => {
    expect(existsSync(CORPUS_PAGES), CORPUS_PAGES).toBe(true);
  });

  it.each(PAGES)(
    "marks %s exactly as reading every block does",
    { timeout: PAGE_TIMEOUT_MS },
    (page) => expectSieveMarksAsEveryBlock(page),
  );

  it.each(REGION_PAGES)(
    "marks %s exactly as reading every block does, searching its text whole",
    { timeout: PAGE_TIMEOUT_MS },
    (page) => expectSieveMarksAsEveryBlock(page, undefined, EVERY_ROOT_TO_TEXT_NODES),
  );

  it.each(FIRST_ONLY_PAGES)(
    "marks %s exactly as reading every block does, every entity first-only",
    { timeout: PAGE_TIMEOUT_MS },
    (page) => expectSieveMarksAsEveryBlock(page, () => "first"),
  );
});
