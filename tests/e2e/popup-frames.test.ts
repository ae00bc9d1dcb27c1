import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeExtensionStorage } from "../../scripts/demo/browser";
import {
  articlePath,
  countByEntity,
  LOOKALIKES_PATH,
  startHarness,
  tabIdOf,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";
import { badgeTextOf, openReadyPopup, pollUntil, readPopupCounts } from "./support/ui";

const ARTICLE_002 = "002_ed79f64283e41cd2";
const FRAMED_PAGE = "/framed-article.html";

describe("the popup and the badge with marking in frames on", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
    await writeExtensionStorage(harness.browser.serviceWorker, "markInFrames", true);
    // The article with a frame from another host (an ad, an embed) that mentions nobody.
    const frameUrl = harness.server.url.replace("127.0.0.1", "localhost") + LOOKALIKES_PATH;
    const article = articlePath(ARTICLE_002);
    writeFileSync(
      join(harness.site.root, FRAMED_PAGE.slice(1)),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Framed</title></head>` +
        `<body><iframe src="${frameUrl}" title="An embed"></iframe>` +
        `<iframe src="${harness.server.url}${article}" title="The article" style="display:none"></iframe>` +
        `<p>Tim Cook spoke. So did Satya Nadella.</p></body></html>`,
    );
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("summarises and badges the page itself, not its frames", async () => {
    const page = await harness.open(FRAMED_PAGE);
    const marks = await waitForMarkingToSettle(page);
    // Let the frames' own passes finish and report.
    const frames = page.frames().filter((frame) => frame !== page.mainFrame());
    expect(frames).toHaveLength(2);
    for (const frame of frames) await frame.waitForLoadState("load");
    const tabId = await tabIdOf(harness.browser, page);
    const distinct = String(countByEntity(marks).size);
    expect(await pollUntil(() => badgeTextOf(harness.browser, tabId), distinct)).toBe(distinct);

    const popup = await openReadyPopup(harness, page);
    expect(await readPopupCounts(popup)).toEqual(Object.fromEntries(countByEntity(marks)));
    const siteSwitch = popup.getByRole("checkbox", { name: /Highlight names on 127\.0\.0\.1$/ });
    expect(await siteSwitch.count()).toBe(1);
    expect(await badgeTextOf(harness.browser, tabId)).toBe(distinct);
    await popup.close();
    await page.close();
  });
});
