import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildCards } from "../../lib/cards/card-data";
import type { Dataset } from "../../lib/dataset/types";
import { countOf } from "../../lib/cards/citation";
import { DATASET_FILE } from "../../scripts/demo/site";
import {
  articlePath,
  countByEntity,
  DEMO_ARTICLE_ID,
  LOOKALIKES_PATH,
  MARK_SELECTOR,
  openPopupFor,
  POPUP_EMPTY_SELECTOR,
  POPUP_TIMEOUT_MS,
  readMarks,
  startHarness,
  tabIdOf,
  waitForMarkingToSettle,
  type Harness,
  type MarkInfo,
} from "./support/harness";
import { badgeTextOf, normalise, openReadyPopup, pollUntil, readPopupCounts } from "./support/ui";

/** Long enough for the storage change to reach the content script and the marks to go. */
const SWITCH_TIMEOUT_MS = 5_000;
/** A phone-sized window: article 000 runs many screens long, so most names start off screen. */
const SMALL_VIEWPORT = { width: 400, height: 500 };
const ARTICLE_002 = "002_ed79f64283e41cd2";
const ARTICLE_004 = "004_551f6ed0ea2f772e";

const dataset = JSON.parse(readFileSync(DATASET_FILE, "utf8")) as Dataset;
const cardsById = buildCards(dataset);
const kindOf = new Map(dataset.entities.map((entity) => [entity.id, entity.kind]));

/**
 * The totals line the popup should print for these marks, counted from the dataset: distinct
 * people and organizations marked, every quote they are the speaker of, every distinct contract
 * on their cards (a person's card carries their company's).
 */
function expectedTotals(marks: MarkInfo[]): string {
  const entities = [...new Set(marks.map((mark) => mark.entity))];
  const people = entities.filter((entity) => kindOf.get(entity) === "person").length;
  const organizations = entities.filter((entity) => kindOf.get(entity) === "organization").length;
  const quotes = dataset.quotes.filter((quote) => entities.includes(quote.speaker)).length;
  const contracts = new Set(
    entities.flatMap((entity) => cardsById.get(entity)?.contracts.map((item) => item.id) ?? []),
  ).size;
  return [
    countOf(people, "person", "people"),
    countOf(organizations, "organization"),
    countOf(quotes, "quote"),
    countOf(contracts, "contract"),
  ].join(" · ");
}

/** The first entity (in page order) whose first mark is at least two screens down. */
async function entityFarDown(page: Page): Promise<string> {
  const entity = await page.locator(MARK_SELECTOR).evaluateAll((marks) => {
    const seen = new Set<string>();
    for (const mark of marks) {
      const id = mark.getAttribute("data-receipts-entity") ?? "";
      if (seen.has(id)) continue;
      seen.add(id);
      if (mark.getBoundingClientRect().top > window.innerHeight * 2) return id;
    }
    return null;
  });
  if (entity === null) throw new Error("No entity starts two screens down: the page is too short.");
  return entity;
}

describe("the popup, the site switch and the badge", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });
  afterEach(async () => {
    // A failed switch test must not leave the demo site turned off for the next test.
    await harness.browser.serviceWorker.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { storage: { local: { remove(key: string): Promise<void> } } };
        }
      ).chrome.storage.local.remove("disabledSites"),
    );
  });

  it.each([
    ["002", ARTICLE_002],
    ["004", ARTICLE_004],
  ])(
    "lists article %s's entities with counts equal to the marks, and the totals",
    async (_, id) => {
      const page = await harness.open(articlePath(id));
      const marks = await waitForMarkingToSettle(page);
      const popup = await openReadyPopup(harness, page);

      expect(await readPopupCounts(popup)).toEqual(Object.fromEntries(countByEntity(marks)));
      const totals = normalise((await popup.locator("[data-totals]").textContent()) ?? "");
      expect(totals).toBe(expectedTotals(marks));
      await popup.close();
      await page.close();
    },
  );

  it("jumps to a mention: the page scrolls to the entity's mark and flashes it", async () => {
    const page = await harness.browser.context.newPage();
    await page.setViewportSize(SMALL_VIEWPORT);
    // Instant scrolling (the product honours reduced motion), so the check does not race a glide.
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.goto(harness.server.url + articlePath(DEMO_ARTICLE_ID));
    await waitForMarkingToSettle(page);
    const entity = await entityFarDown(page);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    const popup = await openReadyPopup(harness, page);
    await page.bringToFront();
    await popup.locator(`[data-entity="${entity}"] button`).click();

    const landed = await page.waitForFunction(
      (id) => {
        const mark = document.querySelector(`receipts-mark[data-receipts-entity="${id}"]`);
        if (!mark || window.scrollY === 0 || !mark.hasAttribute("data-receipts-flash"))
          return false;
        const box = mark.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight ? window.scrollY : false;
      },
      entity,
      { timeout: POPUP_TIMEOUT_MS },
    );
    expect(await landed.jsonValue()).toBeGreaterThan(0);
    await popup.close();
    await page.close();
  });

  it("turns marking off for the site at once and after reload, and back on", async () => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    const before = await waitForMarkingToSettle(page);
    expect(before.length).toBeGreaterThan(0);
    const popup = await openReadyPopup(harness, page);
    const siteSwitch = popup.getByRole("checkbox", { name: /Highlight names on 127\.0\.0\.1/ });
    expect(await siteSwitch.isChecked()).toBe(true);

    await siteSwitch.click();
    await page.waitForFunction(
      () => document.querySelectorAll("receipts-mark").length === 0,
      undefined,
      {
        timeout: SWITCH_TIMEOUT_MS,
      },
    );
    await popup.getByText("Receipts is off for this site.").waitFor({ timeout: POPUP_TIMEOUT_MS });

    await page.reload();
    await popup.reload();
    // The page says it is off only once its script has read the setting: it marks nothing then,
    // nor later.
    await popup.getByText("Receipts is off for this site.").waitFor({ timeout: POPUP_TIMEOUT_MS });
    expect(await readMarks(page)).toEqual([]);
    const reloadedSwitch = popup.getByRole("checkbox", { name: /Highlight names on/ });
    await reloadedSwitch.waitFor({ timeout: POPUP_TIMEOUT_MS });
    expect(await reloadedSwitch.isChecked()).toBe(false);
    await reloadedSwitch.click();
    const after = await waitForMarkingToSettle(page);
    expect(countByEntity(after)).toEqual(countByEntity(before));
    // The popup asks until the page has marked again: its counts are the marks, unreopened.
    const sorted = (counts: Record<string, number>) =>
      JSON.stringify(Object.entries(counts).sort());
    const expected = sorted(Object.fromEntries(countByEntity(after)));
    const shown = await pollUntil(
      async () => sorted(await readPopupCounts(popup)),
      expected,
      POPUP_TIMEOUT_MS,
    );
    expect(shown).toBe(expected);
    expect(await popup.locator("[data-reading]").count()).toBe(0);
    await popup.close();
    await page.close();
  });

  it("badges the tab with the number of distinct entities, and clears it on a page with none", async () => {
    const page = await harness.open(articlePath(ARTICLE_002));
    const marks = await waitForMarkingToSettle(page);
    const tabId = await tabIdOf(harness.browser, page);
    const distinct = String(countByEntity(marks).size);
    expect(await pollUntil(() => badgeTextOf(harness.browser, tabId), distinct)).toBe(distinct);

    await page.goto(harness.server.url + LOOKALIKES_PATH);
    expect(await pollUntil(() => badgeTextOf(harness.browser, tabId), "")).toBe("");
    // The popup's line for a page read to the end with nobody on it: marking is over, and the
    // badge stayed clear.
    const popup = await openPopupFor(harness.browser, page);
    await popup.locator(POPUP_EMPTY_SELECTOR).waitFor({ timeout: POPUP_TIMEOUT_MS });
    expect(await readMarks(page)).toEqual([]);
    expect(await badgeTextOf(harness.browser, tabId)).toBe("");
    await popup.close();
    await page.close();
  });
});
