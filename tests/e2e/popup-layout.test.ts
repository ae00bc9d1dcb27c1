/**
 * The popup's layout in Chromium: its body is 340px wide (popup.css), and nothing in it may run
 * past that, or the toolbar popup grows a horizontal scrollbar.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchWithExtension,
  openPopupFor,
  type ExtensionBrowser,
} from "../../scripts/demo/browser";
import { serveDemoSite, type DemoSiteServer } from "./support/harness";

/**
 * A news site's long host name, served on loopback: Chromium resolves every `*.localhost` name
 * to the loopback address itself. No hyphen or space to break at, and wider than the popup.
 */
const LONG_HOST = "investigationsandaccountability.metroedition.localhost";

describe("the popup's layout", () => {
  let demo: DemoSiteServer;
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    demo = await serveDemoSite();
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("wraps a long host name in the site switch instead of running past the popup's edge", async () => {
    const page = await browser.context.newPage();
    const { port } = new URL(demo.server.url);
    await page.goto(`http://${LONG_HOST}:${port}${demo.site.pages[0]}`);
    const popup = await openPopupFor(browser, page);
    const label = popup.locator(".switch span");
    await expect.poll(() => label.textContent()).toBe(`Highlight names on ${LONG_HOST}`);
    const edges = await popup.evaluate(() => ({
      body: document.body.getBoundingClientRect().right,
      label: document.querySelector(".switch span")!.getBoundingClientRect().right,
    }));
    expect(edges.label).toBeLessThanOrEqual(edges.body);
  });
});
