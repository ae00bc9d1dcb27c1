/**
 * Marks must not move text (tests/fixtures/demo/flex-layout.html): in a flex or grid container,
 * a mark around part of the container's own text would become an item of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, waitForMarkingToSettle, type Harness } from "./support/harness";
import { serveFixture } from "./support/ui";

/** Where each character of each case is drawn: [left, top] in CSS pixels. */
type Places = [number, number][][];
/**
 * A text node split by a mark is shaped in two runs, which may move a glyph by a fraction of a
 * pixel; a flex gap or a new grid row moves text by whole gaps and lines.
 */
const SHAPING_PX = 1;

describe("names in flex and grid containers", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("are marked where a mark moves nothing, and the text's layout stays the page's", async () => {
    const page = await harness.open(serveFixture(harness, "flex-layout.html"));
    await waitForMarkingToSettle(page);
    const layout = await page.evaluate(() => {
      const view = window as unknown as { textLayout(): Places; layoutBeforeMarking: Places };
      return { before: view.layoutBeforeMarking, after: view.textLayout() };
    });
    const moved = layout.after.flatMap((places, index) =>
      places.flatMap(([left, top], at) => {
        const [leftBefore = Number.NaN, topBefore = Number.NaN] = layout.before[index]?.[at] ?? [];
        const still =
          Math.abs(left - leftBefore) <= SHAPING_PX && Math.abs(top - topBefore) <= SHAPING_PX;
        return still
          ? []
          : [`case ${index}, character ${at}: ${leftBefore},${topBefore} → ${left},${top}`];
      }),
    );
    expect(moved).toEqual([]);
    expect(layout.after.map((places) => places.length)).toEqual(
      layout.before.map((places) => places.length),
    );
    const cases = await page.evaluate(() =>
      [...document.querySelectorAll("[data-expect]")].map((element) => ({
        expected: element.getAttribute("data-expect"),
        marked: [...element.querySelectorAll("receipts-mark[data-receipts-entity]")]
          .map((mark) => mark.getAttribute("data-receipts-entity"))
          .join(" "),
      })),
    );
    // Some cases must be marked, or the layout check above would hold for a page left alone.
    expect(cases.filter(({ expected }) => expected !== "")).not.toEqual([]);
    for (const { expected, marked } of cases) expect(marked).toBe(expected);
    await page.close();
  });
});
