import { textsWithHits } from "../matching/sieve";
import { classify } from "./collect";

/**
 * The DOM side of the sieve (lib/matching/sieve.ts): reads a root's text nodes with a native
 * TreeWalker, the cheapest read the DOM offers, asks the sieve where a name could be, and keeps
 * for each hit the nearest element the collector treats as a block (or the root). The page pass
 * then collects and matches only those blocks. Reading a block whole gives the matcher exactly
 * what a walk of the whole root would give it there: a block is where the collector's runs of text
 * begin and end, and the rules only look inside a run.
 *
 * Sliced like the collector: `next(maxNodes, maxChars)` reads that many more text nodes, or fewer
 * once it has read that many characters (a single text node may hold a megabyte).
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
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
/** NodeFilter.SHOW_TEXT, without relying on the global. */
const SHOW_TEXT = 0x4;
/** Text the collector never reads, skipped here by the parent's tag alone (cheap, and common). */
const SCRIPT_LIKE: ReadonlySet<string> = new Set(["script", "style", "noscript", "template"]);
/**
 * Characters of the previous slice searched again with the next one, so a name cut by the slice
 * boundary ("Goo" | "gle") still hits: longer than any alias token.
 */
const CARRY_CHARS = 64;

export function createBlockSieve(root: Node, sieve: RegExp): BlockSieve {
  // Found and not yet handed out, with the order of their first hit. None holds another (a block
  // inside a found one is read with it), so the blocks still waiting are the walk's ancestors and
  // the few found in the last step, however many hits the page has.
  const found = new Map<Node, number>();
  const taken = new Set<Node>();
  let hitCount = 0;
  // The nearest block (or null: inside a skipped region), per text node's parent.
  const blockOfParent = new Map<Node, Node | null>();

  const blockOf = (text: Node): Node | null => {
    const parent = text.parentNode;
    if (!parent) return null;
    const known = blockOfParent.get(parent);
    if (known !== undefined) return known;
    let block: Node | null = null;
    let current: Node | null = parent;
    for (; current && current !== root; current = current.parentNode) {
      if (current.nodeType !== ELEMENT_NODE) continue;
      // Tags and attributes only: a custom element's display (a style query) could only make the
      // block smaller, and reading a larger block from a true block boundary is as exact.
      const verdict = classify(current as Element, null);
      if (verdict === "skip") break;
      if (verdict === "block" && !block) block = current;
    }
    // Climbed to the root: the block found, or the root itself. Stopped early: skipped region.
    const result = current === root ? (block ?? root) : null;
    blockOfParent.set(parent, result);
    return result;
  };

  /** The node itself or its nearest ancestor (up to the root, included) in `blocks`, if any. */
  const isInside = (node: Node, blocks: ReadonlyMap<Node, unknown> | ReadonlySet<Node>) => {
    for (let current: Node | null = node; current; current = current.parentNode) {
      if (blocks.has(current)) return true;
      if (current === root) break;
    }
    return false;
  };

  const record = (text: Node, carriedOver: boolean): void => {
    const block = blockOf(text);
    if (!block || found.has(block)) return;
    // A text carried over from the previous slice may sit in a block already handed out.
    if (carriedOver && isInside(block, taken)) return;
    // Inside a found block (text of the root's own makes the root one): read with it.
    if (isInside(block, found)) return;
    // An outer block found after some of its inner ones replaces them, in their place.
    let order = hitCount++;
    for (const [inner, innerOrder] of found) {
      if (!block.contains(inner)) continue;
      found.delete(inner);
      order = Math.min(order, innerOrder);
    }
    found.set(block, order);
  };

  /** Found blocks for which `isReady` holds, in first-hit order; none holds another. */
  const take = (isReady: (block: Node) => boolean): Node[] => {
    const ready: [Node, number][] = [];
    for (const [block, order] of found) {
      if (!block.isConnected) found.delete(block);
      else if (isReady(block)) ready.push([block, order]);
    }
    ready.sort((a, b) => a[1] - b[1]);
    return ready.map(([block]) => {
      found.delete(block);
      taken.add(block);
      return block;
    });
  };

  if (root.nodeType === TEXT_NODE) {
    let pending = true;
    return {
      next() {
        if (pending && textsWithHits([(root as Text).data], sieve).length > 0) found.set(root, 0);
        pending = false;
      },
      get done() {
        return !pending;
      },
      takeReady: () => (pending ? [] : take(() => true)),
      taken,
    };
  }

  const document = root.ownerDocument ?? (root as Document);
  const walker = document.createTreeWalker(root, SHOW_TEXT);
  let texts: string[] = [];
  let nodes: Node[] = [];
  let finished = false;

  const next = (maxNodes: number, maxChars = Number.POSITIVE_INFINITY): void => {
    const position = walker.currentNode;
    if (position !== root && !root.contains(position)) {
      // The page removed where we were: read the root again (what was handed out stays so).
      walker.currentNode = root;
      texts = [];
      nodes = [];
    }
    const carried = texts.length;
    let read = 0;
    let characters = 0;
    while (read < maxNodes && characters < maxChars) {
      const node = walker.nextNode();
      if (!node) {
        finished = true;
        break;
      }
      const parent = node.parentNode as Element | null;
      if (parent && SCRIPT_LIKE.has(parent.localName)) continue;
      const text = (node as Text).data;
      texts.push(text);
      nodes.push(node);
      read += 1;
      characters += text.length;
    }
    for (const index of textsWithHits(texts, sieve, carried)) {
      record(nodes[index] as Node, index < carried);
    }
    // Keep the last characters of this slice for the next one.
    let kept = 0;
    let keep = texts.length;
    while (keep > 0 && kept < CARRY_CHARS) {
      keep -= 1;
      kept += (texts[keep] as string).length;
    }
    texts = texts.slice(keep);
    nodes = nodes.slice(keep);
    if (kept > CARRY_CHARS && texts.length > 0)
      texts[0] = (texts[0] as string).slice(kept - CARRY_CHARS);
  };

  return {
    next,
    get done() {
      return finished;
    },
    takeReady() {
      if (finished) return take(() => true);
      // Wholly read: the walk has left it (the blocks are before the walk's position or hold it).
      const position = walker.currentNode;
      return take((block) => !block.contains(position));
    },
    taken,
  };
}
