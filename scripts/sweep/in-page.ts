/**
 * Functions that run inside the page under test (main world), through `runInPage`. Each is
 * self-contained: Playwright sends its source text, so nothing from this module's scope exists
 * there.
 */
import type { Frame, Page } from "playwright-core";

/**
 * Runs `fn(arg)` in the page. tsx and vite compile with esbuild's keepNames, which wraps named
 * functions in a `__name(...)` helper that does not exist in the page; define a no-op one there.
 */
export async function runInPage<Arg, Result>(
  target: Page | Frame,
  fn: (arg: Arg) => Result,
  arg: Arg,
): Promise<Awaited<Result>> {
  const source = `(() => { const __name = (target) => target; return (${fn.toString()})(${JSON.stringify(arg)}); })()`;
  return (await target.evaluate(source)) as Awaited<Result>;
}

export interface Box {
  /** Element-child indices from <html>, our marks left out so the key does not move when marking. */
  key: string;
  /** Lower-case tag name, so a report can say what a block that moved or went missing was. */
  tag: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MarkRecord {
  entity: string;
  how: string;
  /** data-receipts-match, shared by the marks of one name split across inline elements. */
  match: string;
  text: string;
  /** From the first to the last mark of the same match, as the page reads it. */
  matchText: string;
  /** The excluded region the mark is inside, e.g. "code", or "" when none. */
  excludedBy: string;
  insideMark: boolean;
  /** The href of the link the mark is inside, or "" when none. */
  link: string;
  /** Where the mark's text starts in `document.body.textContent` (labels refer to it), or -1. */
  offset: number;
}

export interface Snapshot {
  text: string;
  html: string;
  textNodes: number;
  /** The document's adopted stylesheets: ours is one while the page is marked (page-styles.ts). */
  adoptedStyleSheets: number;
  elements: number;
  blocks: Box[];
}

/** The reader-visible text, the serialised DOM, and the box of every non-inline element. */
export function takeSnapshot(options: { layout: boolean }): Snapshot {
  const OURS = new Set(["RECEIPTS-MARK", "RECEIPTS-UI"]);
  const FLOW_ONLY = new Set(["inline", "contents", "none"]);
  const blocks: Box[] = [];
  let elements = 0;
  // Boxes are read relative to the viewport: a page that scrolled itself during a slow load (a
  // focus, an anchor, restored scrolling) once read as 1,057 blocks moved by 349px, <html> too.
  // Both loads are read from the top, so only layout tells them apart.
  if (options.layout) scrollTo({ top: 0, left: 0, behavior: "instant" });
  const walk = (element: Element, key: string): void => {
    elements += 1;
    // By namespace, not `instanceof HTMLElement`: that test depends on the realm of the
    // element's wrapper, and once counted nothing below <html> on a saved page.
    if (options.layout && element.namespaceURI === "http://www.w3.org/1999/xhtml") {
      const display = getComputedStyle(element).display;
      if (!FLOW_ONLY.has(display)) {
        const rect = element.getBoundingClientRect();
        blocks.push({
          key,
          tag: element.tagName.toLowerCase(),
          x: rect.x,
          y: rect.y,
          width: rect.width,
          height: rect.height,
        });
      }
    }
    let index = 0;
    const visit = (parent: Element): void => {
      for (const child of Array.from(parent.children)) {
        // A mark is transparent: what it wraps keeps the place it had among its parent's children.
        if (child.tagName === "RECEIPTS-MARK") visit(child);
        else if (!OURS.has(child.tagName)) walk(child, `${key}/${index++}`);
      }
    };
    visit(element);
  };
  walk(document.documentElement, "html");
  let textNodes = 0;
  const texts = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  while (texts.nextNode()) textNodes += 1;
  return {
    text: document.body ? document.body.innerText : "",
    html: document.documentElement.outerHTML,
    textNodes,
    adoptedStyleSheets: document.adoptedStyleSheets.length,
    elements,
    blocks,
  };
}

/** Every mark in this document, with where it sits. */
export function readMarkRecords(): MarkRecord[] {
  const EXCLUDED: [string, string][] = [
    ["script", "script"],
    ["style", "style"],
    ["noscript", "noscript"],
    ["template", "template"],
    ["textarea", "textarea"],
    ["input", "input"],
    ["select", "select"],
    ["option", "option"],
    ["code", "code"],
    ["pre", "pre"],
    ["iframe", "iframe"],
    ["svg", "svg"],
    ["math", "math"],
    ["[hidden]", "[hidden]"],
    ["receipts-ui", "receipts-ui"],
  ];
  const marks = Array.from(document.querySelectorAll("receipts-mark"));
  const byMatch = new Map<string, Element[]>();
  for (const mark of marks) {
    const id = mark.getAttribute("data-receipts-match");
    if (id === null) continue;
    const group = byMatch.get(id) ?? [];
    group.push(mark);
    byMatch.set(id, group);
  }
  const offsets = new Map<Node, number>();
  if (document.body) {
    let offset = 0;
    const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (texts.nextNode()) {
      offsets.set(texts.currentNode, offset);
      offset += (texts.currentNode as Text).data.length;
    }
  }
  const offsetOf = (mark: Element): number => {
    const first = document.createTreeWalker(mark, NodeFilter.SHOW_TEXT).nextNode();
    return first ? (offsets.get(first) ?? -1) : -1;
  };
  return marks.map((mark) => {
    const parent = mark.parentElement;
    let excludedBy = "";
    for (const [name, selector] of EXCLUDED) {
      if (parent?.closest(selector)) {
        excludedBy = name;
        break;
      }
    }
    const editable = parent?.closest("[contenteditable]");
    if (!excludedBy && editable && editable.getAttribute("contenteditable") !== "false") {
      excludedBy = "[contenteditable]";
    }
    const match = mark.getAttribute("data-receipts-match") ?? "";
    const group = byMatch.get(match) ?? [mark];
    const range = document.createRange();
    range.setStartBefore(group[0] ?? mark);
    range.setEndAfter(group[group.length - 1] ?? mark);
    return {
      entity: mark.getAttribute("data-receipts-entity") ?? "",
      how: mark.getAttribute("data-receipts-how") ?? "",
      match,
      text: mark.textContent ?? "",
      matchText: range.toString(),
      excludedBy,
      insideMark: parent?.closest("receipts-mark") !== null && parent !== null,
      link: mark.closest("a[href]")?.getAttribute("href") ?? "",
      offset: offsetOf(mark),
    };
  });
}

export function countMarks(): number {
  return document.querySelectorAll("receipts-mark").length;
}

export const PROBE_LINK_ID = "receipts-sweep-probe-link";

/** Adds a visible link whose text is a name, for the navigation check on pages without one. */
export function addProbeLink(options: { id: string; href: string; name: string }): void {
  const paragraph = document.createElement("p");
  paragraph.setAttribute(
    "style",
    "position:fixed;top:0;left:0;z-index:2147483647;margin:0;padding:8px;background:#fff;font:16px sans-serif",
  );
  const link = document.createElement("a");
  link.id = options.id;
  link.href = options.href;
  link.textContent = `${options.name} said`;
  paragraph.append(link);
  (document.body ?? document.documentElement).append(paragraph);
}
