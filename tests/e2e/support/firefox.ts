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
  firefoxPopupUrl,
  launchFirefoxWithExtension,
  openExtensionPage,
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

/** `prefs` are added to Firefox's profile (e.g. TOOLBAR_POPUP_PREFS). */
export async function startFirefoxHarness(
  prefs: Record<string, unknown> = {},
): Promise<FirefoxHarness> {
  const demo = await serveDemoSite();
  let firefox: FirefoxExtensionBrowser;
  try {
    firefox = await launchFirefoxWithExtension(undefined, prefs);
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

/**
 * Sizes the page's viewport. Puppeteer sends a screen-orientation override beside the size, which
 * Firefox ESR 140's WebDriver BiDi does not know (later releases do); the size is set either way,
 * so that refusal alone is let pass.
 */
export async function setFirefoxViewport(
  page: Page,
  size: { width: number; height: number },
): Promise<void> {
  try {
    await page.setViewport(size);
  } catch (error) {
    if (!(
      error instanceof Error && /unknown command .*setScreenOrientationOverride/.test(error.message)
    ))
      throw error;
  }
}

/**
 * Lets a test open the real toolbar popup (`openToolbarPopup`): Firefox opens it on a click only,
 * unless told otherwise.
 */
export const TOOLBAR_POPUP_PREFS = { "extensions.openPopupWithoutUserGesture.enabled": true };

/** The real toolbar popup as Firefox sized it, once it shows what was waited for. */
export interface ToolbarPopupGeometry {
  /** The panel's inner size: what Firefox sized it to (at most 800 × 600). */
  width: number;
  height: number;
  /** The document's box less its scrollbars, and what it holds. */
  clientWidth: number;
  clientHeight: number;
  scrollWidth: number;
  scrollHeight: number;
  /** The right edge of every element matching `measure`, in the popup's coordinates. */
  rightEdges: number[];
}

/** The part of the extension API the helper calls inside an extension page. */
interface PopupViewsApi {
  browserAction: { openPopup(): Promise<void> };
  extension: { getViews(filter: { type: "popup" }): Window[] };
}

/** Geometry unchanged for this many polls in a row: Firefox has finished resizing the panel. */
const POPUP_STABLE_POLLS = 3;
const POPUP_POLL_MS = 100;

/**
 * Opens the extension's real toolbar popup for `page`'s tab, the panel Firefox sizes to its
 * content, not a tab showing popup.html; waits for `selector` in it and for its size to settle,
 * measures it, and closes it. The panel is browser chrome, out of Puppeteer's reach: an extension
 * page opens it (`browserAction.openPopup`, allowed by TOOLBAR_POPUP_PREFS) and reads it as one of
 * the extension's own windows (`extension.getViews`).
 */
export async function openToolbarPopup(
  harness: FirefoxHarness,
  page: Page,
  selector: string,
  measure: string,
): Promise<ToolbarPopupGeometry> {
  const opener = await openExtensionPage(
    harness.firefox,
    firefoxPopupUrl(harness.firefox.extensionUuid),
  );
  try {
    // The popup summarises the active tab of the window.
    await page.bringToFront();
    return await opener.evaluate(
      async (selector, measure, timeoutMs, stablePolls, pollMs) => {
        const api = (globalThis as unknown as { browser: PopupViewsApi }).browser;
        await api.browserAction.openPopup();
        const deadline = Date.now() + timeoutMs;
        let last = "";
        let unchanged = 0;
        for (;;) {
          const [popup] = api.extension.getViews({ type: "popup" });
          if (popup?.document.querySelector(selector)) {
            const root = popup.document.documentElement;
            const geometry = {
              width: popup.innerWidth,
              height: popup.innerHeight,
              clientWidth: root.clientWidth,
              clientHeight: root.clientHeight,
              scrollWidth: root.scrollWidth,
              scrollHeight: root.scrollHeight,
              rightEdges: [...popup.document.querySelectorAll(measure)].map(
                (element) => element.getBoundingClientRect().right,
              ),
            };
            const now = JSON.stringify(geometry);
            unchanged = now === last ? unchanged + 1 : 0;
            last = now;
            if (unchanged >= stablePolls) {
              popup.close();
              return geometry;
            }
          }
          if (Date.now() > deadline) {
            popup?.close();
            throw new Error(`The toolbar popup showed no ${selector} in ${timeoutMs} ms.`);
          }
          await new Promise((resolve) => setTimeout(resolve, pollMs));
        }
      },
      selector,
      measure,
      POPUP_TIMEOUT_MS,
      POPUP_STABLE_POLLS,
      POPUP_POLL_MS,
    );
  } finally {
    await opener.close();
  }
}
