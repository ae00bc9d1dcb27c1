/**
 * What a reader sees in Firefox where Firefox draws things its own way: the toolbar popup as
 * Firefox's own panel, which Firefox sizes to its content, with scrollbars that take room; and
 * the marks' underline, which Firefox draws in whole pixels.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  firefoxMarkOf,
  openToolbarPopup,
  startFirefoxHarness,
  TOOLBAR_POPUP_PREFS,
  waitForFirefoxMarkingToSettle,
  type FirefoxHarness,
} from "./support/firefox";
import { articlePath, DEMO_ARTICLE_ID, POPUP_ENTITY_SELECTOR } from "./support/harness";
import { PLAIN_PAGE, underlineRows } from "./support/underline";

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

  it("underlines a name 2px thick, as Chromium draws it, not 1px: Firefox draws whole pixels only", async () => {
    writeFileSync(join(harness.demo.site.root, "plain.html"), PLAIN_PAGE);
    const page = await harness.open("/plain.html");
    const mark = await firefoxMarkOf(page, "vinod-khosla");
    const box = await mark.boundingBox();
    if (!box) throw new Error("The mark has no box.");
    // The mark's line and a little below it, where the underline is drawn (at scroll 0, the
    // viewport's coordinates are the page's).
    const png = await page.screenshot({
      encoding: "base64",
      clip: { x: box.x, y: box.y, width: box.width, height: box.height + 8 },
    });
    expect(await page.evaluate(underlineRows, png)).toBe(2);
    await page.close();
  });
});
