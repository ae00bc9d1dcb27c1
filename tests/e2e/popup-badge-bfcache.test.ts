import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CHROMIUM_PATH,
  chromiumArgs,
  EXTENSION_DIR,
  extensionIdFromUrl,
  type ExtensionBrowser,
} from "../../scripts/demo/browser";
import {
  articlePath,
  countByEntity,
  LOOKALIKES_PATH,
  readMarks,
  serveDemoSite,
  tabIdOf,
  waitForMarkingToSettle,
  type DemoSiteServer,
} from "./support/harness";
import { badgeTextOf, pollUntil } from "./support/ui";

const ARTICLE_002 = "002_ed79f64283e41cd2";
/** Playwright turns the back/forward cache off by default; readers have it on. */
const PLAYWRIGHT_NO_BFCACHE_FLAG = "--disable-back-forward-cache";

/** Chromium with the extension and the back/forward cache as it ships. */
async function launchWithBackForwardCache(): Promise<ExtensionBrowser> {
  const context: BrowserContext = await chromium.launchPersistentContext("", {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgs(EXTENSION_DIR),
    ignoreDefaultArgs: [PLAYWRIGHT_NO_BFCACHE_FLAG],
  });
  const serviceWorker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  return {
    context,
    serviceWorker,
    extensionId: extensionIdFromUrl(serviceWorker.url()),
    close: () => context.close(),
  };
}

describe("the toolbar badge and the back/forward cache", () => {
  let demo: DemoSiteServer;
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    demo = await serveDemoSite();
    browser = await launchWithBackForwardCache();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("badges a page restored from the cache with its marks again", async () => {
    const page: Page = await browser.context.newPage();
    await page.goto(demo.server.url + articlePath(ARTICLE_002));
    const marks = await waitForMarkingToSettle(page);
    const tabId = await tabIdOf(browser, page);
    const distinct = String(countByEntity(marks).size);
    expect(await pollUntil(() => badgeTextOf(browser, tabId), distinct)).toBe(distinct);
    // A flag on the page's window survives only if the page itself comes back from the cache.
    await page.evaluate(() => Object.assign(window, { receiptsTestRestored: true }));

    await page.goto(demo.server.url + LOOKALIKES_PATH);
    expect(await pollUntil(() => badgeTextOf(browser, tabId), "")).toBe("");
    // A restored page fires no load event: wait for the navigation to commit only.
    await page.goBack({ waitUntil: "commit" });

    expect(await page.evaluate(() => "receiptsTestRestored" in window)).toBe(true);
    expect(await readMarks(page)).toEqual(marks);
    expect(await pollUntil(() => badgeTextOf(browser, tabId), distinct)).toBe(distinct);
    await page.close();
  });
});
