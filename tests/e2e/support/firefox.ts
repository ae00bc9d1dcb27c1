/**
 * The Firefox counterpart of ./harness.ts: the same demo site on a loopback server, Firefox with
 * the built Firefox extension, and Puppeteer versions of the harness's page helpers (the in-page
 * parts are shared).
 *
 *   const harness = await startFirefoxHarness();  // in beforeAll
 *   const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
 *   await harness.stop();                         // in afterAll
 */
import type { ElementHandle, Page } from "puppeteer-core";
import {
  launchFirefoxWithExtension,
  openFirefoxPopupFor,
  type FirefoxExtensionBrowser,
} from "../../../scripts/demo/firefox";
import {
  CARD_TIMEOUT_MS,
  MARK_SELECTOR,
  MARKS_TIMEOUT_MS,
  POPUP_ENTITY_SELECTOR,
  POPUP_TIMEOUT_MS,
} from "../../../scripts/demo/screenshots";
import {
  describeMarks,
  describePopupRows,
  serveDemoSite,
  settleMarks,
  type DemoSiteServer,
  type MarkInfo,
} from "./harness";

/** Puppeteer's `>>>` pierces shadow roots (Playwright's CSS engine does it unasked). */
export const FIREFOX_CARD_SELECTOR = 'receipts-ui >>> [role="dialog"]';

export interface FirefoxHarness {
  firefox: FirefoxExtensionBrowser;
  demo: DemoSiteServer;
  /** A new tab at a site path, loaded. */
  open(path: string): Promise<Page>;
  openPopupFor(page: Page): Promise<Page>;
  stop(): Promise<void>;
}

export async function startFirefoxHarness(): Promise<FirefoxHarness> {
  const demo = await serveDemoSite();
  let firefox: FirefoxExtensionBrowser;
  try {
    firefox = await launchFirefoxWithExtension();
  } catch (error) {
    await demo.stop();
    throw error;
  }
  return {
    firefox,
    demo,
    async open(path) {
      const page = await firefox.browser.newPage();
      await page.goto(demo.server.url + path);
      return page;
    },
    openPopupFor: (page) => openFirefoxPopupFor(firefox, page),
    async stop() {
      await firefox.close();
      await demo.stop();
    },
  };
}

/** Every mark on the page, in document order. */
export async function readFirefoxMarks(page: Page): Promise<MarkInfo[]> {
  return page.$$eval(MARK_SELECTOR, describeMarks);
}

/** Waits for the first mark, then until the number of marks stops changing. */
export async function waitForFirefoxMarkingToSettle(page: Page): Promise<MarkInfo[]> {
  await page.waitForSelector(MARK_SELECTOR, { timeout: MARKS_TIMEOUT_MS });
  return settleMarks(() => readFirefoxMarks(page));
}

/** The first mark of one entity. */
export async function firefoxMarkOf(page: Page, entityId: string): Promise<ElementHandle> {
  const mark = await page.waitForSelector(`${MARK_SELECTOR}[data-receipts-entity="${entityId}"]`, {
    timeout: MARKS_TIMEOUT_MS,
  });
  if (!mark) throw new Error(`No mark for ${entityId}.`);
  return mark;
}

/** Waits until the card has its data (its heading, not the loading line) and returns its text. */
export async function waitForFirefoxCard(page: Page): Promise<string> {
  const heading = await page.waitForSelector(`${FIREFOX_CARD_SELECTOR} h3`, {
    visible: true,
    timeout: CARD_TIMEOUT_MS,
  });
  if (!heading) throw new Error("No card heading.");
  const card = await page.$(FIREFOX_CARD_SELECTOR);
  return (await card?.evaluate((element) => element.textContent ?? "")) ?? "";
}

/** The popup's entity rows, by entity id, once the first one is shown. */
export async function readFirefoxPopupCounts(popup: Page): Promise<Map<string, number>> {
  await popup.waitForSelector(POPUP_ENTITY_SELECTOR, { visible: true, timeout: POPUP_TIMEOUT_MS });
  return new Map(await popup.$$eval(POPUP_ENTITY_SELECTOR, describePopupRows));
}
