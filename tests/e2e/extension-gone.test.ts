/**
 * A page open while the extension goes away (updated, reloaded, turned off or removed): Chrome
 * leaves its content script running, cut off from the extension, and runs no new one in that
 * page. That script must take its marks away rather than leave marks that open no card. Here the
 * extension is reloaded from its own page (`runtime.reload()`): Chromium unloads an extension
 * loaded from the command line and does not load it again, which cuts the page off the same way.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  articlePath,
  CARD_TIMEOUT_MS,
  DEMO_ARTICLE_ID,
  MARK_SELECTOR,
  MARKING_SETTLE_MS,
  MARKS_TIMEOUT_MS,
  openCard,
  readMarks,
  startHarness,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";
import { openExtensionPage } from "./support/service-worker";
import { cards, normalise, waitForLoadedCard, waitForNoCard } from "./support/ui";

const ARTICLE_002 = "002_ed79f64283e41cd2";
const ARTICLE_004 = "004_551f6ed0ea2f772e";
/** Card.tsx's line for a card the background did not give. */
const CARD_NOT_LOADED = "This card could not be loaded.";
/** The extension reloads this long after the test asked, once the test has its answer. */
const RELOAD_DELAY_MS = 100;
/** Chrome closes the extension's own pages as it unloads it. */
const UNLOAD_TIMEOUT_MS = 10_000;

/** The page's text as a reader sees it, unchanged by marks. */
function pageText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

/** Waits until the page holds no mark, then a settle period more, and says whether it still holds none. */
async function marksGoneForGood(page: Page): Promise<boolean> {
  await page.waitForFunction((selector) => !document.querySelector(selector), MARK_SELECTOR, {
    timeout: MARKS_TIMEOUT_MS,
  });
  await page.waitForTimeout(MARKING_SETTLE_MS);
  return (await readMarks(page)).length === 0;
}

describe("a page open when the extension goes away", () => {
  let harness: Harness;
  let changing: Page;
  let focused: Page;
  let carded: Page;
  const textBefore = new Map<Page, string>();

  beforeAll(async () => {
    harness = await startHarness();
    changing = await harness.open(articlePath(ARTICLE_002));
    focused = await harness.open(articlePath(DEMO_ARTICLE_ID));
    carded = await harness.open(articlePath(ARTICLE_004));
    for (const page of [changing, focused, carded]) {
      await waitForMarkingToSettle(page);
      textBefore.set(page, await pageText(page));
    }
    // A card read before the extension went away: its host stays on the page, closed.
    await openCard(carded);
    await waitForLoadedCard(carded);
    await carded.keyboard.press("Escape");
    await waitForNoCard(carded);
    const extensionPage = await openExtensionPage(harness.browser);
    const unloaded = extensionPage.waitForEvent("close", { timeout: UNLOAD_TIMEOUT_MS });
    // Later than the evaluation's answer, which the page's closing would otherwise cut off.
    await extensionPage.evaluate((delayMs) => {
      const { runtime } = (globalThis as unknown as { chrome: { runtime: { reload(): void } } })
        .chrome;
      setTimeout(() => runtime.reload(), delayMs);
    }, RELOAD_DELAY_MS);
    await unloaded;
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("takes its marks away for good once the page adds an element to its <html>", async () => {
    // Scripts that load others often append them to the document element.
    await changing.evaluate(() =>
      document.documentElement.append(document.createElement("script")),
    );
    expect(await marksGoneForGood(changing)).toBe(true);
    expect(await pageText(changing)).toBe(textBefore.get(changing));
  });

  it("takes its marks away when the reader tabs to one, leaving no card behind", async () => {
    const tabStop = focused.locator(`${MARK_SELECTOR}[tabindex="0"]`).first();
    // Still marked: nothing of the reader's has reached the cut-off script yet.
    expect(await tabStop.count()).toBe(1);
    await tabStop.focus();
    expect(await marksGoneForGood(focused)).toBe(true);
    expect(await cards(focused).count()).toBe(0);
    expect(await focused.locator("receipts-ui").count()).toBe(0);
    expect(await pageText(focused)).toBe(textBefore.get(focused));
  });

  it("says a card asked for afterwards could not be loaded, rather than loading for ever", async () => {
    const tabStop = carded.locator(`${MARK_SELECTOR}[tabindex="0"]`).nth(1);
    expect(await tabStop.count()).toBe(1);
    await tabStop.focus();
    const card = cards(carded).first();
    await card.getByText(CARD_NOT_LOADED).waitFor({ timeout: CARD_TIMEOUT_MS });
    expect(normalise((await card.textContent()) ?? "")).not.toContain("Loading");
  });
});
