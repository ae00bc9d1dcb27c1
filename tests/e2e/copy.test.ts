/**
 * Copying marked text in Chromium: the clipboard gets the page's words, and none of our marks'
 * make-up. Chrome writes the style rules matching each copied element into its style attribute,
 * and marks.css's `all: unset` comes out as hundreds of declarations a mark, beside the dotted
 * underline, the tab stop's role and its label (lib/dom/copy.ts). Dragging the selection gives the
 * same HTML.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  articlePath,
  DEMO_ARTICLE_ID,
  readMarks,
  startHarness,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";

/**
 * Selects the article (every mark of the demo page, the tab stops among them), and returns the
 * selection's text and the marked words.
 */
async function selectArticle(page: Page): Promise<{ text: string; marked: string[] }> {
  return page.evaluate(() => {
    const article = document.querySelector("article");
    if (!article?.querySelector("receipts-mark[tabindex='0']")) throw new Error("no tab stop");
    const range = document.createRange();
    range.selectNodeContents(article);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    const marks = [...article.querySelectorAll("receipts-mark")];
    return {
      text: getSelection()?.toString() ?? "",
      marked: marks.map((m) => m.textContent ?? ""),
    };
  });
}

async function clipboard(page: Page): Promise<{ html: string; plain: string }> {
  return page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    if (!item) throw new Error("the clipboard is empty");
    const read = async (type: string) => (await item.getType(type)).text();
    return { html: await read("text/html"), plain: await read("text/plain") };
  });
}

/** The attributes of every mark on the page, in document order. */
async function markAttributes(page: Page): Promise<string[][]> {
  return page
    .locator("receipts-mark")
    .evaluateAll((marks) =>
      marks.map((mark) => Array.from(mark.attributes, ({ name, value }) => `${name}=${value}`)),
    );
}

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
    const before = await markAttributes(page);
    const { text, marked } = await selectArticle(page);
    expect(marked.length).toBeGreaterThan(5);

    await page.keyboard.press("Control+C");
    const { html, plain } = await clipboard(page);

    expect(plain).toBe(text);
    for (const words of marked) expect(html).toContain(words);
    for (const trace of ["data-receipts", "aria-label", "role=", "tabindex", "unset", "dotted"]) {
      expect(html).not.toContain(trace);
    }
    // The page's own marks are as they were once the copy is written.
    await expect.poll(() => markAttributes(page)).toEqual(before);
    expect((await readMarks(page)).length).toBe(before.length);
    await page.close();
  });

  it("drags the words without our attributes or styles", async () => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    await waitForMarkingToSettle(page);
    const { marked } = await selectArticle(page);
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
    for (const trace of ["data-receipts", "aria-label", "role=", "tabindex", "unset", "dotted"]) {
      expect(dragged).not.toContain(trace);
    }
    await page.close();
  });
});
