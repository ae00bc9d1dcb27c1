/**
 * Pages that take our marks away, in Chromium with its real observer timing: a ticker that
 * rewrites a named headline every second or so must keep being marked (a page changing its
 * text), and a page whose own observer removes each mark at once must be left alone after a few
 * rounds (a fight). lib/content/receipts.ts tells them apart by how soon the page took the marks
 * (FIGHT_WINDOW_MS).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MARKS_TIMEOUT_MS, readMarks, startHarness, type Harness } from "./support/harness";
import { serveFixture } from "./support/ui";

/** Seven headlines at most 1.2 s apart, and a slow machine's margin. */
const TICKER_TIMEOUT_MS = 20_000;
/**
 * The fighting page's count must hold still this long: more than the observer's idle batches
 * (at most 500 ms) and the fight window (500 ms) together, so a fight still going on would show.
 */
const QUIET_MS = 2_000;
/** A fight that never ends never goes quiet: fail well before the test's own timeout. */
const QUIET_TIMEOUT_MS = 20_000;
/**
 * Rounds the page fights, at most: the batches in a row that find their marks gone before
 * Receipts stops (3), and the first pass. The fixture counts rounds by how often it took one
 * name's mark, since a round's marks may go in over several tasks on a loaded machine.
 */
const MOST_FIGHTS = 4;

interface TickerRound {
  entity: string;
  marked: boolean;
}

async function markedEntities(page: Page): Promise<string[]> {
  return (await readMarks(page)).map((mark) => mark.entity);
}

/** The rounds the page fought, once its count has held still for QUIET_MS. */
async function fightsOnceQuiet(page: Page): Promise<number> {
  const fights = () => page.evaluate(() => (window as unknown as { fights: number }).fights);
  const deadline = Date.now() + QUIET_TIMEOUT_MS;
  let last = await fights();
  for (;;) {
    await page.waitForTimeout(QUIET_MS);
    const now = await fights();
    if (now === last) return now;
    if (Date.now() > deadline) throw new Error(`the page was still fighting (${now} rounds)`);
    last = now;
  }
}

describe("pages that take our marks away", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it.each([1200, 800])(
    "a ticker rewriting a named headline every %i ms has each headline marked",
    async (tickMs) => {
      const page = await harness.open(serveFixture(harness, "ticker.html", "pages"));
      await page.waitForFunction(
        () => document.querySelector('receipts-mark[data-receipts-entity="meredith-whittaker"]'),
        null,
        { timeout: MARKS_TIMEOUT_MS },
      );
      await page.evaluate(
        (ms) => (window as unknown as { startTicker(tickMs: number): void }).startTicker(ms),
        tickMs,
      );
      await page.waitForFunction(
        () => (window as unknown as { tickerDone: boolean }).tickerDone,
        null,
        {
          timeout: TICKER_TIMEOUT_MS,
        },
      );

      const rounds = await page.evaluate(
        () => (window as unknown as { tickerRounds: TickerRound[] }).tickerRounds,
      );
      expect(rounds.map((round) => round.entity)).toEqual([
        "tim-cook",
        "elon-musk",
        "palantir",
        "jeff-bezos",
        "sundar-pichai",
        "tim-cook",
        "mark-zuckerberg",
      ]);
      expect(rounds.filter((round) => !round.marked)).toEqual([]);
      // The last headline stays up, marked, below the page's static paragraph.
      await expect
        .poll(() => markedEntities(page), { timeout: MARKS_TIMEOUT_MS })
        .toEqual(["signal", "meredith-whittaker", "mark-zuckerberg"]);
      await page.close();
    },
  );

  it("a page that removes each mark at once is left alone after a few rounds", async () => {
    const page = await harness.open(serveFixture(harness, "fighter.html", "pages"));
    await page.waitForFunction(() => (window as unknown as { fights: number }).fights > 0, null, {
      timeout: MARKS_TIMEOUT_MS,
    });
    const fights = await fightsOnceQuiet(page);
    expect(fights).toBeLessThanOrEqual(MOST_FIGHTS);
    expect(await markedEntities(page)).toEqual([]);
    const text = await page.evaluate(() => document.body.innerText.replace(/\s+/g, " ").trim());
    expect(text).toBe(
      "Tech leaders and the letter Meta CEO Mark Zuckerberg attended the inauguration. " +
        "Signal president Meredith Whittaker spoke on Monday. Palantir was awarded a contract.",
    );

    // Left alone: a name the page adds later is not marked, so there is nothing to fight over.
    await page.evaluate(() =>
      (window as unknown as { addStory(text: string): void }).addStory("Tim Cook said so."),
    );
    expect(await fightsOnceQuiet(page)).toBe(fights);
    expect(await markedEntities(page)).toEqual([]);
    await page.close();
  });
});
