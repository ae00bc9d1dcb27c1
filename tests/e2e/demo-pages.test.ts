import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countByEntity,
  LOOKALIKES_PATH,
  MARKING_SETTLE_MS,
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
    // Control first: the same browser marks a real article, so an empty result below means
    // "no look-alike was marked", not "the extension did not run".
    const control = await harness.open(readExpected("article-000").page);
    const started = Date.now();
    await waitForMarkingToSettle(control);
    const controlMs = Date.now() - started;
    await control.close();

    const page = await harness.open(LOOKALIKES_PATH);
    // Give the content script longer than it needed on a full article, and never less than
    // the settle period.
    await page.waitForTimeout(Math.max(controlMs, MARKING_SETTLE_MS));
    const marks = await readMarks(page);
    expect(marks.map((mark) => `${mark.entity} ← "${mark.text}"`)).toEqual([]);
    await page.close();
  });
});
