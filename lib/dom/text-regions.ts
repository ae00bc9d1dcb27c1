import { hitsInText, tailStart, type Sieve, type TextHit } from "../matching/sieve";
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
   * Subtrees with more elements are split into their children, so that no `textContent` reads
   * a whole large page in one call (about 10 ns a character: some 60 ms for the 6.5 MB synthetic
   * article), and the root is searched a stretch at a time (`RegionPlanner`). Small enough that
   * a stretch stays a few milliseconds where one subtree holds much text.
   */
  maxElements: number;
  /**
   * Characters searched per stretch, at least: a stretch ends before the first block after
   * this many, where no name can run on (the rules look only inside a block's runs). A stretch
   * costs about 2 ms a 16 K characters searched cold.
   */
  batchChars: number;
}

export const REGION_LIMITS: RegionLimits = {
  leafChars: 2_048,
  minElements: 1_000,
  maxElements: 250,
  batchChars: 4_096,
};

/**
 * A stretch of inline text with no block to end at is cut once it holds this many times
 * `batchChars`, overlapping the next by its tail (`tailStart`: more than any token holds).
 */
const INLINE_STRETCH_FACTOR = 4;

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

/** Finds a root's regions a stretch at a time, in document order. */
export interface RegionPlanner {
  /**
   * The regions of the next stretch of the root (none if it names no one), and the characters
   * searched for them; null once the whole root was searched.
   */
  next(): { regions: TextRegion[]; chars: number } | null;
}

/**
 * A planner for `root`, or null when the root is not an element or too small to gain from this
 * (read it whole, node by node). The root is split into subtrees of at most `maxElements`
 * elements, taken in document order until a stretch holds `batchChars` characters.
 */
export function planRegions(
  root: Node,
  sieve: Sieve,
  limits: RegionLimits = REGION_LIMITS,
): RegionPlanner | null {
  if (root.nodeType !== ELEMENT_NODE || elementsIn(root) < limits.minElements) return null;
  const scripts = scriptsIn(root as Element);
  // Depth first, one node at a time: a node split into its children is entered at its first
  // child, and each node taken leaves its next sibling to come (the root has none of ours), so
  // splitting an article of 20,000 paragraphs costs nothing until each is reached.
  const frontier: Node[] = [root];
  // The subtree that ended the last stretch, first of the next one.
  let held: Node | null = null;
  const nextSubtree = (): Node | null => {
    const kept = held;
    held = null;
    if (kept) return kept;
    for (let node = frontier.pop(); node; node = frontier.pop()) {
      if (node !== root) {
        // Of a script-like element split into its children, its elements only (as `addPieces`).
        let sibling = node.nextSibling;
        if (node.parentNode && scripts.scriptLike.has(node.parentNode)) {
          while (sibling && sibling.nodeType !== ELEMENT_NODE) sibling = sibling.nextSibling;
        }
        if (sibling) frontier.push(sibling);
      }
      if (node.nodeType === TEXT_NODE) return node;
      if (node.nodeType !== ELEMENT_NODE) continue;
      if (elementsIn(node) <= limits.maxElements) return node;
      let child = node.firstChild;
      if (scripts.scriptLike.has(node)) {
        while (child && child.nodeType !== ELEMENT_NODE) child = child.nextSibling;
      }
      if (child) frontier.push(child);
    }
    return null;
  };
  // Subtrees that ended a stretch cut inside inline text, searched again at the next one's start.
  let overlap: Node[] = [];
  return {
    next() {
      const pieces: Pieces = { children: [], texts: [], length: 0 };
      // The subtrees of this stretch, and where each one's text starts in it: first those that
      // hold the tail of the stretch before (a name may run on from it), then the new ones.
      const taken: { subtree: Node; start: number }[] = [];
      for (const subtree of overlap) {
        taken.push({ subtree, start: pieces.length });
        addPieces(subtree, pieces, scripts);
      }
      const overlapped = taken.length;
      const overlappedPieces = pieces.texts.length;
      // Hits wholly in those were found in the stretch before.
      const searchedBefore = pieces.length;
      overlap = [];
      // Whether the last subtree taken separates, once asked.
      let lastSeparates: boolean | undefined;
      let cutInline = false;
      for (let subtree = nextSubtree(); subtree; subtree = nextSubtree()) {
        const length = pieces.length - searchedBefore;
        if (taken.length > overlapped && length >= limits.batchChars) {
          const separating = separates(subtree);
          if (separating || lastSeparates) {
            held = subtree;
            break;
          }
          if (length >= limits.batchChars * INLINE_STRETCH_FACTOR) {
            // Inline text this long with no block (a chapter of text and <br>s): cut anyway,
            // and search its tail again with what follows.
            held = subtree;
            cutInline = true;
            break;
          }
          lastSeparates = separating;
        } else {
          lastSeparates = undefined;
        }
        taken.push({ subtree, start: pieces.length });
        addPieces(subtree, pieces, scripts);
      }
      if (taken.length === overlapped) return null;
      const text = pieces.texts.join("");
      if (cutInline) {
        // The subtrees that hold the tail start the next stretch (regions are found by subtree);
        // a tail of whitespace reaches back into the subtrees this stretch overlapped.
        const from = positionOf(pieces, tailStart(pieces.texts));
        let first = taken.length - 1;
        while (first > 0 && (taken[first] as { start: number }).start > from) first -= 1;
        overlap = taken.slice(first).map((entry) => entry.subtree);
      }
      // Of those subtrees' text, searched with the stretch before, only the tail can hold the
      // start of a name that runs on into this one: the rest (a whole text node of thousands of
      // characters, at times) is not searched again.
      const from =
        overlappedPieces > 0
          ? positionOf(pieces, tailStart(pieces.texts.slice(0, overlappedPieces)))
          : 0;
      const found = hitsInText(from > 0 ? text.slice(from) : text, sieve);
      const hits: TextHit[] = [];
      for (const { start, end } of found) {
        if (end + from > searchedBefore) hits.push({ start: start + from, end: end + from });
      }
      return { regions: regionsIn(pieces.children, text, hits, limits), chars: text.length - from };
    },
  };
}

/** Where a place in one of the pieces' texts lies in their text joined. */
function positionOf(pieces: Pieces, place: { text: number; at: number }): number {
  return (pieces.children[place.text]?.start ?? 0) + place.at;
}

/** All of a root's regions at once (see `planRegions`); null as `planRegions` is. */
export function textRegions(
  root: Node,
  sieve: Sieve,
  limits: RegionLimits = REGION_LIMITS,
): TextRegion[] | null {
  const planner = planRegions(root, sieve, limits);
  if (!planner) return null;
  const regions: TextRegion[] = [];
  for (let stretch = planner.next(); stretch; stretch = planner.next()) {
    regions.push(...stretch.regions);
  }
  return regions;
}

function elementsIn(node: Node): number {
  return (node as Element).getElementsByTagName("*").length;
}

/** A block or a skipped element: no name runs on across it, so a stretch may end there. */
function separates(node: Node): boolean {
  return node.nodeType === ELEMENT_NODE && classify(node as Element, null) !== "inline";
}

/** The regions holding some hits in consecutive pieces of text, in document order. */
function regionsIn(
  pieces: readonly Child[],
  text: string,
  hits: readonly TextHit[],
  limits: RegionLimits,
): TextRegion[] {
  const regions: TextRegion[] = [];
  // Depth first, in document order, with a stack: pages nest elements thousands deep.
  const stack = pendingIn(pieces, text, hits).reverse();
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

/**
 * Elements whose own text nodes the sieve never reads: the walk (block-sieve.ts) skips them by
 * their parent's tag, and regions measure text without them, so both use this one list.
 */
export const SCRIPT_TAGS: ReadonlySet<string> = new Set([
  "script",
  "style",
  "noscript",
  "template",
]);
const SCRIPT_LIKE = [...SCRIPT_TAGS].join(", ");

/** A root's script-like elements, and every element above one up to the root. */
interface Scripts {
  scriptLike: ReadonlySet<Node>;
  holders: ReadonlySet<Node>;
}

/** Found with one native query for the whole root, not one per subtree. */
function scriptsIn(root: Element): Scripts {
  const scriptLike = new Set<Node>(root.querySelectorAll(SCRIPT_LIKE));
  if (root.matches(SCRIPT_LIKE)) scriptLike.add(root);
  const holders = new Set<Node>();
  for (const element of scriptLike) {
    if (element === root) continue;
    for (let above = element.parentNode; above && !holders.has(above); above = above.parentNode) {
      holders.add(above);
      if (above === root) break;
    }
  }
  return { scriptLike, holders };
}

/** Text in pieces: each piece a subtree or text node, where its text starts, and the texts. */
interface Pieces {
  children: Child[];
  texts: string[];
  length: number;
}

/**
 * Adds a subtree's text, as subtrees holding no script-like element, in document order: the
 * text the sieve reads node by node, without the scripts and styles `textContent` would add (a
 * page's inline data can outweigh its prose). Only the paths down to script-like elements are
 * split; the text nodes directly inside one are left out, as the sieve's walk leaves them.
 */
function addPieces(subtree: Node, pieces: Pieces, scripts: Scripts): void {
  const { scriptLike, holders } = scripts;
  const add = (node: Node, text: string) => {
    pieces.children.push({ node, start: pieces.length, length: text.length });
    pieces.texts.push(text);
    pieces.length += text.length;
  };
  if (subtree.nodeType === TEXT_NODE) {
    add(subtree, (subtree as Text).data);
    return;
  }
  const stack: Node[] = [subtree];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const type = node.nodeType;
    if (type !== TEXT_NODE && type !== ELEMENT_NODE) continue;
    const isScriptLike = scriptLike.has(node);
    if (type === TEXT_NODE || (!isScriptLike && !holders.has(node))) {
      add(node, type === TEXT_NODE ? (node as Text).data : (node.textContent ?? ""));
      continue;
    }
    const below: Node[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (!isScriptLike || child.nodeType === ELEMENT_NODE) below.push(child);
    }
    for (let index = below.length - 1; index >= 0; index--) stack.push(below[index] as Node);
  }
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
