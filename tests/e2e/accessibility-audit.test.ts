/**
 * An automated accessibility audit (axe-core, the engine behind most audit tools) of everything
 * Receipts shows, in Chromium: the popup, the options page, the open card in its shadow root, and
 * the marks in the page. The rules are WCAG 2.2 A and AA, plus axe's best practices for our own
 * pages. Hand checks (keyboard paths, focus return, forced colours) live in the card, popup and
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

  it("finds nothing wrong with the open card", async () => {
    await markFor(article, PERSON_ID).hover();
    await waitForLoadedCard(article);
    await expectClean(article, { include: [["receipts-ui"]] }, WCAG, 5);
  });
});
