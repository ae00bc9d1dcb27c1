/**
 * A reader who keeps extensions away from sites until asked sets Receipts' site access to "on
 * click". Chrome then holds back the content script, and the reader's click on the toolbar button
 * runs what it held back. When the manifest also listed our stylesheet, Chrome counted it as
 * work done at document start, which only a reload can run: the click asked for a reload and
 * marked nothing. The content script puts its stylesheet in itself (lib/dom/page-styles.ts), so
 * one click marks the page, underlined, with no reload.
 */
import type { Page } from "playwright-core";
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
import { startChromiumOverCdp, type ChromiumOverCdp } from "./support/chromium-over-cdp";
import { MARK_SELECTOR } from "../../lib/dom/highlighter";
import { tabIdFromExtensionPage } from "./support/service-worker";
import { popupCountsOnceListed } from "./support/ui";

/** The popup's words for a tab that does not answer (lib/ui/Popup.tsx). */
const CANNOT_READ = "Receipts cannot read this page.";

describe("a site the reader set to 'on click'", () => {
  let demo: DemoSiteServer;
  let browser: ChromiumOverCdp;
  let page: Page;
  let popup: Page;
  let extensionId: string;
  /** The page's own <style> elements: ours is adopted, never one of them. */
  let pageStyleElements: number;

  beforeAll(async () => {
    demo = await serveDemoSite();
    browser = await startChromiumOverCdp();
    const context = await browser.connect();
    extensionId = await browser.installExtension();
    await browser.setSiteAccess(extensionId, "ON_CLICK");
    page = await context.newPage();
    await page.goto(demo.server.url + articlePath(DEMO_ARTICLE_ID));
    const tabId = await tabIdFromExtensionPage({ context, extensionId }, page);
    popup = await context.newPage();
    await popup.goto(popupUrl(extensionId, tabId));
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
