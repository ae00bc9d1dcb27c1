/**
 * The options page as Chromium shows it: Chrome styles extension pages with a stylesheet of its
 * own (a smaller body font among others), which only a real browser applies.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchWithExtension, type ExtensionBrowser } from "../../scripts/demo/browser";

/** The size options.css gives the page's text. */
const TEXT_SIZE = "15px";
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
});
