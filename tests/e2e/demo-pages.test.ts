import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countByEntity,
  LOOKALIKES_PATH,
  openPopupFor,
  POPUP_EMPTY_SELECTOR,
  POPUP_TIMEOUT_MS,
  readExpected,
  readMarks,
  startHarness,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";

const MATCH_KINDS = ["full", "alias", "surname", "brand"];
const EXPECTED_PAGES = ["article-000", "article-002", "article-003"];

describe("marks on the demo pages", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  for (const name of EXPECTED_PAGES) {
    it(`marks every expected entity on ${name} (tests/fixtures/demo/expected-${name}.json)`, async () => {
      const expected = readExpected(name);
      const page = await harness.open(expected.page);
      const marks = await waitForMarkingToSettle(page);
      const marked = [...countByEntity(marks).keys()];
      const missing = expected.entities.filter((entity) => !marked.includes(entity));
      expect(missing, `marked: ${marked.join(", ")}`).toEqual([]);
      for (const mark of marks) {
        expect(mark.entity).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(MATCH_KINDS).toContain(mark.how);
        expect(mark.text.trim()).not.toBe("");
      }
      await page.close();
    });
  }

  it("marks nothing at all on the look-alike page", async () => {
    const page = await harness.open(LOOKALIKES_PATH);
    // The popup says nobody is named only once the content script has read the whole page: an
    // empty result below means "no look-alike was marked", not "the extension did not run".
    const popup = await openPopupFor(harness.browser, page);
    await popup
      .locator(POPUP_EMPTY_SELECTOR)
      .waitFor({ state: "visible", timeout: POPUP_TIMEOUT_MS });
    await popup.close();
    const marks = await readMarks(page);
    expect(marks.map((mark) => `${mark.entity} ← "${mark.text}"`)).toEqual([]);
    await page.close();
  });
});
