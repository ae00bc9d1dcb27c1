import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Dataset } from "../../lib/dataset/types";
import { PROJECT_ROOT } from "../../scripts/demo/site";
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

/** Quoted in article 000, so the card must carry at least one of his quotes. */
const PERSON_ID = "vinod-khosla";
const PERSON_NAME = "Vinod Khosla";
/** Cards may shorten a long headline; this much of it must be there verbatim. */
const HEADLINE_PREFIX_CHARS = 40;

function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function readDataset(): Dataset {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, "data/dataset.json"), "utf8")) as Dataset;
}

describe("the card", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("opens on hover in the <receipts-ui> shadow root with the name, a quote and its headline", async () => {
    const dataset = readDataset();
    const quotes = dataset.quotes.filter((quote) => quote.speaker === PERSON_ID);
    expect(quotes.length).toBeGreaterThan(0);

    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    const card = await openCard(page, markOf(PERSON_ID));

    // The card lives in the one shadow root, not in the page's own DOM.
    const inShadowRoot = await page.evaluate(() => {
      const hosts = document.querySelectorAll("receipts-ui");
      const host = hosts[0];
      return {
        hosts: hosts.length,
        open: host?.shadowRoot?.querySelector('[role="dialog"], [role="tooltip"]') != null,
        inLightDom: document.querySelector('[role="dialog"], [role="tooltip"]') != null,
      };
    });
    expect(inShadowRoot).toEqual({ hosts: 1, open: true, inLightDom: false });

    const text = normalise((await card.textContent()) ?? "");
    expect(text).toContain(PERSON_NAME);
    const shown = quotes.filter((quote) => text.includes(normalise(quote.text)));
    expect(
      shown.map((quote) => quote.id),
      `card text: ${text}`,
    ).not.toEqual([]);
    const headlines = shown.map((quote) => {
      const source = dataset.sources.find((candidate) => candidate.id === quote.source);
      return normalise(source?.headline ?? "").slice(0, HEADLINE_PREFIX_CHARS);
    });
    expect(headlines.some((headline) => headline !== "" && text.includes(headline))).toBe(true);
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
});
