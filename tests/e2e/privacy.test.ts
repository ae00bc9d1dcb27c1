import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDemoArticles } from "../../scripts/demo/site";
import {
  LOOKALIKES_PATH,
  MARK_SELECTOR,
  openCard,
  openPopupFor,
  POPUP_EMPTY_SELECTOR,
  POPUP_ENTITY_SELECTOR,
  POPUP_TIMEOUT_MS,
  startHarness,
  waitForMarks,
  type Harness,
} from "./support/harness";
import { serveFixture, waitForLoadedCard, waitForPopupList } from "./support/ui";

/** Pages loaded only because the browser wants them, never by the extension or the demo. */
const BROWSER_OWN_URLS = /^(about:blank|data:)/;
const FIXTURES = ["edges.html", "edges-rtl.html"];
const ARTICLES = readDemoArticles();
/** Pages that name people from the dataset (the index, in its headlines): a card, the popup, a jump. */
const PAGES_WITH_NAMES = [
  "/",
  ...ARTICLES.map((article) => article.path),
  ...FIXTURES.map((name) => `/${name}`),
];
/** Pages that name nobody: the popup says so once the content script has read them. */
const PAGES_WITHOUT_NAMES = [LOOKALIKES_PATH];
const BROWSED_PAGES = [...PAGES_WITH_NAMES, ...PAGES_WITHOUT_NAMES];
/** The one file the demo pages and fixtures load besides themselves. */
const PAGE_STYLESHEET = "/demo.css";

interface Recorded {
  url: string;
  from: string;
}

/**
 * Every request the browser context issues: from pages (content scripts run in them), from
 * extension pages (the popup, the options page) and from the extension's service worker, which
 * Playwright reports on the context too.
 */
function recordRequests(harness: Harness): Recorded[] {
  const recorded: Recorded[] = [];
  const from = (request: Request): string => {
    const worker = request.serviceWorker();
    if (worker) return `service worker ${worker.url()}`;
    try {
      return `frame ${request.frame().url()}`;
    } catch {
      return "unknown";
    }
  };
  harness.browser.context.on("request", (request) =>
    recorded.push({ url: request.url(), from: from(request) }),
  );
  // WebSockets do not go through the request event.
  const watchSockets = (page: Page) =>
    page.on("websocket", (socket) => recorded.push({ url: socket.url(), from: page.url() }));
  harness.browser.context.pages().forEach(watchSockets);
  harness.browser.context.on("page", watchSockets);
  return recorded;
}

describe("privacy: nothing leaves the browser", () => {
  let harness: Harness;
  let recorded: Recorded[];
  let cardsOpened = 0;
  beforeAll(async () => {
    harness = await startHarness();
    recorded = recordRequests(harness);
    for (const fixture of FIXTURES) serveFixture(harness, fixture);
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("the recorder sees the service worker's requests (so silence below means something)", async () => {
    // Its own files are all the extension's policy lets it ask for (privacy-extension-pages).
    const probe = await harness.browser.serviceWorker.evaluate(async () => {
      const url = `${location.origin}/manifest.json?probe=service-worker`;
      await fetch(url);
      return url;
    });
    await expect.poll(() => recorded.map((item) => item.url)).toContain(probe);
  });

  it.each(PAGES_WITH_NAMES)(
    "browse %s: open a card, open the popup, jump to a mention",
    async (path) => {
      const page = await harness.open(path);
      // The last mark: furthest down, so the card opens on a scrolled page.
      await openCard(page, async (all) => all.last());
      await waitForLoadedCard(page);
      cardsOpened += 1;
      const popup = await openPopupFor(harness.browser, page);
      await waitForPopupList(popup);
      await popup.locator(`${POPUP_ENTITY_SELECTOR} button`).first().click();
      await popup.close();
      await page.close();
    },
  );

  it.each(PAGES_WITHOUT_NAMES)("browse %s: the popup says nobody is named", async (path) => {
    const page = await harness.open(path);
    const popup = await openPopupFor(harness.browser, page);
    await popup
      .locator(POPUP_EMPTY_SELECTOR)
      .waitFor({ state: "visible", timeout: POPUP_TIMEOUT_MS });
    expect(await page.locator(MARK_SELECTOR).count()).toBe(0);
    // Nor our marks' sheet, which the page's own scripts could read (this runs in their world).
    expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
    await popup.close();
    await page.close();
  });

  it("browse the options page", async () => {
    const options = await harness.browser.context.newPage();
    await options.goto(`chrome-extension://${harness.browser.extensionId}/options.html`);
    // Its lists come from the extension's storage and dataset: shown means it has read them.
    await options
      .locator("select")
      .first()
      .waitFor({ state: "visible", timeout: POPUP_TIMEOUT_MS });
    await options.close();
  });

  it("the marks are plain elements with no resource of their own (no images, no link prefetch)", async () => {
    const page = await harness.open(ARTICLES[0]?.path ?? "/");
    expect(await (await waitForMarks(page)).count()).toBeGreaterThan(0);
    const resources = await page
      .locator(MARK_SELECTOR)
      .evaluateAll((marks) =>
        marks.flatMap((mark) =>
          [...mark.querySelectorAll("img, link, script, iframe, [src], [href]")].map(
            (element) => element.outerHTML,
          ),
        ),
      );
    expect(resources).toEqual([]);
    await page.close();
  });
  it("posts the page no message: nothing a page's listener could hear, or know the extension by", async () => {
    const page = await harness.browser.context.newPage();
    // Before any script of the page, as a page's own listener would be.
    await page.addInitScript(() => {
      const heard: string[] = [];
      Object.assign(window, { heardMessages: heard });
      addEventListener("message", (event) => heard.push(JSON.stringify(event.data)), true);
    });
    await page.goto(harness.server.url + (ARTICLES[0]?.path ?? "/"));
    expect(await (await waitForMarks(page)).count()).toBeGreaterThan(0);
    // Marked: the content script has long started (and WXT would have posted as it started).
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(
      await page.evaluate(() => (window as unknown as { heardMessages: string[] }).heardMessages),
    ).toEqual([]);
    await page.close();
  });

  it("writes nothing a page could know it by on <html>, even for a page that asks as the bench once did", async () => {
    const page = await harness.browser.context.newPage();
    // The bench's old switch for the content script's task meter, which the store build lacks.
    await page.addInitScript(() =>
      document.addEventListener("DOMContentLoaded", () =>
        document.documentElement.setAttribute("data-receipts-measure", ""),
      ),
    );
    await page.goto(harness.server.url + (ARTICLES[0]?.path ?? "/"));
    expect(await (await waitForMarks(page)).count()).toBeGreaterThan(0);
    expect(
      await page.evaluate(() =>
        document.documentElement.getAttributeNames().filter((name) => name.startsWith("data-")),
      ),
    ).toEqual(["data-receipts-measure"]);
    await page.close();
  });

  it("after all that browsing, no request went anywhere but the extension and the pages' own files", () => {
    const allowed = [
      `${harness.server.url}/`,
      `chrome-extension://${harness.browser.extensionId}/`,
    ];
    // A card opened on every page with names, and the recorder saw every page and the popup.
    expect(cardsOpened).toBe(PAGES_WITH_NAMES.length);
    const urls = recorded.map((item) => item.url);
    for (const path of BROWSED_PAGES) expect(urls).toContain(harness.server.url + path);
    expect(urls.some((url) => url.startsWith(`${allowed[1]}popup.html`))).toBe(true);
    expect(urls.some((url) => url.startsWith(`${allowed[1]}options.html`))).toBe(true);

    const leaving = recorded.filter(
      (item) =>
        !allowed.some((prefix) => item.url.startsWith(prefix)) && !BROWSER_OWN_URLS.test(item.url),
    );
    expect(leaving).toEqual([]);
    // This computer's server is the page's own: of it, the pages ask for themselves and their
    // stylesheet, and the extension for nothing (a card's image or font from the page's server,
    // a report to it, would tell the site what the reader looked at).
    const pageFiles = new Set(
      [...BROWSED_PAGES, PAGE_STYLESHEET].map((path) => harness.server.url + path),
    );
    const askedOfTheSite = recorded.filter(
      (item) => item.url.startsWith(allowed[0]!) && !pageFiles.has(item.url),
    );
    expect(askedOfTheSite).toEqual([]);
  });
});
