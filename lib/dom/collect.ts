import { keepLatest } from "../engine/keep-latest";
import type { TextSegment } from "../matching/types";

/**
 * Collects the text a reader sees, as text nodes in document order, for the matcher.
 *
 * Works with any DOM implementation (a browser, happy-dom, linkedom): it only uses
 * firstChild/nextSibling/parentNode, localName and getAttribute. The walk is our own rather than
 * a TreeWalker because linkedom's TreeWalker ignores its filter (it would hand us the text of
 * <script> and <code>), and because leaving a block element must also start a new block, which a
 * TreeWalker does not report. Like FILTER_REJECT, an excluded element is skipped with its whole
 * subtree, decided once per element.
 */

/**
 * Our marks: read as the text they hold, flagged `marked` so that nothing in them is wrapped
 * again (`classify`).
 */
export const MARK_TAG = "receipts-mark";
/** The card's host element: never read. */
export const UI_TAG = "receipts-ui";

/** Elements whose text is not prose a reader reads as such, or that the page may edit or run. */
const EXCLUDED_TAGS: ReadonlySet<string> = new Set([
  "head",
  "title",
  "script",
  "style",
  "noscript",
  "template",
  "textarea",
  "input",
  "select",
  "option",
  "optgroup",
  "datalist",
  "button",
  "code",
  "pre",
  "kbd",
  "samp",
  "iframe",
  "frame",
  "object",
  "embed",
  "canvas",
  "video",
  "audio",
  "svg",
  "math",
  UI_TAG,
]);

/**
 * Elements that start a new block (so a name never spans them). Tag names stand in for computed
 * display where no window is given (scan in Node), and are correct for the default styles.
 */
const BLOCK_TAGS: ReadonlySet<string> = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "br",
  "caption",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "legend",
  "li",
  "main",
  "menu",
  "nav",
  "ol",
  "p",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);

/** Class names of rich-text and code editors whose text belongs to the user, not the page. */
const EDITOR_CLASS =
  /(?:^|\s)(?:ProseMirror|ql-editor|CodeMirror|cm-editor|monaco-editor|ace_editor)(?:\s|$)/;
/**
 * The first `display` of an inline style. (A later one would win; in a browser the computed
 * display, asked of every element with a style, catches that.)
 */
const INLINE_DISPLAY_VALUE = /(?:^|;)\s*display\s*:\s*([a-z-]+)/i;
const HAS_NON_WHITESPACE = /\S/;
const ENDS_WITH_WHITESPACE = /\s$/;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;

/** The one method we need from a window; absent in Node, where inline styles and tags decide. */
export interface StyleView {
  getComputedStyle(element: Element): { display: string };
}

export interface CollectOptions {
  /**
   * The page's window, in a browser (the content script passes `window`). Then text whose
   * element is not rendered (display:none from a stylesheet, on it or an ancestor) is skipped,
   * and a custom element's computed display decides whether it is a block. Without it (scan in
   * Node), the `hidden` attribute, an inline `display` and the tag decide.
   *
   * Style is asked once per element that holds text or contains such an element, and only for
   * elements a stylesheet is likely to hide by themselves (blocks, custom elements, elements
   * with a class, id or style); others inherit their parent's answer. `checkVisibility()` per
   * text-holding element cost about 20 ms on a 900-element corpus page in Chromium, this 3-4 ms.
   */
  view?: StyleView | null;
  /** Elements already read by an earlier pass (blocks): skipped, each a block boundary. */
  skip?: ReadonlySet<Node>;
  /**
   * Whether each element is rendered, shared by collectors that run while style cannot change
   * (one task of the page pass reads many blocks under the same ancestors: each is asked once).
   */
  rendered?: Map<Element, boolean>;
}

export interface CollectedText {
  /** nodes[i] holds exactly segments[i].text. */
  nodes: Text[];
  segments: TextSegment[];
}

export type Verdict = "skip" | "inline" | "block";

/** How the walk treats an element: skipped with its subtree, part of the run, or a new block. */
export function classify(element: Element, view: StyleView | null | undefined): Verdict {
  const tag = element.localName;
  if (EXCLUDED_TAGS.has(tag)) return "skip";
  // Our own marks are read as the text they hold (flagged, so never wrapped twice): reading a
  // marked page again then sees the same words in the same runs as the first reading did.
  if (tag === MARK_TAG) return "inline";
  // Most elements carry no attribute that matters here: one call answers for all of them.
  if (element.hasAttributes()) {
    const attributeVerdict = classifyByAttributes(element);
    if (attributeVerdict) return attributeVerdict;
  }
  if (BLOCK_TAGS.has(tag)) return "block";
  // Custom elements are inline by default but mostly styled as blocks: ask, they are few.
  if (view && tag.includes("-")) {
    const display = view.getComputedStyle(element).display;
    if (display === "none") return "skip";
    return isInlineDisplay(display) ? "inline" : "block";
  }
  return "inline";
}

/** The verdict the element's attributes force, if any. */
function classifyByAttributes(element: Element): Verdict | null {
  if (element.hasAttribute("hidden")) return "skip";
  const editable = element.getAttribute("contenteditable");
  if (editable !== null && editable.toLowerCase() !== "false") return "skip";
  if (element.getAttribute("role") === "textbox") return "skip";
  if (element.hasAttribute("data-slate-editor")) return "skip";
  const className = element.getAttribute("class");
  if (className && EDITOR_CLASS.test(className)) return "skip";
  // aria-hidden is deliberately not a reason: it hides from assistive technology only, and the
  // text stays on screen where the reader sees it.
  const style = element.getAttribute("style");
  if (style) {
    const display = INLINE_DISPLAY_VALUE.exec(style)?.[1]?.toLowerCase();
    if (display === "none") return "skip";
    if (display) return isInlineDisplay(display) ? "inline" : "block";
  }
  return null;
}

/**
 * Whether a stylesheet may hide this element by itself: blocks (menus, dialogs, "read more"),
 * custom elements, and anything with a class, id or style. A plain inline element (<b>, <a
 * href>) is rendered exactly when its parent is, so it costs no style query.
 */
function mayBeHiddenByStylesheet(element: Element): boolean {
  const tag = element.localName;
  return (
    BLOCK_TAGS.has(tag) ||
    tag.includes("-") ||
    element.hasAttribute("class") ||
    element.hasAttribute("id") ||
    element.hasAttribute("style")
  );
}

/**
 * A shadow host's light DOM that its shadow root has no slot for: the browser renders none of it,
 * yet its computed style says it is displayed. Only an open root can be asked (a closed one's
 * content counts as shown), and only a DOM that assigns slots (happy-dom has no `assignedSlot`).
 */
function isUnslotted(node: Element | Text): boolean {
  return !!node.parentElement?.shadowRoot && node.assignedSlot === null;
}

function isInlineDisplay(display: string): boolean {
  return display.startsWith("inline") || display === "contents" || display === "";
}

/**
 * True when the node is, or sits inside, a region that collect never enters (checked once per
 * root: a root the page added may itself be an editor or a button).
 */
export function isInExcludedRegion(node: Node, options: CollectOptions = {}): boolean {
  for (let current: Node | null = node; current; current = current.parentNode) {
    if (current.nodeType !== ELEMENT_NODE) continue;
    if (classify(current as Element, options.view) === "skip") return true;
  }
  return false;
}

/**
 * Collects a root's text in pieces, so a page pass can yield to the page between them. Each
 * piece ends where a new block starts (a name never spans two pieces), unless one block alone
 * holds far more text nodes than asked for.
 */
export interface TextCollector {
  /**
   * At least `minNodes` text nodes or `minChars` characters (less at the end), up to the next
   * block boundary.
   */
  next(minNodes: number, minChars?: number): CollectedText;
  /** True once the whole root was walked. */
  readonly done: boolean;
  /** Where the walk resumes: it must still be under the root for the walk to go on. */
  readonly position: Node | null;
}

/**
 * A piece stops at a block boundary; a single block that holds more than this many times the
 * asked-for nodes (or characters) is cut anyway, so one giant inline run cannot make one long
 * task.
 */
const LONG_BLOCK_FACTOR = 8;

/**
 * The visible, readable text under `start` (an element, a document, a fragment or a text node).
 * A whitespace-only node is kept only where it separates two words of the same block
 * (`<a>Jeff</a> <a>Bezos</a>`); indentation between blocks is dropped without further work.
 */
export function collectText(start: Node, options: CollectOptions = {}): CollectedText {
  return createTextCollector(start, options).next(Number.POSITIVE_INFINITY);
}

export function createTextCollector(start: Node, options: CollectOptions = {}): TextCollector {
  // From a document, walk its element: linkedom's doctype has no nextSibling to walk on from.
  const root =
    start.nodeType === DOCUMENT_NODE ? ((start as Document).documentElement ?? start) : start;
  const view = options.view;
  const skip = options.skip?.size ? options.skip : undefined;
  let block = 0;
  let boundaryPending = false;
  let hasText = false;
  let lastText = "";
  let nodes: Text[] = [];
  let segments: TextSegment[] = [];
  let characters = 0;

  // A whitespace-only node waits here until a word follows it in the same block.
  let pendingSpace: Text | null = null;

  const push = (node: Text): void => {
    nodes.push(node);
    characters += node.data.length;
    const parent = node.parentNode as Element | null;
    if (parent?.localName === MARK_TAG) segments.push({ text: node.data, block, marked: true });
    else segments.push({ text: node.data, block });
  };

  // Rendered or not, per element holding text, decided by a style query only where a stylesheet
  // could hide that element itself; otherwise inherited from its parent.
  const rendered = options.rendered ?? new Map<Element, boolean>();
  const isRenderedElement = (element: Element, styleView: StyleView): boolean => {
    const chain: Element[] = [];
    let verdict = true;
    for (let current: Element | null = element; current; current = current.parentElement) {
      const known = rendered.get(current);
      if (known !== undefined) {
        verdict = known;
        break;
      }
      chain.push(current);
    }
    // From the outermost unknown ancestor down: each element's own display, asked once.
    for (let index = chain.length - 1; index >= 0; index -= 1) {
      const current = chain[index] as Element;
      if (verdict && isUnslotted(current)) verdict = false;
      else if (verdict && mayBeHiddenByStylesheet(current)) {
        verdict = styleView.getComputedStyle(current).display !== "none";
      }
      rendered.set(current, verdict);
    }
    return verdict;
  };
  const isHidden = (node: Text): boolean => {
    const parent = node.parentElement;
    return Boolean(view && parent && (isUnslotted(node) || !isRenderedElement(parent, view)));
  };

  const addText = (node: Text): void => {
    const text = node.data;
    if (text.length === 0) return;
    if (!HAS_NON_WHITESPACE.test(text)) {
      // Indentation costs no style query: only a space that would join two words is checked.
      if (!boundaryPending && hasText && !ENDS_WITH_WHITESPACE.test(lastText)) {
        if (isHidden(node)) boundaryPending = true;
        else pendingSpace = node;
      }
      return;
    }
    if (isHidden(node)) {
      boundaryPending = true;
      return;
    }
    if (boundaryPending) {
      if (hasText) block += 1;
      boundaryPending = false;
      pendingSpace = null;
    }
    if (pendingSpace) push(pendingSpace);
    pendingSpace = null;
    hasText = true;
    lastText = text;
    push(node);
  };

  const take = (): CollectedText => {
    const piece = { nodes, segments };
    nodes = [];
    segments = [];
    characters = 0;
    return piece;
  };

  let node: Node | null = null;
  // Whether each element we are inside (below the root) is a block, innermost last: leaving
  // one ends its block without asking the element again.
  const insideBlock: boolean[] = [];

  if (root.nodeType === TEXT_NODE) {
    let pending = true;
    return {
      next() {
        if (pending && !isInExcludedRegion(root, options)) addText(root as Text);
        pending = false;
        return take();
      },
      get done() {
        return !pending;
      },
      position: null,
    };
  }
  const walkable =
    (root.nodeType === ELEMENT_NODE && classify(root as Element, view) !== "skip") ||
    root.nodeType === DOCUMENT_FRAGMENT_NODE;
  node = walkable ? root.firstChild : null;

  const next = (minNodes: number, minChars = Number.POSITIVE_INFINITY): CollectedText => {
    const hardNodes = minNodes * LONG_BLOCK_FACTOR;
    const hardChars = minChars * LONG_BLOCK_FACTOR;
    while (node) {
      const enough = segments.length >= minNodes || characters >= minChars;
      const tooMuch = segments.length >= hardNodes || characters >= hardChars;
      if (enough && (boundaryPending || tooMuch)) break;
      let descend = false;
      const nodeType = node.nodeType;
      if (nodeType === TEXT_NODE) {
        addText(node as Text);
      } else if (nodeType === ELEMENT_NODE) {
        const verdict = skip?.has(node) ? "skip" : classify(node as Element, view);
        // An excluded region also separates: "Tim <code>x</code> Cook" is no mention of Tim Cook.
        if (verdict !== "inline") boundaryPending = true;
        if (verdict !== "skip" && node.firstChild !== null) {
          descend = true;
          insideBlock.push(verdict === "block");
        }
      }
      if (descend) {
        node = node.firstChild;
        continue;
      }
      // Climb until there is a next sibling, ending each block element we leave.
      while (node && node !== root && !node.nextSibling) {
        node = node.parentNode;
        if (node && node !== root && insideBlock.pop()) boundaryPending = true;
      }
      node = node && node !== root ? node.nextSibling : null;
    }
    return take();
  };

  // Kept until the next collector, and with it the optimized code of its closures.
  return keepLatest("collector", {
    next,
    get done() {
      return node === null;
    },
    get position() {
      return node;
    },
  });
}
