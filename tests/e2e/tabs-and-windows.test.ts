/**
 * What the browser does to tabs, with the extension's own tab and window calls (no permission
 * needed): a tab opened in the background, discarded to save memory and brought back (a new tab
 * id in this Chromium, and a fresh load), then moved into a second window. The page stays marked
 * and badged, the popup lists it and a card opens, whatever the tab went through. Headless
 * Chromium reports every tab visible, so a hidden tab's throttling is not tried here: the page
 * pass yields through MessageChannel, which hidden tabs do not throttle, and the observer's idle
 * wait has a 500 ms timeout, which a hidden tab's timer throttling can only delay.
 *
 * Chromium is started by us and Playwright connected to it (support/chromium-over-cdp.ts), not
 * launched by Playwright: with Playwright's own launch, Chromium 150 discarding a tab ended the
 * whole browser context for Playwright, while the same browser started this way goes on.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { popupUrl } from "../../scripts/demo/browser";
import { startChromiumOverCdp, type ChromiumOverCdp } from "./support/chromium-over-cdp";
import {
  articlePath,
  countByEntity,
  openCard,
  serveDemoSite,
  waitForMarkingToSettle,
  type DemoSiteServer,
  type MarkInfo,
} from "./support/harness";
import { badgeTextFrom, openExtensionPage } from "./support/service-worker";
import { pollUntil, popupCountsOnceListed, readDataset, waitForLoadedCard } from "./support/ui";

const ARTICLE_002 = "002_ed79f64283e41cd2";

/** The tab and window calls run in the extension page (no @types/chrome). */
interface TabsAndWindows {
  tabs: {
    create(details: { url: string; active: boolean }): Promise<{ id?: number }>;
    discard(tabId: number): Promise<{ id?: number; discarded: boolean } | undefined>;
    update(tabId: number, details: { active: boolean }): Promise<unknown>;
    move(tabId: number, details: { windowId: number; index: number }): Promise<unknown>;
  };
  windows: { create(details: { focused: boolean }): Promise<{ id?: number }> };
}

type Api = { chrome: TabsAndWindows };

describe("a tab the browser opens in the background, discards and moves", () => {
  let demo: DemoSiteServer;
  let chromium: ChromiumOverCdp;
  let browser: { context: BrowserContext; extensionId: string };
  let extensionPage: Page;
  let tabId: number;
  let page: Page;
  let marks: MarkInfo[];

  /** The badge, once it says `expected` (or the time is up). */
  const badge = (expected: string) =>
    pollUntil(() => badgeTextFrom(extensionPage, tabId), expected);

  beforeAll(async () => {
    demo = await serveDemoSite();
    chromium = await startChromiumOverCdp();
    const context = await chromium.connect();
    browser = { context, extensionId: await chromium.installExtension() };
    extensionPage = await openExtensionPage(browser);
  });
  afterAll(async () => {
    await chromium?.close();
    await demo?.stop();
  });

  it("marks and badges a page opened in a background tab", async () => {
    const opened = browser.context.waitForEvent("page");
    tabId = await extensionPage.evaluate(
      async (url) => {
        const tab = await (globalThis as unknown as Api).chrome.tabs.create({ url, active: false });
        return tab.id ?? -1;
      },
      demo.server.url + articlePath(ARTICLE_002),
    );
    page = await opened;
    marks = await waitForMarkingToSettle(page);
    expect(marks.length).toBeGreaterThan(0);
    const distinct = String(countByEntity(marks).size);
    expect(await badge(distinct)).toBe(distinct);
  });

  it("marks and badges it again when a discarded tab is brought back", async () => {
    tabId = await extensionPage.evaluate(async (id) => {
      const tab = await (globalThis as unknown as Api).chrome.tabs.discard(id);
      if (!tab?.discarded || tab.id === undefined) throw new Error("the tab was not discarded");
      return tab.id;
    }, tabId);
    const reloaded = browser.context.waitForEvent("page");
    await extensionPage.evaluate(
      (id) => (globalThis as unknown as Api).chrome.tabs.update(id, { active: true }),
      tabId,
    );
    page = await reloaded;
    const again = await waitForMarkingToSettle(page);
    expect(countByEntity(again)).toEqual(countByEntity(marks));
    const distinct = String(countByEntity(again).size);
    expect(await badge(distinct)).toBe(distinct);
  });

  it("keeps its badge, popup and cards when the tab moves into a second window", async () => {
    await extensionPage.evaluate(async (id) => {
      const { chrome } = globalThis as unknown as Api;
      const window = await chrome.windows.create({ focused: true });
      if (window.id === undefined) throw new Error("no window was made");
      await chrome.tabs.move(id, { windowId: window.id, index: -1 });
    }, tabId);
    const distinct = String(countByEntity(marks).size);
    expect(await badge(distinct)).toBe(distinct);

    const popup = await browser.context.newPage();
    await popup.goto(popupUrl(browser.extensionId, tabId));
    expect(await popupCountsOnceListed(popup)).toEqual(Object.fromEntries(countByEntity(marks)));
    await popup.close();

    // The first mark's card, with that entity's name: the background answered for this page.
    const first = readDataset().entities.find((entity) => entity.id === marks[0]?.entity);
    await page.bringToFront();
    await openCard(page);
    expect(await waitForLoadedCard(page)).toContain(first?.name ?? "(no first mark)");
  });
});
