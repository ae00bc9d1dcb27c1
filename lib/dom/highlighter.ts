import Mark from "mark.js";
import type { Match, TextSegment } from "../matching/types";
import { MARK_TAG } from "./collect";

/**
 * The one module that wraps page text, and the one that imports mark.js. It marks matches the
 * matcher computed (never searches itself) and can remove exactly what it added.
 *
 * Offsets: mark.js's markRanges counts offsets over its own walk of the text nodes under its
 * context: every text node except those directly inside script, style, title, head or html. Our
 * collected nodes are a subset of that walk (no hidden, excluded or indentation text), so each
 * match is translated into mark.js's coordinates by walking the same nodes the same way
 * (`markJsOffsets`), and mark.js's `filter` checks that the text it is about to wrap is the
 * matched text: a misalignment skips a mark, it never marks the wrong words.
 *
 * One mark.js call per batch, with one context (the nearest element holding every touched node):
 * Chromium keeps each NodeIterator mark.js creates (one per context) live until garbage
 * collection and updates all of them on every DOM removal, so thousands of contexts would slow
 * the page's own DOM work.
 *
 * Marks carry no style of their own: lib/ui/marks.css underlines `receipts-mark` (an unknown
 * element is inline, and page rules for `mark` do not reach it).
 */

export const ENTITY_ATTRIBUTE = "data-receipts-entity";
export const HOW_ATTRIBUTE = "data-receipts-how";
export const MATCH_ATTRIBUTE = "data-receipts-match";

/** A mark.js range carrying the match it came from, handed back to mark.js's `each`. */
interface TaggedRange {
  start: number;
  length: number;
  match: Match;
  matchId: string;
  /** Whether mark.js's text for this range was the matched text (checked on its first piece). */
  verified?: boolean;
}

let matchCounter = 0;

/**
 * Wraps each match in `<receipts-mark>` elements, one per text node it covers
 * (`<b>Tim</b> Cook` gives two marks sharing a data-receipts-match id). `nodes` and `segments`
 * come from one collectText call and `matches` from one scan of those segments. Returns the
 * created marks in document order.
 */
export function markMatches(
  nodes: readonly Text[],
  segments: readonly TextSegment[],
  matches: readonly Match[],
): HTMLElement[] {
  if (matches.length === 0 || nodes.length === 0) return [];
  const segmentStarts: number[] = [];
  let total = 0;
  for (const segment of segments) {
    segmentStarts.push(total);
    total += segment.text.length;
  }

  const sorted = [...matches].sort((a, b) => a.start - b.start);
  const pieces: Array<{ match: Match; first: number; last: number }> = [];
  let cursor = 0; // matches are sorted, so the first node of each is at or after the last one's
  let previousEnd = 0;
  for (const match of sorted) {
    if (match.end <= match.start || match.start < previousEnd || match.end > total) continue;
    while (cursor + 1 < segmentStarts.length && (segmentStarts[cursor + 1] ?? 0) <= match.start) {
      cursor += 1;
    }
    let last = cursor;
    while (last + 1 < segmentStarts.length && (segmentStarts[last + 1] ?? total) < match.end) {
      last += 1;
    }
    pieces.push({ match, first: cursor, last });
    previousEnd = match.end;
  }
  const firstNode = nodes[pieces[0]?.first ?? -1];
  const lastNode = nodes[pieces[pieces.length - 1]?.last ?? -1];
  if (!firstNode || !lastNode) return [];

  let context: Node = firstNode;
  while (!context.contains(lastNode) && context.parentNode) context = context.parentNode;
  const offsets = markJsOffsets(context);

  const ranges: TaggedRange[] = [];
  for (const { match, first } of pieces) {
    const nodeOffset = offsets.get(nodes[first] as Text);
    if (nodeOffset === undefined) continue;
    matchCounter += 1;
    ranges.push({
      start: nodeOffset + match.start - (segmentStarts[first] ?? 0),
      length: match.end - match.start,
      match,
      matchId: `m${matchCounter}`,
    });
  }
  if (ranges.length === 0) return [];

  // Remember what follows each node we may split, to tell our pieces from the page's nodes.
  const followers = new Map<Text, Node | null>();
  for (const { first, last } of pieces) {
    for (let index = first; index <= last; index += 1) {
      const node = nodes[index];
      if (node) followers.set(node, node.nextSibling);
    }
  }

  const created: HTMLElement[] = [];
  new Mark(context as HTMLElement).markRanges(ranges, {
    element: MARK_TAG,
    // Wrap only where mark.js's text is the matched text (see the module comment). It reports
    // the range's text for its first piece; later pieces see text already shifted by wrapping.
    // mark.js calls it as (node, range, text, counter); @types/mark.js declares another order.
    filter: ((_node: Text, range: unknown, text: unknown) => {
      const tagged = range as TaggedRange;
      tagged.verified ??= text === tagged.match.text;
      return tagged.verified;
    }) as unknown as Mark.MarkRangesOptions["filter"],
    each: (element: Element, range: object) => {
      const { match, matchId } = range as TaggedRange;
      element.removeAttribute("data-markjs");
      element.setAttribute(ENTITY_ATTRIBUTE, match.entity);
      element.setAttribute(HOW_ATTRIBUTE, match.how);
      element.setAttribute(MATCH_ATTRIBUTE, matchId);
      created.push(element as HTMLElement);
    },
  });
  for (const [node, follower] of followers) {
    if (node.nextSibling === follower) continue;
    splitHeads.add(node);
    for (let piece = node.nextSibling; piece && piece !== follower; piece = piece.nextSibling) {
      if (piece.nodeType === 3) splitTails.add(piece as Text);
    }
  }
  return created;
}

/**
 * Page text nodes we split (each keeps the text before its first mark), and the text nodes the
 * splitting created. A page script that holds a split node (React updates `{name} is CEO`
 * through `textNode.nodeValue`) believes it still holds the whole text.
 */
const splitHeads = new WeakSet<Text>();
const splitTails = new WeakSet<Text>();

/**
 * Call when the page changed the text of `node` (a characterData mutation we did not cause).
 * If we had split that node, the page's new text replaces the whole of what it believes the
 * node holds, so our marks and the remainder pieces after it are removed; without this the
 * reader would see the new text followed by the old marked words. Returns whether it removed
 * anything; the caller then rescans the parent.
 */
export function repairChangedText(node: Text): boolean {
  if (!splitHeads.has(node)) return false;
  splitHeads.delete(node);
  const parent = node.parentNode;
  let removed = false;
  let next = node.nextSibling;
  while (
    parent &&
    next &&
    ((next.nodeType === 1 && (next as Element).localName === MARK_TAG) ||
      (next.nodeType === 3 && splitTails.has(next as Text)))
  ) {
    const following: ChildNode | null = next.nextSibling;
    parent.removeChild(next);
    removed = true;
    next = following;
  }
  return removed;
}

/** Parents whose text mark.js leaves out of its walk (its built-in exclusions; we add none). */
const MARK_JS_SKIPPED_PARENTS: ReadonlySet<string> = new Set([
  "script",
  "style",
  "title",
  "head",
  "html",
]);

/** Where each text node under `context` starts in mark.js's concatenation of them. */
function markJsOffsets(context: Node): Map<Text, number> {
  const offsets = new Map<Text, number>();
  let offset = 0;
  const visit = (text: Text): void => {
    const parent = text.parentNode;
    if (
      parent &&
      parent.nodeType === 1 &&
      MARK_JS_SKIPPED_PARENTS.has((parent as Element).localName)
    ) {
      return;
    }
    offsets.set(text, offset);
    offset += text.data.length;
  };
  if (context.nodeType === 3) {
    visit(context as Text);
    return offsets;
  }
  let node: Node | null = context.firstChild;
  while (node) {
    if (node.nodeType === 3) visit(node as Text);
    // A template's content is not in the tree mark.js walks (some DOMs expose it as children).
    if (node.firstChild && (node as Element).localName !== "template") {
      node = node.firstChild;
      continue;
    }
    while (node && node !== context && !node.nextSibling) node = node.parentNode;
    node = node && node !== context ? node.nextSibling : null;
  }
  return offsets;
}

/**
 * Removes every mark under `root` and re-joins the text nodes marking split, so the serialised
 * DOM is the page's own again. Returns how many marks it removed; a second call removes none.
 */
export function unmarkAll(root: ParentNode): number {
  const marks = Array.from(root.querySelectorAll(MARK_TAG));
  for (const mark of marks) unwrap(mark);
  return marks.length;
}

function unwrap(mark: Element): void {
  const parent = mark.parentNode;
  if (!parent) return;
  const before = mark.previousSibling;
  const after = mark.nextSibling;
  while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
  parent.removeChild(mark);
  // Merge only the text run from the node before the mark to the node after it: other adjacent
  // text nodes are the page's own and stay as they were.
  let current: ChildNode | null = before ?? parent.firstChild;
  while (current && current !== after) {
    const next: ChildNode | null = current.nextSibling;
    if (current.nodeType === 3 && next && next.nodeType === 3) {
      (current as Text).appendData((next as Text).data);
      const stop = next === after;
      parent.removeChild(next);
      if (stop) break;
      continue;
    }
    current = next;
  }
}
