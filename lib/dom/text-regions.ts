import { hitsInText, tailStart, type Sieve, type TextHit } from "../matching/sieve";
import { keepLatest } from "../engine/keep-latest";
import { classify } from "./collect";

/**
 * Where in a root the sieve must read text node by text node: the subtrees whose text holds a
 * hit. Reading text nodes one by one costs a JS wrapper and a few JS steps each, and on a large
 * page that is most of what reading it costs; `textContent` reads a subtree's text in one native
 * call. So the root's text is searched whole (`hitsInText`), and only the text nodes that hold a
 * hit are read again: a subtree without one is never read node by node, and on a page that
 * names no one nothing is.
 *
 * A hit is traced to its text nodes by walking its subtree and adding up their lengths, a native
 * number each (`textNodesHolding`); a subtree of `leafChars` or fewer characters is read whole.
 * Decision 0007, third addendum; the walk replaced a descent by `textContent` of each child
 * (fifth addendum).
 */

/** A run of sibling subtrees holding a hit, and how many characters of text they hold. */
export interface TextRegion {
  first: Node;
  last: Node;
  chars: number;
}

export interface RegionLimits {
  /** Subtrees with at most this many characters are read node by node whole, not walked. */
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
   * article), and the root is searched a stretch at a time (`RegionPlanner`). Large enough that
   * most pages are one subtree: each subtree costs a count of its elements and a `textContent`,
   * and pages of many small ones (archive-of-our-own, 13 characters a text node) paid more for
   * those than for the search (decision 0007, fifth addendum).
   */
  maxElements: number;
  /**
   * Characters searched per stretch, at least: a stretch ends before the first block after
   * this many, where no name can run on (the rules look only inside a block's runs). Searching
   * costs about 2 ms a 16 K characters cold, so a stretch stays inside a task's budget.
   */
  batchChars: number;
}

export const REGION_LIMITS: RegionLimits = {
  leafChars: 2_048,
  minElements: 1_000,
  maxElements: 5_000,
  batchChars: 65_536,
};

/**
 * A stretch of inline text with no block to end at is cut once it holds this many times
 * `batchChars`, overlapping the next by its tail (`tailStart`: more than any token holds).
 */
const INLINE_STRETCH_FACTOR = 4;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
/** NodeFilter.SHOW_TEXT, without relying on the global. */
const SHOW_TEXT = 0x4;

/** A piece of a stretch (a subtree or text node): where its text lies in the stretch's text. */
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
  if (root.nodeType !== ELEMENT_NODE || hasFewerElementsThan(root, limits.minElements)) return null;
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
      if (hasFewerElementsThan(node, limits.maxElements + 1)) return node;
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
  // Kept until the next planner, and with it the optimized code of its closures.
  return keepLatest("planner", {
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
      let cutInline = false;
      for (let subtree = nextSubtree(); subtree; subtree = nextSubtree()) {
        const length = pieces.length - searchedBefore;
        if (taken.length > overlapped && length >= limits.batchChars) {
          if (separates(subtree)) {
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
      return { regions: regionsIn(pieces.children, hits, limits), chars: text.length - from };
    },
  });
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

/**
 * Whether a subtree holds fewer than `count` elements, by a walk of at most `count` of them:
 * `item()` finds its element from the collection's start, where its length (and an index,
 * which the browser checks against the length first) walks every element of the subtree. On the
 * 6.5 MB synthetic article each count of the whole page took 7 ms of the page's first slice.
 */
function hasFewerElementsThan(node: Node, count: number): boolean {
  return count > 0 && (node as Element).getElementsByTagName("*").item(count - 1) === null;
}

/** A block or a skipped element: no name runs on across it, so a stretch may end there. */
function separates(node: Node): boolean {
  return node.nodeType === ELEMENT_NODE && classify(node as Element, null) !== "inline";
}

/** The regions holding some hits in consecutive pieces of text, in document order. */
function regionsIn(
  pieces: readonly Child[],
  hits: readonly TextHit[],
  limits: RegionLimits,
): TextRegion[] {
  const regions: TextRegion[] = [];
  for (const { first, last, hits: spanHits } of spansOf(pieces, hits)) {
    const node = first.node;
    const isElement = node.nodeType === ELEMENT_NODE;
    if (first !== last) {
      // A hit across pieces ("Goo<b>gle</b>"): read them together, as the page has them.
      const chars = last.start + last.length - first.start;
      regions.push({ first: node, last: last.node, chars });
      continue;
    }
    // Text the page pass never reads (code, hidden or editable regions) needs no look.
    if (isElement && classify(node as Element, null) === "skip") continue;
    if (!isElement || first.length <= limits.leafChars || node.firstChild === null) {
      regions.push({ first: node, last: node, chars: first.length });
      continue;
    }
    const inPiece: TextHit[] = [];
    for (const { start, end } of spanHits) {
      inPiece.push({ start: start - first.start, end: end - first.start });
    }
    textNodesHolding(node, inPiece, regions);
  }
  return regions;
}

/**
 * The runs of a subtree's text nodes that hold its hits (positions in its `textContent`), found
 * by walking its text nodes and counting their lengths up to the last hit: native reads of a
 * number each, no strings. Text nodes next to each other that both hold a hit are one region,
 * so a hit across nodes ("Goo<b>gle</b>") is read together, as the page has it.
 */
function textNodesHolding(subtree: Node, hits: readonly TextHit[], regions: TextRegion[]): void {
  const document = subtree.ownerDocument as Document;
  const walker = document.createTreeWalker(subtree, SHOW_TEXT);
  let hit = 0;
  let offset = 0;
  let open: TextRegion | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = (node as Text).length;
    const end = offset + length;
    while (hit < hits.length && (hits[hit] as TextHit).end <= offset) hit += 1;
    if (hit === hits.length) break;
    if ((hits[hit] as TextHit).start < end) {
      if (open) {
        open.last = node;
        open.chars += length;
      } else {
        open = { first: node, last: node, chars: length };
        regions.push(open);
      }
    } else {
      open = null;
    }
    offset = end;
  }
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
  const stack: Node[] = [subtree];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const type = node.nodeType;
    if (type !== TEXT_NODE && type !== ELEMENT_NODE) continue;
    const isScriptLike = scriptLike.has(node);
    if (type === TEXT_NODE || (!isScriptLike && !holders.has(node))) {
      addPiece(pieces, node, node.textContent ?? ""); // a text node's is its data
      continue;
    }
    const below: Node[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (!isScriptLike || child.nodeType === ELEMENT_NODE) below.push(child);
    }
    for (let index = below.length - 1; index >= 0; index--) stack.push(below[index] as Node);
  }
}

function addPiece(pieces: Pieces, node: Node, text: string): void {
  pieces.children.push({ node, start: pieces.length, length: text.length });
  pieces.texts.push(text);
  pieces.length += text.length;
}

/** Hits grouped by the children they lie in: hits across children join those children. */
function spansOf(
  children: readonly Child[],
  hits: readonly TextHit[],
): { first: Child; last: Child; hits: TextHit[] }[] {
  const spans: { first: number; last: number; hits: TextHit[] }[] = [];
  let index = 0;
  for (const hit of hits) {
    // Hits come in order: the child holding each position is at or after the last one found.
    index = childFrom(children, index, hit.start);
    const first = index;
    index = childFrom(children, index, Math.max(hit.start, hit.end - 1));
    const last = index;
    const open = spans[spans.length - 1];
    if (open && first <= open.last) {
      open.last = Math.max(open.last, last);
      open.hits.push(hit);
    } else {
      spans.push({ first, last, hits: [hit] });
    }
  }
  const found: { first: Child; last: Child; hits: TextHit[] }[] = [];
  for (const { first, last, hits: spanHits } of spans) {
    found.push({ first: children[first] as Child, last: children[last] as Child, hits: spanHits });
  }
  return found;
}

/** The child holding `position`, looking from `index` on (the last child holds what is past it). */
function childFrom(children: readonly Child[], index: number, position: number): number {
  let child = index;
  while (child < children.length - 1) {
    const { start, length } = children[child] as Child;
    if (position < start + length) break;
    child += 1;
  }
  return child;
}
