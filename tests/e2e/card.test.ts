import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  articlePath,
  CARD_SELECTOR,
  DEMO_ARTICLE_ID,
  MARK_SELECTOR,
  markOf,
  openCard,
  startHarness,
  waitForMarks,
  type Harness,
} from "./support/harness";
import {
  expectCardOf,
  markFor,
  normalise,
  settledCardBox,
  waitForNoCard,
  whereTheCardIs,
} from "./support/ui";

/** Quoted in article 000, so the card must carry at least one of his quotes. */
const PERSON_ID = "vinod-khosla";
const PERSON_NAME = "Vinod Khosla";

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
});
