/**
 * An automated accessibility audit (axe-core, the engine behind most audit tools) of everything
 * Receipts shows, in Chromium: the popup, the options page, the open card in its shadow root, and
 * the marks in the page. The rules are WCAG 2.2 A and AA, plus axe's best practices for our own
 * pages; and the contrast of the card's text, light and dark, which axe cannot settle over the
 * page. Hand checks (keyboard paths, focus return, forced colours) live in the card, popup and
 * options tests; this catches what a rule can: names, roles, contrast, structure.
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  articlePath,
  DEMO_ARTICLE_ID,
  startHarness,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";
import { markFor, openReadyPopup, waitForLoadedCard } from "./support/ui";

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const PERSON_ID = "vinod-khosla";
/** Colours are checked against both: the popup and options page follow the reader's scheme. */
const SCHEMES = ["light", "dark"] as const;

/**
 * What axe found wrong, one line per rule and element, so a failure names what to fix; and how
 * many of its rules passed there, so an audit that checked nothing cannot pass.
 */
async function audit(
  page: Page,
  context: { include: string[][] } | null,
  tags: string[],
): Promise<{ violations: string[]; rulesPassed: number }> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ context, tags }) => {
      const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
      const results = await axe.run(context ?? document, {
        runOnly: { type: "tag", values: tags },
      });
      return {
        violations: results.violations.flatMap((violation) =>
          violation.nodes.map(
            (node) => `${violation.id}: ${node.target.join(" ")}: ${node.failureSummary ?? ""}`,
          ),
        ),
        rulesPassed: results.passes.length,
      };
    },
    { context, tags },
  );
}

/** Audits, and holds that nothing failed and that rules did apply. */
async function expectClean(
  page: Page,
  context: { include: string[][] } | null,
  tags: string[],
  minRulesPassed: number,
): Promise<void> {
  const { violations, rulesPassed } = await audit(page, context, tags);
  expect(violations).toEqual([]);
  expect(rulesPassed).toBeGreaterThanOrEqual(minRulesPassed);
}

/** WCAG 2.2 AA for text under 18pt: all of the card's text is. */
const MIN_TEXT_CONTRAST = 4.5;

/**
 * Runs in the page: the contrast of each element of the open card that holds text, against the
 * nearest background painted behind it in the card. axe leaves it undetermined there (the card
 * is a fixed layer over the page's own text), so it is measured here, as WCAG defines it.
 */
const textContrastsInCard = (): { text: string; ratio: number }[] => {
  const card = document.querySelector("receipts-ui")?.shadowRoot?.querySelector("[role=dialog]");
  if (!card) throw new Error("no open card");
  const channels = (color: string): number[] => (color.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = (color: string): number => {
    const [r = 0, g = 0, b = 0] = channels(color).map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const backgroundOf = (element: Element): string => {
    for (let at: Element | null = element; at; at = at.parentElement) {
      const color = getComputedStyle(at).backgroundColor;
      if ((channels(color)[3] ?? 1) > 0) return color;
    }
    throw new Error("no background in the card");
  };
  const results: { text: string; ratio: number }[] = [];
  for (const element of [card, ...card.querySelectorAll("*")]) {
    const ownText = [...element.childNodes].some(
      (node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim(),
    );
    if (!ownText) continue;
    const style = getComputedStyle(element);
    const [fore, back] = [luminance(style.color), luminance(backgroundOf(element))];
    const ratio = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
    results.push({ text: (element.textContent ?? "").trim().slice(0, 40), ratio });
  }
  return results;
};

describe("accessibility audit (axe-core, Chromium)", () => {
  let harness: Harness;
  let article: Page;

  beforeAll(async () => {
    harness = await startHarness();
    article = await harness.open(articlePath(DEMO_ARTICLE_ID));
    await waitForMarkingToSettle(article);
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it.each(SCHEMES)("finds nothing wrong with the popup, %s", async (colorScheme) => {
    const popup = await openReadyPopup(harness, article);
    await popup.emulateMedia({ colorScheme });
    await expectClean(popup, null, [...WCAG, "best-practice"], 10);
    await popup.close();
  });

  it.each(SCHEMES)("finds nothing wrong with the options page, %s", async (colorScheme) => {
    const options = await harness.browser.context.newPage();
    await options.emulateMedia({ colorScheme });
    await options.goto(`chrome-extension://${harness.browser.extensionId}/options.html`);
    await options.locator("select").first().waitFor();
    await expectClean(options, null, [...WCAG, "best-practice"], 10);
    await options.close();
  });

  it("finds nothing wrong with the marks in the page", async () => {
    await expectClean(article, { include: [["receipts-mark"]] }, WCAG, 3);
  });

  it.each(SCHEMES)(
    "gives every text in the open card a contrast of 4.5 or more, %s",
    async (colorScheme) => {
      const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
      await page.emulateMedia({ colorScheme });
      await waitForMarkingToSettle(page);
      await markFor(page, PERSON_ID).hover();
      await waitForLoadedCard(page);
      const contrasts = await page.evaluate(textContrastsInCard);
      expect(contrasts.length).toBeGreaterThan(10);
      expect(contrasts.filter(({ ratio }) => ratio < MIN_TEXT_CONTRAST)).toEqual([]);
      await page.close();
    },
  );

  it("finds nothing wrong with the open card", async () => {
    await markFor(article, PERSON_ID).hover();
    await waitForLoadedCard(article);
    await expectClean(article, { include: [["receipts-ui"]] }, WCAG, 5);
  });
});
