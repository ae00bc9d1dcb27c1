import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MARK_SELECTOR, startHarness, waitForMarks, type Harness } from "./support/harness";
import {
  boxOf,
  intersects,
  isInside,
  serveFixture,
  settledCardBox,
  viewportBox,
  waitForNoCard,
  type Box,
} from "./support/ui";

/**
 * A laptop-sized window: the card (up to 384 by 448 px) fits beside a mark in the middle but
 * must flip or shift near every edge.
 */
const VIEWPORT = { width: 800, height: 600 };
/** Where the scrolled mark is brought to: this far above the bottom edge, so the card must flip. */
const SCROLLED_MARK_FROM_BOTTOM_PX = 40;

const CORNERS = ["top-left", "top-right", "bottom-left", "bottom-right"] as const;
/**
 * Frames sampled from the hover on: the card's fade-in lasts 120 ms (card.css), about 8 frames at
 * 60 Hz; this many frames covers the data's arrival and the whole animation with room to spare.
 */
const SAMPLED_FRAMES = 30;
/** The fade-in slides the card up this far (card.css), plus a pixel for rounding. */
const SLIDE_PX = 4 + 1;
/** The gap between mark and card (card-host.tsx); the card's place is rounded to whole pixels. */
const CARD_GAP_PX = 6;
const ROUNDING_PX = 0.5;

interface Placement {
  card: Box;
  mark: Box;
  viewport: Box;
}

function markIn(page: Page, corner: string) {
  return page.locator(`[data-corner="${corner}"] ${MARK_SELECTOR}`).first();
}

/** Hovers the mark in the given corner and reads where the card settled. */
async function placementFor(page: Page, corner: string): Promise<Placement> {
  const mark = markIn(page, corner);
  await mark.hover();
  const card = await settledCardBox(page);
  const placement = { card, mark: await boxOf(mark), viewport: await viewportBox(page) };
  await page.keyboard.press("Escape");
  await waitForNoCard(page);
  return placement;
}

function expectWellPlaced(placement: Placement, where: string): void {
  const detail = `${where}: ${JSON.stringify(placement)}`;
  expect(isInside(placement.mark, placement.viewport), `mark on screen, ${detail}`).toBe(true);
  expect(isInside(placement.card, placement.viewport), `card in the viewport, ${detail}`).toBe(
    true,
  );
  expect(intersects(placement.card, placement.mark), `card clear of its mark, ${detail}`).toBe(
    false,
  );
}

// One browser for the file: both fixture pages are served by the same harness.
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ viewport: VIEWPORT });
});
afterAll(async () => {
  await harness?.stop();
});

describe("the card's placement", () => {
  describe.each([
    { fixture: "edges.html", direction: "ltr" },
    { fixture: "edges-rtl.html", direction: "rtl" },
  ])("card placement on $fixture ($direction)", ({ fixture, direction }) => {
    let page: Page;
    beforeAll(async () => {
      page = await harness.browser.context.newPage();
      // No fade-in: the card's rectangle is final as soon as it is placed.
      await page.emulateMedia({ reducedMotion: "reduce" });
      await page.goto(harness.server.url + serveFixture(harness, fixture));
      await waitForMarks(page);
    });
    afterAll(async () => {
      await page?.close();
    });

    it("is the page direction the fixture says", async () => {
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe(direction);
      for (const corner of [...CORNERS, "scrolled"])
        expect(await markIn(page, corner).count()).toBe(1);
    });

    it.each(CORNERS)(
      "stays in the viewport and off its mark near the %s corner",
      async (corner) => {
        await page.evaluate(() => window.scrollTo(0, 0));
        expectWellPlaced(await placementFor(page, corner), corner);
      },
    );

    it("stays in the viewport and off its mark on a scrolled page, near the bottom edge", async () => {
      const mark = markIn(page, "scrolled");
      await mark.evaluate((element, fromBottom) => {
        const top = element.getBoundingClientRect().top + window.scrollY;
        window.scrollTo(0, top - window.innerHeight + fromBottom);
      }, SCROLLED_MARK_FROM_BOTTOM_PX);
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      const placement = await placementFor(page, "scrolled");
      expectWellPlaced(placement, "scrolled, near the bottom");
      // There is no room below a mark this low: the card must have gone above it.
      expect(placement.card.bottom).toBeLessThanOrEqual(placement.mark.top);
      const gapAbove = placement.mark.top - placement.card.bottom;
      expect(Math.abs(gapAbove - CARD_GAP_PX), `gap above ${gapAbove}`).toBeLessThanOrEqual(
        ROUNDING_PX,
      );
    });

    it("keeps its gap below its mark where there is room below", async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      const placement = await placementFor(page, "top-left");
      const gapBelow = placement.card.top - placement.mark.bottom;
      expect(Math.abs(gapBelow - CARD_GAP_PX), `gap below ${gapBelow}`).toBeLessThanOrEqual(
        ROUNDING_PX,
      );
    });

    it("stays in the viewport and off its mark on a scrolled page, near the top edge", async () => {
      const mark = markIn(page, "scrolled");
      await mark.evaluate((element) => {
        const top = element.getBoundingClientRect().top + window.scrollY;
        window.scrollTo(0, top - 4);
      });
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      expectWellPlaced(await placementFor(page, "scrolled"), "scrolled, near the top");
    });
  });
});

describe("the card's fade-in", () => {
  let page: Page;
  beforeAll(async () => {
    page = await harness.browser.context.newPage();
    await page.emulateMedia({ reducedMotion: "no-preference" });
    await page.goto(harness.server.url + serveFixture(harness, "edges.html"));
    await waitForMarks(page);
  });
  afterAll(async () => {
    await page?.close();
  });

  it("appears where it is placed: no frame shows it away from its place (at the viewport's corner)", async () => {
    // Every frame from the hover on, the card's top-left corner and the animation it runs.
    await page.evaluate((frames: number) => {
      const samples: { left: number; top: number; animation: string }[] = [];
      (window as unknown as { __cardFrames: typeof samples }).__cardFrames = samples;
      let frame = 0;
      const sample = () => {
        const card = document
          .querySelector("receipts-ui")
          ?.shadowRoot?.querySelector<HTMLElement>('[role="dialog"]');
        if (card) {
          const rect = card.getBoundingClientRect();
          samples.push({
            left: rect.left,
            top: rect.top,
            animation: getComputedStyle(card).animationName,
          });
        }
        if (card) frame += 1;
        if (frame < frames) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    }, SAMPLED_FRAMES);
    // Top-right: the card opens below the mark, far from the viewport's top-left corner.
    await markIn(page, "top-right").hover();
    const placed = await settledCardBox(page);
    await page.waitForFunction(
      (frames: number) =>
        (window as unknown as { __cardFrames: unknown[] }).__cardFrames.length >= frames,
      SAMPLED_FRAMES,
    );
    const frames = await page.evaluate(
      () =>
        (window as unknown as { __cardFrames: { left: number; top: number; animation: string }[] })
          .__cardFrames,
    );

    // The first frames ran the fade-in (this test is about it, not about reduced motion)...
    expect(frames[0]?.animation).toBe("appear");
    // ...and every frame shows the card at its place, give or take the few pixels it slides up.
    const astray = frames.filter(
      (frame) =>
        Math.abs(frame.left - placed.left) > 1 || Math.abs(frame.top - placed.top) > SLIDE_PX,
    );
    expect(astray, `placed at ${JSON.stringify(placed)}`).toEqual([]);
  });
});
