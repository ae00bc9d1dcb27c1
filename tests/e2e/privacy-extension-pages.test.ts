import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXTENSION_DIR, popupUrl } from "../../scripts/demo/browser";
import { FIREFOX_EXTENSION_DIR } from "../../scripts/demo/firefox";
import { startHarness, type Harness } from "./support/harness";

/**
 * The browser, not only our lint rules, keeps the extension's own pages and its service worker
 * from reaching any address outside the extension (the manifest's content security policy). Each
 * attempt here is one a careless change could make: without the policy every one of them reaches
 * the loopback server (no host permission is needed for a request that reads nothing back).
 */
describe("privacy: the extension's pages and worker cannot reach the network", () => {
  let harness: Harness;
  let target: string;
  beforeAll(async () => {
    harness = await startHarness();
    target = `${harness.server.url}/demo.css`;
  });
  afterAll(async () => {
    await harness?.stop();
  });

  /**
   * Tries a fetch, an image and a beacon from an extension page; returns whether the fetch got
   * through, and waits for the browser to report the image and the beacon refused (a refused
   * beacon still returns true, and an image fails either way: the report is what tells).
   */
  async function tryToSend(page: Page, address: string): Promise<string> {
    await page.evaluate(() => {
      const refused: string[] = [];
      Object.assign(window, { refused });
      document.addEventListener("securitypolicyviolation", (event) =>
        refused.push(event.blockedURI),
      );
    });
    const fetched = await page.evaluate((url) => {
      new Image().src = `${url}?image`;
      navigator.sendBeacon(`${url}?beacon`, "x");
      return fetch(url, { mode: "no-cors" }).then(
        () => "sent",
        () => "refused",
      );
    }, address);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { refused: string[] }).refused))
      .toEqual(expect.arrayContaining([`${address}?image`, `${address}?beacon`]));
    return fetched;
  }

  it.each([
    ["the popup", (id: string) => popupUrl(id)],
    ["the options page", (id: string) => `chrome-extension://${id}/options.html`],
  ])("%s", async (_, urlOf) => {
    const page = await harness.browser.context.newPage();
    await page.goto(urlOf(harness.browser.extensionId));
    expect(await tryToSend(page, target)).toBe("refused");
    await page.close();
  });

  it("the service worker", async () => {
    const fetched = await harness.browser.serviceWorker.evaluate(
      (address) =>
        fetch(address, { mode: "no-cors" }).then(
          () => "sent",
          () => "refused",
        ),
      target,
    );
    expect(fetched).toBe("refused");
  });

  it("Firefox's build declares the policy Chromium's enforces here (MV2 writes it as a string)", () => {
    const policyOf = (dir: string) =>
      JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")).content_security_policy;
    const chromium = policyOf(EXTENSION_DIR).extension_pages;
    expect(chromium).toMatch(/^default-src 'self';/);
    expect(policyOf(FIREFOX_EXTENSION_DIR)).toBe(chromium);
  });
});
