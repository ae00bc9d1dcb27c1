/**
 * Tabs where Chrome runs no content script of ours until the reader clicks the toolbar button:
 *
 * - A news page open while the extension is installed (or updated), as readers do: Chrome runs no
 *   content script in the tabs already open, so that page is not marked and does not answer the
 *   popup. The popup the reader opens from the toolbar button starts Receipts there itself (the
 *   click grants it the tab: activeTab). Opened any other way it has no access to the tab, and
 *   must then say the page needs reloading, not only that browser pages and stores are off
 *   limits, which leaves the reader thinking news pages cannot be read.
 * - A site the reader set to "on click", to keep extensions away until asked. Chrome holds the
 *   content script back, and the click runs what it held back instead of opening the popup. When
 *   the manifest also listed our stylesheet, Chrome counted it as work done at document start,
 *   which only a reload can run: the click asked for a reload and marked nothing. The content
 *   script styles its marks itself (lib/dom/mark-styles.ts), so one click marks the page,
 *   underlined, with no reload.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { popupUrl } from "../../scripts/demo/browser";
import {
  articlePath,
  countByEntity,
  DEMO_ARTICLE_ID,
  POPUP_TIMEOUT_MS,
  readMarks,
  serveDemoSite,
  waitForMarkingToSettle,
  type DemoSiteServer,
} from "./support/harness";
import { MARK_SELECTOR } from "../../lib/dom/highlighter";
import { startChromiumOverCdp, type ChromiumOverCdp } from "./support/chromium-over-cdp";
import { tabIdFromExtensionPage } from "./support/service-worker";
import { normalise, popupCountsOnceListed } from "./support/ui";

/** The popup's words for a tab that does not answer (lib/ui/Popup.tsx). */
const CANNOT_READ = "Receipts cannot read this page.";
const RELOAD_HINT = "needs reloading";

/** The popup opened as a page (not from the toolbar, so with no grant) for `page`'s tab. */
async function popupFor(context: BrowserContext, extensionId: string, page: Page): Promise<Page> {
  const tabId = await tabIdFromExtensionPage({ context, extensionId }, page);
  const popup = await context.newPage();
  await popup.goto(popupUrl(extensionId, tabId));
  return popup;
}

describe("installing the extension with a news page open", () => {
  let demo: DemoSiteServer;
  let browser: ChromiumOverCdp;
  let page: Page;
  let popup: Page;
  let extensionId: string;

  beforeAll(async () => {
    demo = await serveDemoSite();
    browser = await startChromiumOverCdp();
    const context = await browser.connect();
    page = await context.newPage();
    await page.goto(demo.server.url + articlePath(DEMO_ARTICLE_ID));
    extensionId = await browser.installExtension();
    popup = await popupFor(context, extensionId, page);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("leaves the open page unmarked; a popup without access to it says it needs reloading", async () => {
    const line = popup.getByText(CANNOT_READ);
    await line.waitFor({ timeout: POPUP_TIMEOUT_MS });
    expect(normalise((await line.textContent()) ?? "")).toContain(RELOAD_HINT);
    expect(await readMarks(page)).toEqual([]);
  });

  it("marks the page from the toolbar button's popup, with no reload", async () => {
    // The popup the click opens is not a page Playwright attaches to; the marks show it ran.
    // The reader clicks the button of the tab they are reading: the popup summarises that one.
    await page.bringToFront();
    await browser.clickToolbarButton(extensionId, page.url());
    const marks = await waitForMarkingToSettle(page);
    expect(marks.length).toBeGreaterThan(0);
    await popup.reload();
    expect(await popupCountsOnceListed(popup)).toEqual(Object.fromEntries(countByEntity(marks)));
  });

  it("marks the page once it is reloaded, and the popup then lists it", async () => {
    await page.reload();
    const marks = await waitForMarkingToSettle(page);
    await popup.reload();
    expect(await popupCountsOnceListed(popup)).toEqual(Object.fromEntries(countByEntity(marks)));
  });
});

describe("a site the reader set to 'on click'", () => {
  let demo: DemoSiteServer;
  let browser: ChromiumOverCdp;
  let page: Page;
  let popup: Page;
  let extensionId: string;
  /** The page's own <style> elements: our marks' style is in their own roots, never one of them. */
  let pageStyleElements: number;

  beforeAll(async () => {
    demo = await serveDemoSite();
    browser = await startChromiumOverCdp();
    const context = await browser.connect();
    extensionId = await browser.installExtension();
    await browser.setSiteAccess(extensionId, "ON_CLICK");
    page = await context.newPage();
    await page.goto(demo.server.url + articlePath(DEMO_ARTICLE_ID));
    popup = await popupFor(context, extensionId, page);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("is left alone until the reader clicks the toolbar button", async () => {
    await popup.getByText(CANNOT_READ).waitFor({ timeout: POPUP_TIMEOUT_MS });
    expect(await readMarks(page)).toEqual([]);
    pageStyleElements = await page.locator("style").count();
  });

  it("is marked and underlined on the first click, with no reload", async () => {
    await page.bringToFront();
    await browser.clickToolbarButton(extensionId, page.url());
    const marks = await waitForMarkingToSettle(page);
    expect(marks.length).toBeGreaterThan(0);
    const look = await page
      .locator(MARK_SELECTOR)
      .first()
      .evaluate((mark) => {
        const style = getComputedStyle(mark);
        return { line: style.textDecorationLine, style: style.textDecorationStyle };
      });
    expect(look).toEqual({ line: "underline", style: "dotted" });
    // Adopted, not an element in the page's tree.
    expect(await page.locator("style").count()).toBe(pageStyleElements);

    await popup.reload();
    expect(await popupCountsOnceListed(popup)).toEqual(Object.fromEntries(countByEntity(marks)));
  });
});
