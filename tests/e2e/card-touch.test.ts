/**
 * The card on a touch screen (a phone-sized viewport, taps only): no hover, so a tap opens the
 * card and a second tap on the same mark closes it (lib/ui/hover-intent.ts, `tapMark`).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOSE_GRACE_MS } from "../../lib/ui/hover-intent";
import { articlePath, markOf, startHarness, waitForMarks, type Harness } from "./support/harness";
import {
  boxOf,
  cards,
  isInside,
  markFor,
  settledCardBox,
  viewportBox,
  waitForLoadedCard,
  waitForNoCard,
} from "./support/ui";

/** LeadDev's article, which quotes Meredith Whittaker (also used by card-behaviour.test.ts). */
const LEADDEV_ARTICLE = "002_ed79f64283e41cd2";
const WHITTAKER = "meredith-whittaker";
/** A common phone's viewport in CSS pixels (iPhone 14/15). */
const PHONE_VIEWPORT = { width: 390, height: 844 };
/** Comfortably past the close grace period, so a card that should close has closed. */
const PAST_GRACE_MS = CLOSE_GRACE_MS * 3;
/** A short swipe up inside the card's body, as a reader scrolls it to read on. */
const SWIPE_PX = 120;
const SWIPE_STEP_PX = 15;

/** A finger put down at (x, y), moved up by SWIPE_PX in steps, and lifted. */
async function swipeUp(page: Page, x: number, y: number): Promise<void> {
  const session = await page.context().newCDPSession(page);
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", dy: number) =>
    session.send("Input.dispatchTouchEvent", {
      type,
      touchPoints: type === "touchEnd" ? [] : [{ x: Math.round(x), y: Math.round(y - dy) }],
    });
  await touch("touchStart", 0);
  for (let dy = SWIPE_STEP_PX; dy <= SWIPE_PX; dy += SWIPE_STEP_PX) await touch("touchMove", dy);
  await touch("touchEnd", SWIPE_PX);
  await session.detach();
}

async function tapMark(page: Page, entity: string): Promise<void> {
  const mark = markFor(page, entity);
  await mark.scrollIntoViewIfNeeded();
  await mark.tap();
}

describe("the card on a touch screen", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ hasTouch: true, viewport: PHONE_VIEWPORT });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("opens on a tap, fits the phone's viewport without covering the mark, and closes on a second tap", async () => {
    const page = await harness.open(articlePath(LEADDEV_ARTICLE));
    await markOf(WHITTAKER)(await waitForMarks(page));
    await tapMark(page, WHITTAKER);
    expect(await waitForLoadedCard(page)).toContain("Meredith Whittaker");

    const card = await settledCardBox(page);
    expect(isInside(card, await viewportBox(page))).toBe(true);
    const mark = await boxOf(markFor(page, WHITTAKER));
    expect(isInside(mark, card)).toBe(false);

    await tapMark(page, WHITTAKER);
    await waitForNoCard(page);
    expect(await cards(page).count()).toBe(0);
    await page.close();
  });

  it("stays open while the reader scrolls its body with a finger and taps Copy citation", async () => {
    // The citation goes to the clipboard, so the card can say it did.
    await harness.browser.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: harness.server.url,
    });
    const page = await harness.open(articlePath(LEADDEV_ARTICLE));
    await waitForMarks(page);
    await tapMark(page, WHITTAKER);
    const box = await settledCardBox(page);
    const card = cards(page).first();

    // A finger swipe up in the card's body: the browser scrolls it, and the pointer gets a
    // pointercancel and a pointerleave as the scroll takes over.
    await swipeUp(page, (box.left + box.right) / 2, box.bottom - SWIPE_PX / 2);
    expect(await card.locator(".body").evaluate((body) => body.scrollTop)).toBeGreaterThan(0);
    await page.waitForTimeout(PAST_GRACE_MS);
    expect(await cards(page).count(), "open after a scroll inside it").toBe(1);

    // A tap on Copy citation: pointerup, then pointerleave, as the finger lifts.
    await card.locator("button.copy").first().tap();
    await page.waitForTimeout(PAST_GRACE_MS);
    expect(await cards(page).count(), "open after a tap inside it").toBe(1);
    expect(await page.locator('receipts-ui [role="status"]').textContent()).toBe("Copied");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("Meredith Whittaker");
    await page.close();
  });

  it("closes when the reader taps somewhere else on the page", async () => {
    const page = await harness.open(articlePath(LEADDEV_ARTICLE));
    await waitForMarks(page);
    await tapMark(page, WHITTAKER);
    const card = await settledCardBox(page);
    const view = await viewportBox(page);
    // A point of the page away from the card: above it if there is room, else below it.
    const y = card.top - view.top > 40 ? view.top + 10 : view.bottom - 10;
    await page.touchscreen.tap(view.left + 10, y);
    await waitForNoCard(page);
    await page.close();
  });
});
