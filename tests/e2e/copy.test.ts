/**
 * Copying marked text in Chromium: the clipboard gets the page's words, and none of our marks'
 * make-up. Chrome writes the style rules matching each copied element into its style attribute,
 * and marks.css's `all: unset` comes out as hundreds of declarations a mark, beside the dotted
 * underline, the tab stop's role and its label (lib/dom/copy.ts). Dragging the selection gives the
 * same HTML. Firefox's clipboard is read in firefox-runtime.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  articlePath,
  DEMO_ARTICLE_ID,
  readMarks,
  startHarness,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";
import { MARK_TRACES, markAttributes, readClipboard, selectArticle } from "./support/copy";

describe("copying marked text (Chromium)", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
    await harness.browser.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: harness.server.url,
    });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("puts the words on the clipboard without our attributes or styles, and keeps the marks", async () => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    await waitForMarkingToSettle(page);
    const before = await page.evaluate(markAttributes);
    const { text, marked } = await page.evaluate(selectArticle);
    expect(marked.length).toBeGreaterThan(5);

    await page.keyboard.press("Control+C");
    const { html, plain } = await page.evaluate(readClipboard);

    expect(plain).toBe(text);
    for (const words of marked) expect(html).toContain(words);
    for (const trace of MARK_TRACES) {
      expect(html).not.toContain(trace);
    }
    // The page's own marks are as they were once the copy is written.
    await expect.poll(() => page.evaluate(markAttributes)).toEqual(before);
    expect((await readMarks(page)).length).toBe(before.length);
    await page.close();
  });

  it("copies the whole page selected with Ctrl+A without our attributes or styles", async () => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    await waitForMarkingToSettle(page);
    const before = await page.evaluate(markAttributes);
    // Focus in the page, on no mark: the reader's Ctrl+A then selects the whole document.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Control+C");
    const { html } = await page.evaluate(readClipboard);

    // Every mark of the page is in the copy, bare but for the page's own rules Chrome inlines
    // (the whole page holds labels and roles of its own: only the marks' tags are read).
    const markTags = html.match(/<receipts-mark[\s>][^>]*/g) ?? [];
    expect(markTags.length).toBe(before.length);
    for (const trace of MARK_TRACES) {
      expect(markTags.filter((tag) => tag.includes(trace))).toEqual([]);
    }
    await expect.poll(() => page.evaluate(markAttributes)).toEqual(before);
    await page.close();
  });

  it("drags the words without our attributes or styles", async () => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    await waitForMarkingToSettle(page);
    const { marked } = await page.evaluate(selectArticle);
    // Where the drag starts, and a listener of the page's that keeps what the drop would get.
    const start = await page.evaluate(() => {
      const page = window as unknown as { dragged?: string };
      document.addEventListener("dragstart", (event) => {
        page.dragged = event.dataTransfer?.getData("text/html");
      });
      const box = document.querySelector("article p receipts-mark")?.getBoundingClientRect();
      if (!box) throw new Error("no mark in a paragraph");
      return { x: box.x + 2, y: box.y + box.height / 2 };
    });

    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 60, start.y + 80, { steps: 10 });
    const html = await page.waitForFunction(
      () => (window as unknown as { dragged?: string }).dragged,
    );
    await page.mouse.up();

    const dragged = (await html.jsonValue()) as string;
    for (const words of marked) expect(dragged).toContain(words);
    for (const trace of MARK_TRACES) {
      expect(dragged).not.toContain(trace);
    }
    await page.close();
  });
});
