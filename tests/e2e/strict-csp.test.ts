/**
 * A page whose Content-Security-Policy forbids inline styles, as many news sites send
 * (tests/fixtures/pages/strict-csp.html). Our styles are ours, not the page's: the marks' (each
 * from a shadow root of its own, lib/dom/mark-styles.ts: one adopted sheet in Chromium, a
 * `<style>` in each root in Firefox) and the card's (a `<style>` in its shadow root) must apply
 * there as anywhere, in both browsers, and the document's own sheets stay none. A browser that
 * held them to the page's policy would leave the marks without their underline and the card
 * without its box, laid out in the page's flow.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, waitForMarkingToSettle, type Harness } from "./support/harness";
import {
  firefoxMarkOf,
  startFirefoxHarness,
  waitForFirefoxCard,
  waitForFirefoxMarkingToSettle,
  type FirefoxHarness,
} from "./support/firefox";
import { serveFixture, waitForLoadedCard } from "./support/ui";

const FIXTURE = "strict-csp.html";
const MARK = 'receipts-mark[data-receipts-entity="tim-cook"]';

/** Runs in the page: what our styles made of the mark and of its open card. */
function looks(markSelector: string) {
  const mark = document.querySelector(markSelector)!;
  const card = document.querySelector("receipts-ui")?.shadowRoot?.querySelector("[role=dialog]");
  return {
    underline: getComputedStyle(mark).textDecorationLine,
    card: card ? getComputedStyle(card).position : "none",
    // The page has none of its own.
    documentSheets: document.adoptedStyleSheets.length + document.querySelectorAll("style").length,
  };
}
const STYLED = { underline: "underline", card: "fixed", documentSheets: 0 };

/** Runs in the page's own world: whether an inline style of its own applies (its policy: no). */
function pageInlineStyleApplies() {
  const style = document.createElement("style");
  style.textContent = "body { margin-left: 77px; }";
  document.head.append(style);
  const applies = getComputedStyle(document.body).marginLeft === "77px";
  style.remove();
  return applies;
}

describe("a page that forbids inline styles, in Chromium", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("underlines its marks and draws the card", async () => {
    const page = await harness.open(serveFixture(harness, FIXTURE, "pages"));
    await waitForMarkingToSettle(page);
    await page.locator(MARK).focus();
    await waitForLoadedCard(page);
    expect(await page.evaluate(looks, MARK)).toEqual(STYLED);
    expect(await page.evaluate(pageInlineStyleApplies)).toBe(false);
  });
});

describe("a page that forbids inline styles, in Firefox", () => {
  let harness: FirefoxHarness;
  beforeAll(async () => {
    harness = await startFirefoxHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("underlines its marks and draws the card", async () => {
    const page = await harness.open(serveFixture(harness.demo, FIXTURE, "pages"));
    await waitForFirefoxMarkingToSettle(page);
    await (await firefoxMarkOf(page, "tim-cook")).focus();
    await waitForFirefoxCard(page);
    expect(await page.evaluate(looks, MARK)).toEqual(STYLED);
    expect(await page.evaluate(pageInlineStyleApplies)).toBe(false);
  });
});
