/**
 * A page built of web components (tests/fixtures/pages/web-components.html): the page's own
 * text in the light DOM, shown through a component's slot, is marked and opens its card; the text
 * of the components' shadow roots is left as it is (docs/decisions/0003-page-adapter.md, "Shadow
 * roots"), and so are the shadow roots themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countByEntity,
  openCard,
  startHarness,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";
import { expectCardOf, openReadyPopup, readPopupCounts, serveFixture } from "./support/ui";

describe("a page of web components", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("marks the slotted text it shows, opens its card, and leaves the shadow roots alone", async () => {
    const page = await harness.open(serveFixture(harness, "web-components.html", "pages"));
    const shadowText = () =>
      page.evaluate(() =>
        [...document.querySelectorAll("news-story")].map((story) =>
          [...(story.shadowRoot?.childNodes ?? [])].map((node) => node.nodeName + node.textContent),
        ),
      );
    const before = await shadowText();
    expect(before.flat()).toContain("H2Tim Cook did not answer");

    const marks = await waitForMarkingToSettle(page);
    expect(Object.fromEntries(countByEntity(marks))).toEqual({ "vinod-khosla": 1 });
    expect(await shadowText()).toEqual(before);

    const card = await openCard(page);
    expectCardOf(await card.innerText(), "vinod-khosla", "Vinod Khosla");
    const popup = await openReadyPopup(harness, page);
    expect(await readPopupCounts(popup)).toEqual({ "vinod-khosla": 1 });
  });
});
