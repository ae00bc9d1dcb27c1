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
 * A laptop-sized window: the card (up to 24rem by 28rem) fits beside a mark in the middle but
 * must flip or shift near every edge.
 */
const VIEWPORT = { width: 800, height: 600 };
/** Where the scrolled mark is brought to: this far above the bottom edge, so the card must flip. */
const SCROLLED_MARK_FROM_BOTTOM_PX = 40;

const CORNERS = ["top-left", "top-right", "bottom-left", "bottom-right"] as const;

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
