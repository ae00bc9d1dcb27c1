import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  articlePath,
  DEMO_ARTICLE_ID,
  LOOKALIKES_PATH,
  openPopupFor,
  startHarness,
  tabIdOf,
  type Harness,
} from "./support/harness";

// The harness itself: these hold whatever the content script does.
describe("e2e harness", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("loads the built extension and reads its id from the service worker", () => {
    expect(harness.browser.extensionId).toMatch(/^[a-p]{32}$/);
    expect(harness.browser.serviceWorker.url()).toBe(
      `chrome-extension://${harness.browser.extensionId}/background.js`,
    );
  });

  it("serves the index page, linking every article and the look-alike page", async () => {
    const page = await harness.open("/");
    const links = await page
      .locator("main a")
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")));
    expect(links).toEqual([
      ...harness.site.articles.map((article) => article.path),
      LOOKALIKES_PATH,
    ]);
    expect(harness.site.articles).toHaveLength(5);
    await page.close();
  });

  it("serves each article as a news page with its headline in <h1>", async () => {
    for (const article of harness.site.articles) {
      const page = await harness.open(article.path);
      await expect(page.locator("h1").textContent()).resolves.toBe(article.meta.headline);
      expect(await page.locator(".article-body p").count()).toBeGreaterThan(3);
      await page.close();
    }
  });

  it("tells pages' tab ids apart through the service worker", async () => {
    const first = await harness.open(articlePath(DEMO_ARTICLE_ID));
    const second = await harness.open(LOOKALIKES_PATH);
    const firstId = await tabIdOf(harness.browser, first);
    const secondId = await tabIdOf(harness.browser, second);
    expect(Number.isInteger(firstId) && firstId > 0).toBe(true);
    expect(secondId).not.toBe(firstId);
    await expect(tabIdOf(harness.browser, first)).resolves.toBe(firstId);
    await first.close();
    await second.close();
  });

  it("opens the popup page as a tab", async () => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    const popup = await openPopupFor(harness.browser, page);
    expect(popup.url()).toMatch(
      new RegExp(`^chrome-extension://${harness.browser.extensionId}/popup\\.html\\?tab=\\d+$`),
    );
    await popup.close();
    await page.close();
  });
});
