/**
 * Chrome stops an extension's service worker after 30 s without events, and starts it again for
 * the next one: everything the background does must work from a cold start, with nothing it knew
 * before the stop. Each test stops the worker, then does what a reader does, and checks the
 * worker was started by that (not by the test) and answered.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { popupUrl } from "../../scripts/demo/browser";
import { DEMO_PERSON_ID } from "../../scripts/demo/screenshots";
import {
  articlePath,
  countByEntity,
  DEMO_ARTICLE_ID,
  markOf,
  openCard,
  POPUP_TIMEOUT_MS,
  readMarks,
  startHarness,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";
import {
  badgeTextFrom,
  openExtensionPage,
  removeStoredFrom,
  tabIdFromExtensionPage,
  watchServiceWorker,
  type ServiceWorkerWatch,
} from "./support/service-worker";
import { expectCardOf, pollUntil, popupCountsOnceListed, waitForLoadedCard } from "./support/ui";

const ARTICLE_002 = "002_ed79f64283e41cd2";
/** Long enough for the storage change to reach the content script and the marks to go. */
const SWITCH_TIMEOUT_MS = 5_000;

describe("after Chrome stops the idle service worker", () => {
  let harness: Harness;
  let worker: ServiceWorkerWatch;
  const opened: Page[] = [];
  const track = (page: Page) => {
    opened.push(page);
    return page;
  };

  beforeAll(async () => {
    harness = await startHarness();
    worker = await watchServiceWorker(harness.browser);
  });
  afterAll(async () => {
    await worker?.close();
    await harness?.stop();
  });
  afterEach(async () => {
    // A failed switch test must not leave the demo site turned off for the next test.
    const extensionPage = await openExtensionPage(harness.browser);
    await removeStoredFrom(extensionPage, "disabledSites");
    await extensionPage.close();
    for (const page of opened.splice(0)) await page.close();
  });

  it("a card asks the stopped background, which starts and answers with the card's text", async () => {
    const page = track(await harness.open(articlePath(DEMO_ARTICLE_ID)));
    await waitForMarkingToSettle(page);
    await worker.stop();
    const starts = worker.starts();

    await openCard(page, markOf(DEMO_PERSON_ID));
    expectCardOf(await waitForLoadedCard(page), DEMO_PERSON_ID, "Vinod Khosla");
    expect(worker.starts()).toBe(starts + 1);
  });

  it("the popup lists the page's entities with their counts", async () => {
    const page = track(await harness.open(articlePath(DEMO_ARTICLE_ID)));
    const marks = await waitForMarkingToSettle(page);
    const tabId = await tabIdFromExtensionPage(harness.browser, page);
    await worker.stop();

    const popup = track(await harness.browser.context.newPage());
    await popup.goto(popupUrl(harness.browser.extensionId, tabId));
    expect(await popupCountsOnceListed(popup)).toEqual(Object.fromEntries(countByEntity(marks)));
  });

  it("the badge counts a page loaded into a tab while the worker was stopped", async () => {
    const page = track(await harness.browser.context.newPage());
    // The tab's id while the worker can still tell it; the page loads after the stop.
    const tabId = await tabIdFromExtensionPage(harness.browser, page);
    await worker.stop();
    const starts = worker.starts();

    await page.goto(harness.server.url + articlePath(ARTICLE_002));
    const marks = await waitForMarkingToSettle(page);
    await worker.waitFor("running");
    // Started by the tab's load and the page's report, before the test opened any page of its own.
    expect(worker.starts()).toBeGreaterThan(starts);
    const extensionPage = track(await openExtensionPage(harness.browser));
    const distinct = String(countByEntity(marks).size);
    expect(await pollUntil(() => badgeTextFrom(extensionPage, tabId), distinct)).toBe(distinct);
  });

  it("the site switch turns marking off, clears the badge, and turns it back on", async () => {
    const page = track(await harness.open(articlePath(DEMO_ARTICLE_ID)));
    const before = await waitForMarkingToSettle(page);
    const tabId = await tabIdFromExtensionPage(harness.browser, page);
    await worker.stop();

    const popup = track(await harness.browser.context.newPage());
    await popup.goto(popupUrl(harness.browser.extensionId, tabId));
    const siteSwitch = popup.getByRole("checkbox", { name: /Highlight names on 127\.0\.0\.1/ });
    await siteSwitch.waitFor({ timeout: POPUP_TIMEOUT_MS });
    // Stopped again with the popup open, as after a reader's pause before the click.
    await worker.stop();
    await siteSwitch.click();
    await page.waitForFunction(
      () => document.querySelectorAll("receipts-mark").length === 0,
      null,
      {
        timeout: SWITCH_TIMEOUT_MS,
      },
    );
    expect(await pollUntil(() => badgeTextFrom(popup, tabId), "")).toBe("");

    await worker.stop();
    await siteSwitch.click();
    const after = await waitForMarkingToSettle(page);
    expect(countByEntity(after)).toEqual(countByEntity(before));
    const distinct = String(countByEntity(after).size);
    expect(await pollUntil(() => badgeTextFrom(popup, tabId), distinct)).toBe(distinct);
    expect(await readMarks(page)).toEqual(after);
  });
});
