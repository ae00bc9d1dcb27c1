import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  articlePath,
  CARD_SELECTOR,
  DEMO_ARTICLE_ID,
  MARK_SELECTOR,
  markOf,
  openCard,
  startHarness,
  waitForMarkingToSettle,
  waitForMarks,
  type Harness,
} from "./support/harness";
import {
  cards,
  expectCardOf,
  markFor,
  normalise,
  settledCardBox,
  waitForLoadedCard,
  waitForNoCard,
  whereTheCardIs,
} from "./support/ui";

/** Is the page's focus on the person's first mark (the one in the tab order)? */
const focusIsOnMark = (page: Page) =>
  markFor(page, PERSON_ID).evaluate((mark) => document.activeElement === mark);

/** What has focus: a mark's entity, the card's element inside <receipts-ui>, or another tag. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    const inCard = active?.shadowRoot?.activeElement;
    if (inCard) return `card ${inCard.localName}.${inCard.className}`;
    return active?.getAttribute("data-receipts-entity") ?? active?.localName ?? "";
  });

/**
 * Focuses an entity's first mark and waits for its card's data: the card of a mark focused just
 * before may still be on screen until this one replaces it.
 */
async function focusMarkAndLoadCard(page: Page, entity: string, name: string): Promise<void> {
  await markFor(page, entity).focus();
  await expect.poll(() => cards(page).first().locator("h2").textContent()).toBe(name);
  await waitForLoadedCard(page);
}

/** Quoted in article 000, so the card must carry at least one of his quotes. */
const PERSON_ID = "vinod-khosla";
const PERSON_NAME = "Vinod Khosla";
/**
 * In article 000 too; a card with contracts to scroll through and nothing that takes focus in
 * its body (no quote to copy, no stance or event with the article's words to open).
 */
const COMPANY_ID = "oracle";
const COMPANY_NAME = "Oracle";

describe("the card", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("opens on hover in the <receipts-ui> shadow root with the name, a quote and its headline", async () => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    const card = await openCard(page, markOf(PERSON_ID));

    // The card lives in the one shadow root, not in the page's own DOM.
    const inShadowRoot = await page.evaluate(whereTheCardIs);
    expect(inShadowRoot).toEqual({ hosts: 1, open: true, inLightDom: false });

    const text = normalise((await card.textContent()) ?? "");
    expectCardOf(text, PERSON_ID, PERSON_NAME);
    await page.close();
  });

  it("opens when a mark gets keyboard focus", async () => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    await waitForMarks(page);
    const mark = page.locator(`${MARK_SELECTOR}[data-receipts-entity="${PERSON_ID}"]`).first();
    await mark.focus();
    await expect(
      page.locator(CARD_SELECTOR).first().waitFor({ state: "visible", timeout: 5_000 }),
    ).resolves.toBeUndefined();
    expect(await page.locator(CARD_SELECTOR).first().textContent()).toContain(PERSON_NAME);
    await page.close();
  });

  it.each(["re-renders", "hides"])(
    "closes when the page %s the paragraph that holds its mark",
    async (change) => {
      const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
      await waitForMarks(page);
      // Opened from the keyboard, the reader in the card: nothing but the mark's going closes
      // it (a pointer could leave the card as it moves, and close it for another reason).
      await markFor(page, PERSON_ID).focus();
      await settledCardBox(page);
      await page.keyboard.press("Enter");
      await markFor(page, PERSON_ID).evaluate((mark, how) => {
        const paragraph = mark.closest("p")!;
        if (how === "hides") {
          paragraph.style.display = "none";
          return;
        }
        // What a page's framework does: the same text in a fresh element, without our mark.
        const fresh = document.createElement("p");
        fresh.textContent = paragraph.textContent;
        paragraph.replaceWith(fresh);
      }, change);
      await waitForNoCard(page);
      await page.close();
    },
  );

  it("keeps the reader's place when Tab or Shift+Tab leaves the card: at the mark, or after it", async () => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    await waitForMarkingToSettle(page);
    const mark = markFor(page, PERSON_ID);

    // Where Tab goes from the mark itself: what the reader expects Tab out of the card to reach.
    await mark.focus();
    await page.keyboard.press("Tab");
    await page.evaluate(() => document.activeElement?.setAttribute("data-test-after-mark", ""));
    expect(await focusIsOnMark(page)).toBe(false);

    // Shift+Tab from the card's start (Enter from the mark focuses the card itself).
    await focusMarkAndLoadCard(page, PERSON_ID, PERSON_NAME);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Shift+Tab");
    expect(await focusIsOnMark(page), "Shift+Tab from the card's start").toBe(true);
    expect(await cards(page).count()).toBe(1);

    // Tab through every stop of the card (buttons, and "The article's words" disclosures), then
    // from its last one.
    await page.keyboard.press("Enter");
    const stops = await cards(page).first().locator("button, [href], summary").count();
    expect(stops, "disclosures as well as buttons").toBeGreaterThan(
      await cards(page).first().locator("button").count(),
    );
    for (let press = 0; press < stops; press++) await page.keyboard.press("Tab");
    expect(
      await cards(page)
        .first()
        .evaluate((card) => {
          const stops = card.querySelectorAll("button, [href], summary");
          return (card.getRootNode() as ShadowRoot).activeElement === stops[stops.length - 1];
        }),
      "on the card's last stop",
    ).toBe(true);
    await page.keyboard.press("Tab");
    expect(
      await page.evaluate(() => document.activeElement?.hasAttribute("data-test-after-mark")),
      "Tab from the card's last stop",
    ).toBe(true);
    await page.close();
  });

  it("counts the card's scrolling body among its stops, so Tab leaves only after it", async () => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    await waitForMarkingToSettle(page);
    const mark = markFor(page, COMPANY_ID);
    await mark.focus();
    await page.keyboard.press("Tab");
    const afterMark = await focused(page);

    await focusMarkAndLoadCard(page, COMPANY_ID, COMPANY_NAME);
    const body = cards(page).first().locator(".body");
    expect(await body.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(
      true,
    );
    expect(await body.locator("button, [href], summary").count()).toBe(0);
    // The browser makes a scroller with nothing focusable in it a stop: the reader scrolls it
    // with the arrow keys.
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("card button.close");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("card div.body");
    await page.keyboard.press("Shift+Tab");
    expect(await focused(page)).toBe("card button.close");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await focused(page), "Tab from the body, the card's last stop").toBe(afterMark);
    await page.close();
  });
});
