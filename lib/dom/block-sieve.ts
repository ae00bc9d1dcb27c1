import { keepLatest } from "../engine/keep-latest";
import { sieveHits, tailStart, type Sieve } from "../matching/sieve";
import { classify } from "./collect";
import {
  planRegions,
  REGION_LIMITS,
  SCRIPT_TAGS,
  type RegionLimits,
  type RegionPlanner,
  type TextRegion,
} from "./text-regions";

/**
 * The DOM side of the sieve (lib/matching/sieve.ts): reads a root's text nodes with a native
 * TreeWalker, asks the sieve where a name could be, and keeps for each hit the nearest element
 * the collector treats as a block (or the root). The page pass then collects and matches only
 * those blocks. Reading a block whole gives the matcher exactly what a walk of the whole root
 * would give it there: a block is where the collector's runs of text begin and end, and the
 * rules only look inside a run. On a large root, only the regions whose text holds a hit are
 * read node by node (text-regions.ts); the rest is searched whole, a stretch at a time.
 *
 * Sliced like the collector: `next(maxNodes, maxChars)` reads that many more text nodes, or fewer
 * once it has read (or searched whole) that many characters (a text node may hold a megabyte).
 */
export interface BlockSieve {
  /** Reads up to `maxNodes` more text nodes, stopping after the node that reaches `maxChars`. */
  next(maxNodes: number, maxChars?: number): void;
  /** True once every text node under the root was read. */
  readonly done: boolean;
  /**
   * Blocks ready to read, in document order: each one wholly read by the sieve and inside no
   * other candidate still being read. Each block is handed out once.
   */
  takeReady(): Node[];
  /**
   * Blocks handed out so far. A block found later may contain some of them ("Tim Cook" in a
   * nested <div>, then "Apple" in the text after it): reading it, skip these (already read, and a
   * block boundary either way).
   */
  readonly taken: ReadonlySet<Node>;
  /**
   * The entities (matcher indices) whose names may lie in a block handed out: those of its hits.
   * A name of any other entity in it would have hit too, so a block whose entities can no longer
   * be marked (first-only, marked already) need not be read.
   */
  entitiesIn(block: Node): ReadonlySet<number>;
  /** Text nodes read one by one so far (a page that names no one has none read). */
  readonly textsRead: number;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
/** NodeFilter.SHOW_TEXT, without relying on the global. */
const SHOW_TEXT = 0x4;
/** Read between two regions (text-regions.ts): a word never runs on from one into the next. */
const REGION_SEPARATOR = " ";

/** A block the sieve found: the order of its first hit, and the entities its hits may name. */
interface Found {
  order: number;
  entities: Set<number>;
}

const NO_ENTITIES: ReadonlySet<number> = new Set();

/** Sieves the text under `root`: an element or a document (a text node has no blocks to find). */
export function createBlockSieve(
  root: Node,
  sieve: Sieve,
  limits: RegionLimits = REGION_LIMITS,
): BlockSieve {
  // Found and not yet handed out, with the order of their first hit. None holds another (a block
  // inside a found one is read with it), so the blocks still waiting are the walk's ancestors and
  // the few found in the last step, however many hits the page has.
  const found = new Map<Node, Found>();
  const taken = new Set<Node>();
  const entitiesTaken = new Map<Node, ReadonlySet<number>>();
  let hitCount = 0;
  // The nearest block at or above each node climbed so far (the root when there is none; null
  // inside a skipped region). Hits share most of their ancestors: each is classified once.
  const blockAbove = new Map<Node, Node | null>();

  const blockOf = (text: Node): Node | null => {
    const chain: Node[] = [];
    let current = text.parentNode;
    let above: Node | null | undefined;
    while (above === undefined) {
      // The page pass never hands a root the collector skips (an editor the page added).
      if (current === root) above = root;
      else if (!current)
        above = null; // detached: not ours to read
      else {
        above = blockAbove.get(current);
        if (above === undefined) {
          chain.push(current);
          current = current.parentNode;
        }
      }
    }
    // From the top down: a block is its own nearest block, a skipped element hides all below.
    for (let index = chain.length - 1; index >= 0; index--) {
      const node = chain[index] as Node;
      if (above !== null && node.nodeType === ELEMENT_NODE) {
        // Tags and attributes only: a custom element's display (a style query) could only make
        // the block smaller, and reading a larger block from a true block boundary is as exact.
        const verdict = classify(node as Element, null);
        if (verdict === "skip") above = null;
        else if (verdict === "block") above = node;
      }
      blockAbove.set(node, above ?? null);
    }
    return above ?? null;
  };

  /** The node itself or its nearest ancestor (up to the root, included) in `blocks`, if any. */
  const within = (
    node: Node,
    blocks: ReadonlyMap<Node, unknown> | ReadonlySet<Node>,
  ): Node | null => {
    for (let current: Node | null = node; current; current = current.parentNode) {
      if (blocks.has(current)) return current;
      if (current === root) break;
    }
    return null;
  };

  const record = (text: Node, entities: readonly number[]): void => {
    const block = blockOf(text);
    if (!block) return;
    // A text carried over from the previous slice, or read again where two stretches of a root
    // searched whole overlap, may sit in a block already handed out: read already.
    if (within(block, taken)) return;
    // In a found block, or inside one (text of the root's own makes the root one): read with it.
    const outer = within(block, found);
    if (outer) {
      for (const entity of entities) found.get(outer)?.entities.add(entity);
      return;
    }
    // An outer block found after some of its inner ones replaces them, in their place.
    const recorded: Found = { order: hitCount++, entities: new Set(entities) };
    for (const [inner, innerFound] of found) {
      if (!block.contains(inner)) continue;
      found.delete(inner);
      recorded.order = Math.min(recorded.order, innerFound.order);
      for (const entity of innerFound.entities) recorded.entities.add(entity);
    }
    found.set(block, recorded);
  };

  // Made once per sieve, not per call: a comparator made per call loses its optimized code at
  // each collection (engine/keep-latest.ts).
  const byFirstHit = (left: Node, right: Node): number =>
    (found.get(left) as Found).order - (found.get(right) as Found).order;

  /**
   * Found blocks wholly read, in first-hit order; none holds another. With `position`, the walk
   * is there: blocks that hold it are still being read (those before it are done).
   */
  const take = (position: Node | null): Node[] => {
    const ready: Node[] = [];
    for (const block of found.keys()) {
      if (!block.isConnected) found.delete(block);
      else if (!position || !block.contains(position)) ready.push(block);
    }
    ready.sort(byFirstHit);
    for (const block of ready) {
      entitiesTaken.set(block, (found.get(block) as Found).entities);
      found.delete(block);
      taken.add(block);
    }
    return ready;
  };

  const entitiesIn = (block: Node): ReadonlySet<number> => entitiesTaken.get(block) ?? NO_ENTITIES;

  const document = root.ownerDocument ?? (root as Document);
  const walker = document.createTreeWalker(root, SHOW_TEXT);
  let texts: string[] = [];
  // Null for the separator between two regions.
  let nodes: (Node | null)[] = [];
  let finished = false;
  // Where the text to read node by node lies (text-regions.ts): the planner (undefined until the
  // first step; null: read the whole root), the regions planned so far, the one being read, and
  // how many of its characters are left to read.
  let planner: RegionPlanner | null | undefined;
  const regions: TextRegion[] = [];
  let region = -1;
  let regionChars = 0;
  // Characters searched whole since the last step began: they count toward its size.
  let searchedChars = 0;
  let textsRead = 0;

  const planRegionsOrNull = (): RegionPlanner | null => {
    try {
      return planRegions(root, sieve, limits);
    } catch {
      return null;
    }
  };

  /** Reads the whole root node by node from here on. */
  const readWhole = (): void => {
    planner = null;
    walker.currentNode = root;
  };

  /**
   * The next stretch's regions, or false when the root is all planned. A DOM whose native calls
   * recurse per level (happy-dom's textContent) overflows its stack on pages nested thousands
   * deep, and a page may break what the search calls: then the walk, which needs neither, reads
   * the root whole (what was handed out stays so).
   */
  const planMore = (): boolean => {
    try {
      const stretch = planner?.next();
      if (!stretch) return false;
      regions.push(...stretch.regions);
      searchedChars += stretch.chars;
    } catch {
      readWhole();
    }
    return true;
  };

  /**
   * The next text node to read, in the current region or the next one; null when done, and
   * undefined when the next stretch of the root is to be searched: after searching it if
   * `mayPlan` (call again), before if not.
   */
  const nextText = (mayPlan: boolean): Node | null | undefined => {
    if (!planner) return walker.nextNode();
    if (regionChars > 0) {
      const node = walker.nextNode();
      if (node) return node;
    }
    // The region is read (or the page took text out of it): on to the next one still there.
    let start: TextRegion | undefined;
    do start = regions[++region];
    while (start && !(start.first.isConnected && root.contains(start.first)));
    if (!start) {
      region = regions.length - 1;
      if (!mayPlan) return undefined;
      return planMore() ? undefined : null;
    }
    regionChars = start.chars;
    // Words never run on from one region into the next: a space between them.
    texts.push(REGION_SEPARATOR);
    nodes.push(null);
    walker.currentNode = start.first;
    return start.first.nodeType === TEXT_NODE ? start.first : walker.nextNode();
  };

  const next = (maxNodes: number, maxChars = Number.POSITIVE_INFINITY): void => {
    if (planner === undefined) {
      planner = planRegionsOrNull();
      // A step of its own: planning a large root finds every script-like element in it, one
      // native query over the whole page (10 to 17 ms on the 6.5 MB synthetic article), and
      // the page pass ends a task after a step that long rather than add a stretch to it.
      if (planner) return;
    }
    const position = walker.currentNode;
    if (position !== root && !root.contains(position)) {
      // The page removed where we were: read the root again, whole (what was handed out stays so).
      readWhole();
      texts = [];
      nodes = [];
    }
    const carried = texts.length;
    let read = 0;
    let characters = 0;
    searchedChars = 0;
    // One stretch searched a step at most: its cost a character varies tenfold between pages
    // (archive-of-our-own's many small subtrees), so the page pass times steps, not characters.
    let mayPlan = true;
    while (read < maxNodes && characters + searchedChars < maxChars) {
      const node = nextText(mayPlan);
      if (node === undefined) {
        if (!mayPlan) break;
        mayPlan = false;
        continue;
      }
      if (!node) {
        finished = true;
        break;
      }
      textsRead += 1;
      const parent = node.parentNode as Element | null;
      // Text the collector never reads, skipped by the parent's tag alone (cheap, and common);
      // regions measure text without it too.
      if (parent && SCRIPT_TAGS.has(parent.localName)) continue;
      const text = (node as Text).data;
      regionChars -= text.length;
      texts.push(text);
      nodes.push(node);
      read += 1;
      characters += text.length;
    }
    for (const hit of sieveHits(texts, sieve, carried)) {
      for (let index = hit.first; index <= hit.last; index++) {
        const node = nodes[index];
        if (node) record(node, hit.entities);
      }
    }
    // Keep the tail of this slice for the next one, so a name cut by the slice boundary ("Goo" |
    // "gle", "elon" and spaces | "musk") still hits.
    const tail = tailStart(texts);
    texts = texts.slice(tail.text);
    nodes = nodes.slice(tail.text);
    if (tail.at > 0) texts[0] = (texts[0] as string).slice(tail.at);
  };

  // Kept until the next sieve, and with it the optimized code of its closures.
  return keepLatest("sieve", {
    next,
    get done() {
      return finished;
    },
    // Wholly read: the walk has left it (the blocks are before the walk's position or hold it).
    takeReady: () => take(finished ? null : walker.currentNode),
    taken,
    entitiesIn,
    get textsRead() {
      return textsRead;
    },
  });
}
