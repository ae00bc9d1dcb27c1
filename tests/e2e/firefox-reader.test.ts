/**
 * What a reader sees in Firefox where Firefox differs from Chromium: the toolbar popup as
 * Firefox's own panel, sized by Firefox to its content, with the scrollbars that take room.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  openToolbarPopup,
  startFirefoxHarness,
  TOOLBAR_POPUP_PREFS,
  waitForFirefoxMarkingToSettle,
  type FirefoxHarness,
} from "./support/firefox";
import { articlePath, DEMO_ARTICLE_ID, POPUP_ENTITY_SELECTOR } from "./support/harness";

/**
 * Scrollbars that take room, as on Windows and wherever overlay scrollbars are off (headless
 * Firefox on Linux draws them so too): where the popup's width can go wrong.
 */
const CLASSIC_SCROLLBARS = { "widget.gtk.overlay-scrollbars.enabled": false };

describe("Receipts as a Firefox reader sees it", () => {
  let harness: FirefoxHarness;
  beforeAll(async () => {
    harness = await startFirefoxHarness({ ...TOOLBAR_POPUP_PREFS, ...CLASSIC_SCROLLBARS });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("fits the toolbar popup's long list in its width: every count shows, nothing scrolls sideways", async () => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    await waitForFirefoxMarkingToSettle(page);
    const popup = await openToolbarPopup(harness, page, POPUP_ENTITY_SELECTOR, ".count");
    // The case in question: the list is taller than Firefox's 600px cap, so the popup scrolls,
    // and its scrollbar takes room.
    expect(popup.scrollHeight).toBeGreaterThan(popup.clientHeight);
    expect(popup.width).toBeGreaterThan(popup.clientWidth);

    expect(popup.scrollWidth).toBeLessThanOrEqual(popup.clientWidth);
    expect(popup.rightEdges.length).toBeGreaterThan(0);
    expect(popup.rightEdges.filter((right) => right > popup.clientWidth)).toEqual([]);
    await page.close();
  });
});
