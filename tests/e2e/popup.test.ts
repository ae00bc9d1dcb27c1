import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countByEntity,
  describePopupRows,
  LOOKALIKES_PATH,
  MARKING_SETTLE_MS,
  openPopupFor,
  POPUP_ENTITY_SELECTOR,
  readExpected,
  readMarks,
  startHarness,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";

/** The popup asks the background, which asks the tab: a few round trips. */
const POPUP_TIMEOUT_MS = 5_000;

/** Entity rows in the popup, by entity id. */
async function readPopupCounts(popup: Page): Promise<Map<string, number>> {
  return new Map(await popup.locator(POPUP_ENTITY_SELECTOR).evaluateAll(describePopupRows));
}

describe("the popup", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("lists the entities marked on the tab, with counts equal to the marks", async () => {
    const page = await harness.open(readExpected("article-000").page);
    const marks = await waitForMarkingToSettle(page);
    const popup = await openPopupFor(harness.browser, page);
    await popup
      .locator(POPUP_ENTITY_SELECTOR)
      .first()
      .waitFor({ state: "visible", timeout: POPUP_TIMEOUT_MS });

    const counts = await readPopupCounts(popup);
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(countByEntity(marks)));
    await popup.close();
    await page.close();
  });

  it("lists no entity for a page with no marks", async () => {
    const page = await harness.open(LOOKALIKES_PATH);
    await page.waitForTimeout(MARKING_SETTLE_MS);
    expect(await readMarks(page)).toEqual([]);
    const popup = await openPopupFor(harness.browser, page);
    await popup.waitForLoadState("load");
    await popup.waitForTimeout(MARKING_SETTLE_MS);
    expect(await popup.locator(POPUP_ENTITY_SELECTOR).count()).toBe(0);
    expect((await popup.locator("body").textContent())?.trim()).not.toBe("");
    await popup.close();
    await page.close();
  });
});
