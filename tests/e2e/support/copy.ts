/**
 * What the copy tests of both browsers run in the page (Playwright's and Puppeteer's `evaluate`
 * take the same functions), and what a copy of marked text must not carry.
 */

/** Traces of our marks' attributes and of marks.css, which no copy of the page's text may hold. */
export const MARK_TRACES = ["data-receipts", "aria-label", "role=", "tabindex", "unset", "dotted"];

/**
 * In the page: selects the article (every mark of the demo page, the tab stops among them), and
 * returns the selection's text and the marked words.
 */
export function selectArticle(): { text: string; marked: string[] } {
  const article = document.querySelector("article");
  if (!article?.querySelector("receipts-mark[tabindex='0']")) throw new Error("no tab stop");
  const range = document.createRange();
  range.selectNodeContents(article);
  getSelection()?.removeAllRanges();
  getSelection()?.addRange(range);
  const marks = [...article.querySelectorAll("receipts-mark")];
  return { text: getSelection()?.toString() ?? "", marked: marks.map((m) => m.textContent ?? "") };
}

/** In the page: the clipboard's HTML and plain text. */
export async function readClipboard(): Promise<{ html: string; plain: string }> {
  const [item] = await navigator.clipboard.read();
  if (!item) throw new Error("the clipboard is empty");
  const read = async (type: string) => (await item.getType(type)).text();
  return { html: await read("text/html"), plain: await read("text/plain") };
}

/** In the page: the attributes of every mark, in document order. */
export function markAttributes(): string[][] {
  return Array.from(document.querySelectorAll("receipts-mark"), (mark) =>
    Array.from(mark.attributes, ({ name, value }) => `${name}=${value}`),
  );
}
