/**
 * The options page as Chromium shows it: Chrome styles extension pages with a stylesheet of its
 * own (a smaller body font among others), which only a real browser applies.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchWithExtension,
  writeExtensionStorage,
  type ExtensionBrowser,
} from "../../scripts/demo/browser";

/** The size options.css gives the page's text. */
const TEXT_SIZE = "15px";
/** A phone's width: Firefox for Android opens the options page full screen. */
const PHONE_VIEWPORT = { width: 360, height: 740 };
/** Sites turned off, one a long host name with no hyphen or space to break at. */
const DISABLED_SITES = ["example.com", "investigationsandaccountability.metroedition.example"];

/** A paragraph, the frames setting's label, a name in the table and its menu. */
const TEXT_PARTS = ["p", "label", "th", "select"];

describe("the options page in Chromium", () => {
  let browser: ExtensionBrowser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchWithExtension();
    page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await page.locator("select").first().waitFor();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("reads at its own text size, not Chrome's 75% for an extension page's body, controls too", async () => {
    const sizes = await page.evaluate(
      (parts) =>
        parts.map((selector) => {
          const element = document.querySelector(selector);
          return element && `${selector}: ${getComputedStyle(element).fontSize}`;
        }),
      TEXT_PARTS,
    );
    expect(sizes).toEqual(TEXT_PARTS.map((selector) => `${selector}: ${TEXT_SIZE}`));
  });

  it("fits a phone's width with a long site name: no sideways scrolling, its button on one line", async () => {
    await writeExtensionStorage(browser.serviceWorker, "disabledSites", DISABLED_SITES);
    const phone = await browser.context.newPage();
    await phone.setViewportSize(PHONE_VIEWPORT);
    await phone.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const buttons = phone.locator("ul.sites button");
    await expect.poll(() => buttons.count()).toBe(DISABLED_SITES.length);
    const layout = await phone.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      buttonHeights: [...document.querySelectorAll("ul.sites button")].map(
        (button) => button.getBoundingClientRect().height,
      ),
    }));
    expect(layout.overflow).toBe(0);
    // The short site's button is on one line: the long site's is as tall.
    expect(new Set(layout.buttonHeights).size).toBe(1);
    await phone.close();
  });
});
