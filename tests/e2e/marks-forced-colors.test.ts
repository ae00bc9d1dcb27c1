/**
 * Marks under media a real browser applies. In forced colors (Windows high contrast) the browser
 * replaces every colour with the reader's system colours and drops backgrounds, so the yellow
 * flash of the mention the popup jumps to (marks.css) alone would show nothing. In print, the
 * page prints as it would without us: no underline, no flash, no focus ring, no card.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  articlePath,
  DEMO_ARTICLE_ID,
  startHarness,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";
import { cards, markFor, waitForLoadedCard } from "./support/ui";

const PERSON_ID = "vinod-khosla";
/** Tab presses to reach the demo article's first tab stop of ours, past the page's own links. */
const MAX_TABS = 40;

/** How the flashed mark's outline is drawn: its style and whether its colour can be seen. */
interface Outline {
  style: string;
  visible: boolean;
}

describe("the mention jumped to", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it.each([
    ["active", true],
    ["none", false],
  ] as const)("with forced colors %s, has a visible outline: %s", async (forcedColors, shown) => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    await page.emulateMedia({ forcedColors });
    const mark = markFor(page, PERSON_ID);
    await mark.waitFor({ state: "attached" });
    // What the content script does on a jump (lib/content/receipts.ts), for as long as it lasts.
    const outline = await mark.evaluate((element): Outline => {
      element.setAttribute("data-receipts-flash", "");
      const style = getComputedStyle(element);
      const probe = document.createElement("canvas").getContext("2d")!;
      probe.fillStyle = style.outlineColor;
      probe.fillRect(0, 0, 1, 1);
      return { style: style.outlineStyle, visible: probe.getImageData(0, 0, 1, 1).data[3]! > 0 };
    });
    expect(outline).toEqual({ style: "solid", visible: shown });
    await page.close();
  });
});

describe("in print", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  /** Into the flash's 1.2 s fade (marks.css), far from its end. */
  const FLASH_UNDER_WAY_MS = 200;

  it("shows no underline, no flash and no open card", async () => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    const mark = markFor(page, PERSON_ID);
    await mark.hover();
    await waitForLoadedCard(page);
    // The flash under way when the page goes to paper: its style read, so its fade has begun,
    // and some of it shown.
    await mark.evaluate((element) => {
      element.setAttribute("data-receipts-flash", "");
      return getComputedStyle(element).backgroundColor;
    });
    await page.waitForTimeout(FLASH_UNDER_WAY_MS);

    await page.emulateMedia({ media: "print" });
    const style = await mark.evaluate((element) => {
      const { textDecorationLine, outlineStyle, backgroundColor } = getComputedStyle(element);
      return { textDecorationLine, outlineStyle, backgroundColor };
    });
    expect(style).toEqual({
      textDecorationLine: "none",
      outlineStyle: "none",
      backgroundColor: "rgba(0, 0, 0, 0)",
    });
    await expect.poll(() => cards(page).first().isVisible()).toBe(false);
    await page.close();
  });

  it("shows no focus ring on the mark the keyboard reached", async () => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    await waitForMarkingToSettle(page);
    const focusedMark = () =>
      page.evaluate(() => document.activeElement?.localName === "receipts-mark");
    for (let presses = 0; presses < MAX_TABS && !(await focusedMark()); presses++) {
      await page.keyboard.press("Tab");
    }
    const ring = () =>
      page.evaluate(() => {
        const mark = document.activeElement!;
        return {
          focusVisible: mark.matches(":focus-visible"),
          outlineStyle: getComputedStyle(mark).outlineStyle,
        };
      });
    expect(await ring()).toEqual({ focusVisible: true, outlineStyle: "solid" });

    await page.emulateMedia({ media: "print" });
    expect(await ring()).toEqual({ focusVisible: true, outlineStyle: "none" });
    await page.close();
  });
});
