/**
 * Installing (or updating) the extension while a news page is open, as readers do: Chrome runs no
 * content script in the tabs already open, so that page is not marked and does not answer the
 * popup. The popup the reader opens from the toolbar button starts Receipts there itself (the
 * click grants it the tab: activeTab), as it does on a site set to "on click". Opened any other
 * way it has no access to the tab, and must then say the page needs reloading, not only that
 * browser pages and stores are off limits, which leaves the reader thinking news pages cannot
 * be read.
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
import { tabIdFromExtensionPage } from "./support/service-worker";
import { normalise, popupCountsOnceListed } from "./support/ui";

/** The popup's words for a tab that does not answer (lib/ui/Popup.tsx). */
const CANNOT_READ = "Receipts cannot read this page.";
const RELOAD_HINT = "needs reloading";

describe("installing the extension with a news page open", () => {
  let demo: DemoSiteServer;
  let browser: ChromiumOverCdp;
  let page: Page;
  let popup: Page;
  let tabId: number;
  let extensionId: string;

  beforeAll(async () => {
    demo = await serveDemoSite();
    browser = await startChromiumOverCdp();
    const context = await browser.connect();
    page = await context.newPage();
    await page.goto(demo.server.url + articlePath(DEMO_ARTICLE_ID));
    extensionId = await browser.installExtension();
    tabId = await tabIdFromExtensionPage({ context, extensionId }, page);
    popup = await context.newPage();
    await popup.goto(popupUrl(extensionId, tabId));
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
