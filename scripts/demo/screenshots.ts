/**
 * The demo's screenshots, as a table: each row names the PNG, the demo page it starts from and
 * the action that puts the page in the state to capture. Add a row to add a screenshot.
 */
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { openPopupFor, type ExtensionBrowser } from "./browser";
import { articlePath, LOOKALIKES_PATH } from "./site";

/** Long enough for the content script to mark a 6 KB article on a slow CI core. */
export const MARKS_TIMEOUT_MS = 10_000;
/** The hover delay (300 ms, lib/ui/hover-intent.ts), the card's data round trip and a busy CI core. */
export const CARD_TIMEOUT_MS = 5_000;
/** The popup asks the background for counts; a few round trips at most. */
export const POPUP_TIMEOUT_MS = 5_000;

export const MARK_SELECTOR = "receipts-mark";
/** Playwright's CSS engine pierces open shadow roots, so this finds the card inside the host. */
export const CARD_SELECTOR = 'receipts-ui [role="dialog"], receipts-ui [role="tooltip"]';
export const POPUP_ENTITY_SELECTOR = "[data-entity]";
/** The popup's line for a page read to the end with nobody from the dataset on it. */
export const POPUP_EMPTY_SELECTOR = "[data-empty]";

export const DEMO_ARTICLE_ID = "000_bfb5c102bb8fd280";
/** Quoted in the demo article and in two others: a card with several sourced quotes. */
export const DEMO_PERSON_ID = "vinod-khosla";

export interface ShotContext {
  browser: ExtensionBrowser;
  /** The demo page, loaded, in the requested colour scheme. */
  page: Page;
  /** Where to write the PNG. */
  file: string;
}

export interface Screenshot {
  file: string;
  /** Site path of the page to start from, e.g. "/articles/000_….html". */
  page: string;
  colorScheme?: "light" | "dark";
  viewport?: { width: number; height: number };
  action: (shot: ShotContext) => Promise<void>;
}

export async function waitForMarks(page: Page): Promise<Locator> {
  const marks = page.locator(MARK_SELECTOR);
  await marks.first().waitFor({ state: "attached", timeout: MARKS_TIMEOUT_MS });
  return marks;
}

/** Hovers a mark and waits for the card. `pick` chooses which mark (default: the first). */
export async function openCard(
  page: Page,
  pick: (marks: Locator) => Promise<Locator> = async (marks) => marks.first(),
): Promise<Locator> {
  const mark = await pick(await waitForMarks(page));
  await mark.scrollIntoViewIfNeeded();
  await mark.hover();
  const card = page.locator(CARD_SELECTOR).first();
  await card.waitFor({ state: "visible", timeout: CARD_TIMEOUT_MS });
  return card;
}

/** The first mark of one entity. */
export function markOf(entityId: string): (marks: Locator) => Promise<Locator> {
  return async (marks) =>
    marks.and(marks.page().locator(`[data-receipts-entity="${entityId}"]`)).first();
}

/** The mark whose right edge is closest to the right of the viewport (for edge placement). */
export async function rightmostMark(marks: Locator): Promise<Locator> {
  const rights = await marks.evaluateAll((elements) =>
    elements.map((element) => element.getBoundingClientRect().right),
  );
  const index = rights.indexOf(Math.max(...rights));
  return marks.nth(Math.max(index, 0));
}

export const captureHighlightedPage = async ({ page, file }: ShotContext): Promise<void> => {
  await waitForMarks(page);
  await page.screenshot({ path: file, fullPage: true });
};

export const captureCard =
  (pick?: (marks: Locator) => Promise<Locator>) =>
  async ({ page, file }: ShotContext): Promise<void> => {
    await openCard(page, pick);
    // Finish the card's fade-in, or the PNG shows it half transparent.
    await page.screenshot({ path: file, animations: "disabled" });
  };

/** The popup opened as a tab for the demo page, with `?tab=<id>`. */
export const capturePopup =
  ({ expectEntities }: { expectEntities: boolean }) =>
  async ({ browser, page, file }: ShotContext): Promise<void> => {
    if (expectEntities) await waitForMarks(page);
    const popup = await openPopupFor(browser, page);
    try {
      await popup.setViewportSize({ width: 400, height: 600 });
      await popup
        .locator(expectEntities ? POPUP_ENTITY_SELECTOR : POPUP_EMPTY_SELECTOR)
        .first()
        .waitFor({ state: "visible", timeout: POPUP_TIMEOUT_MS });
      await popup.screenshot({ path: file, fullPage: true });
    } finally {
      await popup.close();
    }
  };

/** A phone-sized viewport puts some marks against the right edge, where the card must flip. */
const NARROW_VIEWPORT = { width: 420, height: 800 };

export const SCREENSHOTS: Screenshot[] = [
  {
    file: "article-highlighted.png",
    page: articlePath(DEMO_ARTICLE_ID),
    action: captureHighlightedPage,
  },
  {
    file: "card-open.png",
    page: articlePath(DEMO_ARTICLE_ID),
    action: captureCard(markOf(DEMO_PERSON_ID)),
  },
  {
    file: "card-dark.png",
    page: articlePath(DEMO_ARTICLE_ID),
    colorScheme: "dark",
    action: captureCard(markOf(DEMO_PERSON_ID)),
  },
  {
    file: "card-right-edge.png",
    page: articlePath(DEMO_ARTICLE_ID),
    viewport: NARROW_VIEWPORT,
    action: captureCard(rightmostMark),
  },
  {
    file: "popup.png",
    page: articlePath(DEMO_ARTICLE_ID),
    action: capturePopup({ expectEntities: true }),
  },
  {
    file: "popup-empty.png",
    page: LOOKALIKES_PATH,
    action: capturePopup({ expectEntities: false }),
  },
];

export interface ShotResult {
  file: string;
  error?: string;
}

/** Takes each screenshot in its own tab; one failing row does not stop the others. */
export async function takeScreenshots(
  browser: ExtensionBrowser,
  baseUrl: string,
  outDir: string,
  shots: Screenshot[],
): Promise<ShotResult[]> {
  const results: ShotResult[] = [];
  for (const shot of shots) {
    const file = join(outDir, shot.file);
    const page = await browser.context.newPage();
    try {
      await page.emulateMedia({ colorScheme: shot.colorScheme ?? "light" });
      if (shot.viewport) await page.setViewportSize(shot.viewport);
      await page.goto(baseUrl + shot.page);
      await shot.action({ browser, page, file });
      results.push({ file });
    } catch (error) {
      // Playwright appends a call log; its first line says what timed out.
      const message = error instanceof Error ? error.message : String(error);
      results.push({ file, error: message.split("\n")[0] ?? message });
    } finally {
      await page.close();
    }
  }
  return results;
}
