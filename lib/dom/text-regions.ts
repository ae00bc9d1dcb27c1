import { hitsInText, type Sieve, type TextHit } from "../matching/sieve";
import { classify } from "./collect";

/**
 * Where in a root the sieve must read text node by text node: the subtrees whose text holds a
 * hit. Reading text nodes one by one costs a JS wrapper and a few JS steps each, and on a large
 * page that is most of what reading it costs; `textContent` reads a subtree's text in one native
 * call. So the root's text is searched whole (`hitsInText`), and the search descends only toward
 * the hits: a subtree without one is never read again, and on a page that names no one nothing
 * is read node by node at all.
 *
 * Descending costs a `textContent` of each child but one (`childrenOf`), so it stops at subtrees
 * of `leafChars` or fewer characters, which are read node by node. Decision 0007, third addendum.
 */

/** A run of sibling subtrees holding a hit, and how many characters of text they hold. */
export interface TextRegion {
  first: Node;
  last: Node;
  chars: number;
}

export interface RegionLimits {
  /** Subtrees with at most this many characters are read node by node, not descended into. */
  leafChars: number;
  /**
   * Roots with fewer elements are read node by node whole. `textContent` and the search of the
   * whole text cost per character (the patterns for names that may start lower case about
   * 10 ns a character), reading node by node mostly per node: timed in the same pages, searching
   * whole took 0.45 to 0.77 of the time on pages of 1,000 elements and more, and up to 1.6 times
   * as long on smaller ones (docs/performance.md).
   */
  minElements: number;
  /**
   * Roots with more elements are read node by node whole too: `textContent` is one call that
   * cannot be sliced, at about 10 ns a character (some 60 ms for the 6.5 MB synthetic article).
   */
  maxElements: number;
  /** The same for roots found to hold more characters (their text read once, then given up). */
  maxChars: number;
}

export const REGION_LIMITS: RegionLimits = {
  leafChars: 2_048,
  minElements: 1_000,
  maxElements: 5_000,
  maxChars: 300_000,
};

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** A subtree to descend into (its text and the hits in it), or a region found. */
type Pending =
  { region: TextRegion } | { region?: undefined; node: Node; text: string; hits: TextHit[] };

/** A child of a subtree being descended into: where its text lies in the parent's. */
interface Child {
  node: Node;
  start: number;
  length: number;
}

/**
 * The regions of `root` that hold a hit, in document order, none inside another; empty when
 * none does. Null when the root is not an element, or too small or too large to gain from this
 * (read it whole, node by node).
 */
export function textRegions(
  root: Node,
  sieve: Sieve,
  limits: RegionLimits = REGION_LIMITS,
): TextRegion[] | null {
  if (root.nodeType !== ELEMENT_NODE) return null;
  const elements = (root as Element).getElementsByTagName("*").length;
  if (elements < limits.minElements || elements > limits.maxElements) return null;
  const pieces = piecesOf(root);
  const text = pieces.texts.join("");
  if (text.length > limits.maxChars) return null;
  const regions: TextRegion[] = [];
  // Depth first, in document order, with a stack: pages nest elements thousands deep.
  const stack = pendingIn(pieces.children, text, hitsInText(text, sieve)).reverse();
  while (stack.length > 0) {
    const pending = stack.pop() as Pending;
    if (pending.region) {
      regions.push(pending.region);
      continue;
    }
    const { node, text: nodeText } = pending;
    if (nodeText.length <= limits.leafChars || node.firstChild === null) {
      regions.push({ first: node, last: node, chars: nodeText.length });
      continue;
    }
    const next = pendingIn(childrenOf(node, nodeText), nodeText, pending.hits);
    for (let index = next.length - 1; index >= 0; index--) stack.push(next[index] as Pending);
  }
  return regions;
}

/** What to do with each of some consecutive nodes holding hits: descend, or read it as it is. */
function pendingIn(children: readonly Child[], text: string, hits: readonly TextHit[]): Pending[] {
  const pending: Pending[] = [];
  for (const { first, last, hits: spanHits } of spansOf(children, hits)) {
    if (first !== last) {
      // A hit across nodes ("Goo<b>gle</b>"): read them together, as the page has them.
      const chars = last.start + last.length - first.start;
      pending.push({ region: { first: first.node, last: last.node, chars } });
    } else if (first.node.nodeType !== ELEMENT_NODE) {
      pending.push({ region: { first: first.node, last: first.node, chars: first.length } });
    } else if (classify(first.node as Element, null) !== "skip") {
      // (Text the page pass never reads, in code, hidden or editable regions, needs no look.)
      pending.push({
        node: first.node,
        text: text.slice(first.start, first.start + first.length),
        hits: spanHits.map(({ start, end }) => ({
          start: start - first.start,
          end: end - first.start,
        })),
      });
    }
  }
  return pending;
}

/** Elements whose own text nodes the sieve never reads (block-sieve.ts skips them by parent). */
const SCRIPT_LIKE = "script, style, noscript, template";

/**
 * The root as subtrees holding no script-like element, in document order, with their text: the
 * text the sieve reads node by node, without the scripts and styles `textContent` would add (a
 * page's inline data can outweigh its prose). Only the paths down to script-like elements are
 * split; the text nodes directly inside one are left out, as the sieve's walk leaves them.
 */
function piecesOf(root: Node): { children: Child[]; texts: string[] } {
  // The script-like elements (one native query) and every element above one, up to the root.
  const scriptLike = new Set<Node>((root as Element).querySelectorAll(SCRIPT_LIKE));
  if ((root as Element).matches(SCRIPT_LIKE)) scriptLike.add(root);
  const holders = new Set<Node>();
  for (const element of scriptLike) {
    if (element === root) continue;
    for (let above = element.parentNode; above && !holders.has(above); above = above.parentNode) {
      holders.add(above);
      if (above === root) break;
    }
  }
  const children: Child[] = [];
  const texts: string[] = [];
  let start = 0;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const type = node.nodeType;
    if (type !== TEXT_NODE && type !== ELEMENT_NODE) continue;
    const isScriptLike = scriptLike.has(node);
    if (type === TEXT_NODE || (!isScriptLike && !holders.has(node))) {
      const text = type === TEXT_NODE ? (node as Text).data : (node.textContent ?? "");
      children.push({ node, start, length: text.length });
      texts.push(text);
      start += text.length;
      continue;
    }
    const below: Node[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (!isScriptLike || child.nodeType === ELEMENT_NODE) below.push(child);
    }
    for (let index = below.length - 1; index >= 0; index--) stack.push(below[index] as Node);
  }
  return { children, texts };
}

/**
 * The children of a subtree and where their text lies in its text. Each child's length is its
 * text's, but one element child's is what the others leave: the one with the most elements
 * below it, which in the wrappers pages nest their content in holds almost everything. Counting
 * elements is native and creates no string; so descending copies each character only where a
 * subtree branches off the largest path, not once per level.
 */
function childrenOf(node: Node, text: string): Child[] {
  const children: Child[] = [];
  const elements: Child[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    const entry: Child = { node: child, start: 0, length: 0 };
    children.push(entry);
    if (child.nodeType === ELEMENT_NODE) elements.push(entry);
  }
  let derived: Child | null = elements.length === 1 ? (elements[0] as Child) : null;
  if (elements.length > 1) {
    let most = -1;
    for (const entry of elements) {
      const below = (entry.node as Element).getElementsByTagName("*").length;
      if (below > most) {
        most = below;
        derived = entry;
      }
    }
  }
  let rest = text.length;
  for (const entry of children) {
    if (entry === derived) continue;
    const type = entry.node.nodeType;
    // Comments and processing instructions are no part of an element's textContent.
    if (type === TEXT_NODE) entry.length = (entry.node as Text).length;
    else if (type === ELEMENT_NODE) entry.length = (entry.node.textContent ?? "").length;
    rest -= entry.length;
  }
  if (derived) derived.length = rest;
  let start = 0;
  for (const entry of children) {
    entry.start = start;
    start += entry.length;
  }
  return children;
}

/** Hits grouped by the children they lie in: hits across children join those children. */
function spansOf(
  children: readonly Child[],
  hits: readonly TextHit[],
): { first: Child; last: Child; hits: TextHit[] }[] {
  const spans: { first: number; last: number; hits: TextHit[] }[] = [];
  let index = 0;
  const childAt = (position: number): number => {
    // Hits come in order: the child holding this position is at or after the last one found.
    while (index < children.length - 1) {
      const child = children[index] as Child;
      if (position < child.start + child.length) break;
      index += 1;
    }
    return index;
  };
  for (const hit of hits) {
    const first = childAt(hit.start);
    const last = childAt(Math.max(hit.start, hit.end - 1));
    const open = spans[spans.length - 1];
    if (open && first <= open.last) {
      open.last = Math.max(open.last, last);
      open.hits.push(hit);
    } else {
      spans.push({ first, last, hits: [hit] });
    }
  }
  return spans.map(({ first, last, hits: spanHits }) => ({
    first: children[first] as Child,
    last: children[last] as Child,
    hits: spanHits,
  }));
}
