/**
 * Finding words in a marked page, in both browsers. Each mark is a shadow host whose text shows
 * through a slot (lib/dom/mark-styles.ts), and in Firefox its root also holds a `<style>`: a
 * reader's search must still find a phrase that runs across a mark's edge, select it in the
 * page's own text, and never find our rules. `window.find` is the search a test can drive: the
 * browser's own find bar is outside the page, and neither Playwright nor Puppeteer has a call
 * for it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  articlePath,
  DEMO_ARTICLE_ID,
  startHarness,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";
import {
  startFirefoxHarness,
  waitForFirefoxMarkingToSettle,
  type FirefoxHarness,
} from "./support/firefox";

/** Words of marks.css that a root's `<style>` holds and the article never says. */
const RULE_TEXT = "text-underline-offset";

/**
 * Runs in the page: searches, from the start of its paragraph, for the words of the first mark
 * that two more words follow in the page's own text, and those words; then for our rules' text.
 */
function findAcrossFirstMark(ruleText: string) {
  const marks = document.querySelectorAll("article p receipts-mark[data-receipts-entity]");
  const phraseFrom = (mark: Element) => {
    const rest = document.createRange();
    rest.setStartBefore(mark);
    rest.setEndAfter(mark.closest("p")!.lastChild!);
    const after = /^\s*\S+\s+\S+/.exec(rest.toString().slice(mark.textContent!.length));
    // Spaced as the words show.
    return after && (mark.textContent! + after[0]).replace(/\s+/g, " ");
  };
  const mark = [...marks].find(phraseFrom)!;
  const phrase = phraseFrom(mark)!;
  const paragraph = mark.closest("p")!;
  const selection = getSelection()!;
  selection.collapse(paragraph, 0);
  const search = window as unknown as { find(text: string): boolean };
  const found = search.find(phrase);
  const range = selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  const result = {
    phrase,
    markWords: mark.textContent,
    found,
    selected: selection.toString().replace(/\s+/g, " "),
    selectionHoldsMark: range?.intersectsNode(mark.firstChild!) ?? false,
  };
  selection.collapse(document.body, 0);
  return { ...result, ruleFound: search.find(ruleText) };
}

function expectFound(result: ReturnType<typeof findAcrossFirstMark>) {
  // The phrase goes past the mark, or it would not cross its edge.
  expect(result.phrase.length).toBeGreaterThan(result.markWords!.length + 2);
  expect(result.found).toBe(true);
  expect(result.selected).toBe(result.phrase);
  expect(result.selectionHoldsMark).toBe(true);
  expect(result.ruleFound).toBe(false);
}

describe("find in a marked page, in Chromium", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("finds a phrase across a mark's edge, and none of our rules", async () => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    await waitForMarkingToSettle(page);
    expectFound(await page.evaluate(findAcrossFirstMark, RULE_TEXT));
    await page.close();
  });
});

describe("find in a marked page, in Firefox", () => {
  let harness: FirefoxHarness;
  beforeAll(async () => {
    harness = await startFirefoxHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("finds a phrase across a mark's edge, and none of the rules each mark's root holds", async () => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    await waitForFirefoxMarkingToSettle(page);
    expectFound(await page.evaluate(findAcrossFirstMark, RULE_TEXT));
    await page.close();
  });
});
