/**
 * The frames setting in real frames (same-origin and cross-origin), and settings stored by
 * another version or by hand: each falls back, and the options page shows what applies.
 */
import type { Frame, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { writeExtensionStorage } from "../../scripts/demo/browser";
import {
  countByEntity,
  describeMarks,
  MARK_SELECTOR,
  MARKING_SETTLE_MS,
  MARKS_TIMEOUT_MS,
  openPopupFor,
  POPUP_TIMEOUT_MS,
  readMarks,
  startHarness,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";
import {
  openReadyPopup,
  pollUntil,
  readPopupCounts,
  serveFixture,
  writeFramedPage,
} from "./support/ui";

/** Tim Cook three times, Donald Trump twice (his first mention marked). */
const PAGE = "settings.html";
const PAGE_MARKS = { "donald-trump": 1, "tim-cook": 3 };
/** The framed page's own marks, and each frame's (the fixture's four) when frames are marked. */
const TOP_MARKS = { "jensen-huang": 1 };
const FRAME_MARKS = [4, 4];

const framesOf = (page: Page): Frame[] =>
  page.frames().filter((frame) => frame !== page.mainFrame());
const frameMarks = (frame: Frame) =>
  frame
    .locator(MARK_SELECTOR)
    .evaluateAll(describeMarks)
    .then((marks) => marks.length);

describe("frames and bad stored values, in Chromium", () => {
  let harness: Harness;
  let framedPath: string;
  const storage = (key: string, value: unknown) =>
    writeExtensionStorage(harness.browser.serviceWorker, key, value);
  const options = async () => {
    const page = await harness.browser.context.newPage();
    await page.goto(`chrome-extension://${harness.browser.extensionId}/options.html`);
    await page.locator("select").first().waitFor();
    return page;
  };
  beforeAll(async () => {
    harness = await startHarness();
    framedPath = writeFramedPage(harness, serveFixture(harness, PAGE, "pages"));
  });
  afterAll(async () => {
    await harness?.stop();
  });
  afterEach(async () => {
    for (const page of harness.browser.context.pages()) await page.close();
    await harness.browser.serviceWorker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { local: { clear(): Promise<void> } } } }
      ).chrome.storage.local.clear(),
    );
  });

  /**
   * The marks in each of the page's frames, once they count `expected`: polled until they do, or,
   * where none are expected, read after the time a page's marking takes to settle.
   */
  async function frameMarksBecome(page: Page, expected: number[]): Promise<number[]> {
    for (const frame of framesOf(page)) await frame.waitForLoadState("load");
    if (expected.every((count) => count === 0)) {
      await new Promise((resolve) => setTimeout(resolve, MARKING_SETTLE_MS));
    }
    const read = async () => JSON.stringify(await Promise.all(framesOf(page).map(frameMarks)));
    return JSON.parse(
      await pollUntil(read, JSON.stringify(expected), MARKS_TIMEOUT_MS),
    ) as number[];
  }

  it("marks the top page only by default; with frames on, both frames, and the popup still counts the top page", async () => {
    const off = await harness.open(framedPath);
    expect(Object.fromEntries(countByEntity(await waitForMarkingToSettle(off)))).toEqual(TOP_MARKS);
    expect(await frameMarksBecome(off, [0, 0])).toEqual([0, 0]);

    const settings = await options();
    const framesBox = settings.getByLabel(/Also mark names inside embedded frames/);
    expect(await framesBox.isChecked()).toBe(false);
    await framesBox.check();

    const on = await harness.open(framedPath);
    expect(await frameMarksBecome(on, FRAME_MARKS)).toEqual(FRAME_MARKS);
    const popup = await openReadyPopup(harness, on);
    expect(await readPopupCounts(popup)).toEqual(TOP_MARKS);
  });

  it("turns a site off in its page's frames too, those from another site included", async () => {
    await storage("markInFrames", true);
    const page = await harness.open(framedPath);
    expect(await frameMarksBecome(page, FRAME_MARKS)).toEqual(FRAME_MARKS);
    const popup = await openReadyPopup(harness, page);
    await popup.getByRole("checkbox", { name: /Highlight names on 127\.0\.0\.1/ }).click();
    await page.waitForFunction(() => !document.querySelector("receipts-mark"));
    expect(await frameMarksBecome(page, [0, 0])).toEqual([0, 0]);
    // And from the start, in a page opened on the site while it is off.
    const later = await harness.open(framedPath);
    expect(await frameMarksBecome(later, [0, 0])).toEqual([0, 0]);
  });

  it("reads a hand-edited store as the defaults, and the options page says so", async () => {
    await storage("disabledSites", "127.0.0.1");
    await storage("markModes", ["first"]);
    await storage("markInFrames", "yes");
    const page = await harness.open(`/${PAGE}`);
    expect(Object.fromEntries(countByEntity(await waitForMarkingToSettle(page)))).toEqual(
      PAGE_MARKS,
    );
    const settings = await options();
    expect(await settings.getByLabel(/Also mark names inside embedded frames/).isChecked()).toBe(
      false,
    );
    expect(await settings.getByText("None. Turn Receipts off").count()).toBe(1);
    expect(await settings.getByLabel("Mentions of Tim Cook to mark").inputValue()).toBe("every");
    expect(await settings.getByLabel("Mentions of Donald Trump to mark").inputValue()).toBe(
      "first",
    );
  });

  it("keeps the good entries of a partly bad store, and shows exactly those", async () => {
    await storage("disabledSites", ["127.0.0.1", 7, null]);
    await storage("markModes", { "tim-cook": "first", "donald-trump": "none", apple: 3 });
    const page = await harness.open(`/${PAGE}`);
    const popup = await openPopupFor(harness.browser, page);
    await popup.getByText("Receipts is off for this site.").waitFor({ timeout: POPUP_TIMEOUT_MS });
    expect(await readMarks(page)).toEqual([]);
    const settings = await options();
    expect(await settings.locator("ul.sites li span").allTextContents()).toEqual(["127.0.0.1"]);
    expect(await settings.getByLabel("Mentions of Tim Cook to mark").inputValue()).toBe("first");
    expect(await settings.getByLabel("Mentions of Donald Trump to mark").inputValue()).toBe(
      "first",
    );
  });
});
