import { MARK_TAG } from "./collect";

/**
 * What a reader copies from the page carries the marked words, not our marks' make-up. Chrome
 * writes the style rules that match each copied element into its `style` attribute: ours
 * (`all: unset` spelled out property by property, and the dotted underline: some 15 KB a mark)
 * would paste into a mail or an editor, with the tab stop's role and label. Firefox copies the
 * attributes without the styles (both clipboards are read in the e2e tests). So for the copy
 * only, the marks in the selection lose their attributes; the caller gives them back in the next
 * task, once the browser has written the clipboard (the copy event's default action runs after
 * its listeners, and after the microtasks they queue).
 *
 * Returns the exact inverse, or null when the selection holds no mark. Dragged text is cleaned
 * otherwise (`stripMarksFromDragData`).
 */
export function stripMarksForCopy(selection: Selection | null): (() => void) | null {
  // Each mark once, with the attributes it had: a page selected whole may hold hundreds.
  const stripped = new Map<Element, [string, string][]>();
  const strip = (mark: Element) => {
    if (stripped.has(mark)) return;
    const attributes: [string, string][] = [];
    for (const { name, value } of Array.from(mark.attributes)) {
      // A focused mark keeps its tab stop: without it, the browser would move focus away.
      if (name === "tabindex" && mark === mark.ownerDocument.activeElement) continue;
      attributes.push([name, value]);
      mark.removeAttribute(name);
    }
    stripped.set(mark, attributes);
  };
  for (let index = 0; index < (selection?.rangeCount ?? 0); index++) {
    const range = (selection as Selection).getRangeAt(index);
    if (range.collapsed) continue;
    const common = range.commonAncestorContainer;
    // A range over the document itself (`selectAllChildren(document)`) has no element above it.
    const scope =
      common.nodeType === 9
        ? (common as Document).documentElement
        : common.nodeType === 1
          ? (common as Element)
          : common.parentElement;
    if (!scope) continue;
    // A selection inside one mark's text.
    const around = scope.closest(MARK_TAG);
    if (around) strip(around);
    for (const mark of Array.from(scope.getElementsByTagName(MARK_TAG))) {
      if (range.intersectsNode(mark)) strip(mark);
    }
  }
  if (stripped.size === 0) return null;
  return () => {
    for (const [mark, attributes] of stripped) {
      for (const [name, value] of attributes) mark.setAttribute(name, value);
    }
  };
}

/** A mark's start tag as serialized, its attributes (and Chromium's inlined style) with it. */
const MARK_START_TAG = new RegExp(`<${MARK_TAG}\\s[^>]*>`, "g");

/**
 * Dragged text: Chromium writes the selection's HTML into the drag data before `dragstart`
 * reaches any listener, so the marks cannot be stripped for it. Their start tags are rewritten in
 * that HTML instead (none of our attribute values holds a `>`).
 */
export function stripMarksFromDragData(data: DataTransfer | null): void {
  const html = data?.getData("text/html");
  if (html?.includes(`<${MARK_TAG} `)) {
    data?.setData("text/html", html.replace(MARK_START_TAG, `<${MARK_TAG}>`));
  }
}
