/**
 * An article Chromium prerendered (speculation rules, as a search engine asks for its top result;
 * the address bar does it too) and then showed in the tab. Its content script runs while it is
 * prerendered, when it is not yet the tab's page (its frame id is not 0), so the background
 * ignores the count it reports then; the tab is badged from the page's own answer when the load
 * completes (entrypoints/background.ts), as after the back/forward cache. Chromium prerenders
 * nothing while DevTools is attached, so Playwright connects once the article is shown.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extensionIdFromUrl, popupUrl } from "../../scripts/demo/browser";
import { startChromiumOverCdp, type ChromiumOverCdp } from "./support/chromium-over-cdp";
import {
  articlePath,
  countByEntity,
  serveDemoSite,
  waitForMarkingToSettle,
  type DemoSiteServer,
} from "./support/harness";
import { badgeTextFrom, openExtensionPage, tabIdFromExtensionPage } from "./support/service-worker";
import { pollUntil, popupCountsOnceListed, serveFixture } from "./support/ui";

/** The article the results page prerenders and follows (tests/fixtures/pages/search-results.html). */
const ARTICLE_002 = "002_ed79f64283e41cd2";
/** The results page follows its top result after 3 s (FOLLOW_AFTER_MS); and a busy machine's margin. */
const CONNECT_AFTER_MS = 8_000;
/** The extension's worker, already running for the badge; a cold one takes about 2 s. */
const SERVICE_WORKER_TIMEOUT_MS = 10_000;

describe("an article prerendered, then shown in the tab", () => {
  let demo: DemoSiteServer;
  let browser: ChromiumOverCdp;
  let context: BrowserContext;

  beforeAll(async () => {
    demo = await serveDemoSite();
    const results = serveFixture(demo, "search-results.html", "pages");
    browser = await startChromiumOverCdp({
      extensionAtStart: true,
      startUrl: demo.server.url + results,
    });
    await new Promise((resolve) => setTimeout(resolve, CONNECT_AFTER_MS));
    context = await browser.connect();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("is marked, badged and listed in the popup", async () => {
    const page: Page | undefined = context
      .pages()
      .find((candidate) => new URL(candidate.url()).pathname === articlePath(ARTICLE_002));
    if (!page)
      throw new Error(
        `The tab shows ${context
          .pages()
          .map((tab) => tab.url())
          .join()}`,
      );
    // Shown from the prerender: a page loaded in the tab would have started at 0.
    const activationStart = await page.evaluate(
      () =>
        (
          performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming & {
            activationStart: number;
          }
        ).activationStart,
    );
    expect(activationStart).toBeGreaterThan(0);
    const marks = await waitForMarkingToSettle(page);

    const isExtension = (url: string) => url.startsWith("chrome-extension://");
    const worker =
      context.serviceWorkers().find((candidate) => isExtension(candidate.url())) ??
      (await context.waitForEvent("serviceworker", {
        predicate: (candidate) => isExtension(candidate.url()),
        timeout: SERVICE_WORKER_TIMEOUT_MS,
      }));
    const extension = { context, extensionId: extensionIdFromUrl(worker.url()) };
    const tabId = await tabIdFromExtensionPage(extension, page);
    const extensionPage = await openExtensionPage(extension);
    const distinct = String(countByEntity(marks).size);
    expect(await pollUntil(() => badgeTextFrom(extensionPage, tabId), distinct)).toBe(distinct);

    const popup = await context.newPage();
    await popup.goto(popupUrl(extension.extensionId, tabId));
    expect(await popupCountsOnceListed(popup)).toEqual(Object.fromEntries(countByEntity(marks)));
  });
});
