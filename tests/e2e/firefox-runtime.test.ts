import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import matchIndex from "../../data/match-index.json";
import type { MatchIndex } from "../../lib/dataset/types";
import {
  firefoxMarkOf,
  readFirefoxMarks,
  readFirefoxPopupCounts,
  startFirefoxHarness,
  setFirefoxViewport,
  waitForFirefoxCard,
  waitForFirefoxMarkingToSettle,
  type FirefoxHarness,
} from "./support/firefox";
import { MARK_TRACES, markAttributes, readClipboard, selectArticle } from "./support/copy";
import { STORED_SIEVE_KEY, type StoredSieve } from "../../lib/settings/sieve-store";
import type { LocalStorageArea } from "../../scripts/demo/browser";
import { FIREFOX_EXTENSION_DIR, geckoIdOf } from "../../scripts/demo/firefox";
import {
  countByEntity,
  forgeStartedEvent,
  LOOKALIKES_PATH,
  MARK_SELECTOR,
  MARKING_SETTLE_MS,
  MARKS_TIMEOUT_MS,
  POPUP_EMPTY_SELECTOR,
  POPUP_TIMEOUT_MS,
  sieveFindingOnly,
  readExpected,
  startHarness,
  waitForMarkingToSettle,
  type MarkInfo,
} from "./support/harness";
import {
  expectCardOf,
  normalise,
  pollUntil,
  serveFixture,
  whereTheCardIs,
  writeFramedPage,
} from "./support/ui";
import { keyOfSpec, sieveKey } from "../../wxt.config";

/** Quoted in article 000, so the card must carry at least one of his quotes. */
const PERSON_ID = "vinod-khosla";
const PERSON_NAME = "Vinod Khosla";

/** The extension's global in its own pages in Firefox (code run there, not here). */
type ExtensionScope = { browser: { storage: { local: LocalStorageArea } } };

/** Lets the page read the clipboard without a paste prompt (Firefox's pref for its own tests). */
const CLIPBOARD_READ_PREFS = { "dom.events.testing.asyncClipboard": true };

/** Chromium's marks on a page: the reference Firefox must match. */
async function marksInChromium(path: string): Promise<MarkInfo[]> {
  const chromium = await startHarness();
  try {
    const page = await chromium.open(path);
    return await waitForMarkingToSettle(page);
  } finally {
    await chromium.stop();
  }
}

// The built Firefox extension (.output/firefox-mv2) in a real Firefox, on the demo site.
describe("the extension in Firefox", () => {
  const article = readExpected("article-000");
  let chromiumMarks: MarkInfo[];
  let harness: FirefoxHarness;
  beforeAll(async () => {
    // One browser at a time (two cores): Chromium first, for the reference, then Firefox.
    chromiumMarks = await marksInChromium(article.page);
    harness = await startFirefoxHarness(CLIPBOARD_READ_PREFS);
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("marks the demo article exactly as Chromium does", async () => {
    const page = await harness.open(article.page);
    const marks = await waitForFirefoxMarkingToSettle(page);
    expect(marks).toEqual(chromiumMarks);
    const marked = [...countByEntity(marks).keys()];
    expect(article.entities.filter((entity) => !marked.includes(entity))).toEqual([]);
    await page.close();
  });

  it("is not switched off by a page that forges WXT's 'started' event (tests/e2e/hostile.test.ts)", async () => {
    const page = await harness.open(article.page);
    const before = await waitForFirefoxMarkingToSettle(page);
    expect(before.length).toBeGreaterThan(0);
    // In Firefox the id in the event's type is the add-on's gecko id, which its manifest states.
    await page.evaluate(forgeStartedEvent, geckoIdOf(FIREFOX_EXTENSION_DIR));
    // A stopped script takes its marks away at once, in the same task.
    expect(await readFirefoxMarks(page)).toEqual(before);
    await page.close();
  });

  it("marks nothing on the look-alike page", async () => {
    const page = await harness.open(LOOKALIKES_PATH);
    // As in demo-pages.test.ts: the popup says nobody is named only once the content script has
    // read the whole page, so an empty result below is not "the content script did not run".
    const popup = await harness.openPopupFor(page);
    await popup.waitForSelector(POPUP_EMPTY_SELECTOR, { visible: true, timeout: POPUP_TIMEOUT_MS });
    await popup.close();
    const marks = await readFirefoxMarks(page);
    expect(marks.map((mark) => `${mark.entity} ← "${mark.text}"`)).toEqual([]);
    await page.close();
  });

  it("opens the card on hover in the <receipts-ui> shadow root with the name, a quote and its headline", async () => {
    const page = await harness.open(article.page);
    const mark = await firefoxMarkOf(page, PERSON_ID);
    await mark.hover();
    const text = normalise(await waitForFirefoxCard(page));

    expect(await page.evaluate(whereTheCardIs)).toEqual({
      hosts: 1,
      open: true,
      inLightDom: false,
    });
    expectCardOf(text, PERSON_ID, PERSON_NAME);
    await page.close();
  });

  it("opens the card when a mark gets keyboard focus", async () => {
    const page = await harness.open(article.page);
    const mark = await firefoxMarkOf(page, PERSON_ID);
    await mark.focus();
    expect(normalise(await waitForFirefoxCard(page))).toContain(PERSON_NAME);
    await page.close();
  });

  it("names every tab stop of the card, its scrolling body included (Firefox makes it one)", async () => {
    const page = await harness.open(article.page);
    // Short enough that the card's body scrolls; IceOut.Tech's is the longest card.
    await setFirefoxViewport(page, { width: 800, height: 360 });
    const mark = await firefoxMarkOf(page, "iceout-tech");
    await mark.focus();
    await waitForFirefoxCard(page);
    // Enter takes the reader into the card, as the mark's label says.
    await page.keyboard.press("Enter");
    /** The focused element in the card, and the name a screen reader would read for it. */
    const focusedInCard = () =>
      page.evaluate(() => {
        const focused = document.querySelector("receipts-ui")?.shadowRoot?.activeElement;
        if (!focused) return null;
        const named = /^(BUTTON|SUMMARY|A)$/.test(focused.tagName);
        const name = focused.getAttribute("aria-label") ?? (named ? focused.textContent : "");
        const scrolls = focused.scrollHeight > focused.clientHeight;
        return { element: `${focused.tagName}.${focused.className}`, name: name?.trim(), scrolls };
      });
    const stops: { element: string; name?: string; scrolls: boolean }[] = [];
    for (let tab = 0; tab < 6; tab += 1) {
      await page.keyboard.press("Tab");
      const stop = await focusedInCard();
      if (stop) stops.push(stop);
    }
    // The body is among them, or the check below would hold for a card that never scrolls.
    const scrolling = stops.filter(({ scrolls }) => scrolls);
    expect(
      scrolling.map(({ element }) => element),
      JSON.stringify(stops),
    ).toEqual(["DIV.body"]);
    expect(stops.filter(({ name }) => !name)).toEqual([]);
    await page.close();
  });

  it("puts copied words on the clipboard without our attributes, and keeps the marks", async () => {
    const page = await harness.open(article.page);
    await waitForFirefoxMarkingToSettle(page);
    const before = await page.evaluate(markAttributes);
    const { text, marked } = await page.evaluate(selectArticle);
    expect(marked.length).toBeGreaterThan(5);

    await page.keyboard.down("Control");
    await page.keyboard.press("c");
    await page.keyboard.up("Control");
    const { html, plain } = await page.evaluate(readClipboard);

    expect(normalise(plain)).toBe(normalise(text));
    for (const words of marked) expect(html).toContain(words);
    for (const trace of MARK_TRACES) expect(html).not.toContain(trace);
    // The page's own marks are as they were once the copy is written.
    const attributes = async () => JSON.stringify(await page.evaluate(markAttributes));
    expect(await pollUntil(attributes, JSON.stringify(before))).toBe(JSON.stringify(before));
    await page.close();
  });

  it("lists the entities marked on the tab in the popup, with counts equal to the marks", async () => {
    const page = await harness.open(article.page);
    const marks = await waitForFirefoxMarkingToSettle(page);
    const popup = await harness.openPopupFor(page);
    const counts = await readFirefoxPopupCounts(popup);
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(countByEntity(marks)));
    await popup.close();
    await page.close();
  });

  it("stores exactly the sieve this build hashed, and uses none written under its key (decision 0009)", async () => {
    const page = await harness.open(article.page);
    await waitForFirefoxMarkingToSettle(page);
    const extensionPage = await harness.openPopupFor(page);
    // Run in the extension page: the key goes there as an argument.
    const store = (record: StoredSieve) =>
      extensionPage.evaluate(
        async (key, value) => {
          await (globalThis as unknown as ExtensionScope).browser.storage.local.set({
            [key]: value,
          });
        },
        STORED_SIEVE_KEY,
        record,
      );
    const stored = (await extensionPage.evaluate(
      async (key) =>
        (await (globalThis as unknown as ExtensionScope).browser.storage.local.get(key))[key],
      STORED_SIEVE_KEY,
    )) as StoredSieve;
    // Firefox's background makes, and its store gives back, the very sieve the build hashed into
    // the key (wxt.config.ts): its pages adopt it.
    expect(stored.key).toBe(sieveKey(matchIndex as MatchIndex));
    expect(keyOfSpec(stored.spec)).toBe(stored.key);
    try {
      await store(sieveFindingOnly(stored, "Khosla"));
      const again = await harness.open(article.page);
      expect(await waitForFirefoxMarkingToSettle(again)).toEqual(chromiumMarks);
      await again.close();
    } finally {
      await store(stored);
      await extensionPage.close();
      await page.close();
    }
  });

  it("turns a site off in its page's frames too, one from another site included", async () => {
    const framed = writeFramedPage(
      harness.demo,
      serveFixture(harness.demo, "settings.html", "pages"),
    );
    const page = await harness.open(article.page);
    await waitForFirefoxMarkingToSettle(page);
    const extensionPage = await harness.openPopupFor(page);
    const store = (items: Record<string, unknown>) =>
      extensionPage.evaluate(async (values) => {
        await (globalThis as unknown as ExtensionScope).browser.storage.local.set(values);
      }, items);
    /** Each frame's marks, polled until they count `expected`. */
    const frameMarksOf = async (framedPage: Page, expected: number[]) => {
      const read = async () => {
        const frames = framedPage.frames().filter((frame) => frame !== framedPage.mainFrame());
        const counts = await Promise.all(
          frames.map((frame) => frame.$$eval(MARK_SELECTOR, (marks) => marks.length)),
        );
        return JSON.stringify(counts);
      };
      return pollUntil(read, JSON.stringify(expected), MARKS_TIMEOUT_MS);
    };
    try {
      await store({ markInFrames: true });
      const on = await harness.open(framed);
      // Marked with the site on: the fixture's four marks in each frame.
      expect(await frameMarksOf(on, [4, 4])).toBe("[4,4]");
      // A Firefox that tells a frame its ancestors' origins (153 ESR) turns the frame from
      // another site off with the page it is on, at once and in a page opened later. One that
      // does not (140 ESR, Debian 12's today) leaves that frame only its own site, which stays
      // on: the limit `sitesOf` documents (lib/settings/settings.ts).
      const crossSite = on.frames().find((frame) => frame.url().includes("//localhost:"));
      const knowsTop = await crossSite!.evaluate(() => "ancestorOrigins" in location);
      const off = knowsTop ? [0, 0] : [0, 4];
      await store({ disabledSites: ["127.0.0.1"] });
      expect(await frameMarksOf(on, off)).toBe(JSON.stringify(off));
      const later = await harness.open(framed);
      await later.waitForFunction(() => document.readyState === "complete");
      await new Promise((resolve) => setTimeout(resolve, MARKING_SETTLE_MS));
      expect(await frameMarksOf(later, off)).toBe(JSON.stringify(off));
      await on.close();
      await later.close();
    } finally {
      await store({ markInFrames: false, disabledSites: [] });
      await extensionPage.close();
      await page.close();
    }
  });
});
