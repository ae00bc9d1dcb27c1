import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countByEntity,
  LOOKALIKES_PATH,
  openPopupFor,
  POPUP_EMPTY_SELECTOR,
  POPUP_ENTITY_SELECTOR,
  POPUP_TIMEOUT_MS,
  readExpected,
  readMarks,
  startHarness,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";
import { openReadyPopup, readPopupCounts } from "./support/ui";

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
    const popup = await openReadyPopup(harness, page);
    expect(await readPopupCounts(popup)).toEqual(Object.fromEntries(countByEntity(marks)));
    await popup.close();
    await page.close();
  });

  it("lists no entity for a page with no marks", async () => {
    const page = await harness.open(LOOKALIKES_PATH);
    const popup = await openPopupFor(harness.browser, page);
    // The popup's line for a page read to the end with nobody on it: marking is over.
    await popup.locator(POPUP_EMPTY_SELECTOR).waitFor({ timeout: POPUP_TIMEOUT_MS });
    expect(await readMarks(page)).toEqual([]);
    expect(await popup.locator(POPUP_ENTITY_SELECTOR).count()).toBe(0);
    await popup.close();
    await page.close();
  });
});
