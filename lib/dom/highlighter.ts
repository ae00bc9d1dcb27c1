import Mark from "mark.js";
import type { Match, TextSegment } from "../matching/types";
import { MARK_TAG } from "./collect";

/**
 * The one module that wraps page text, and the one that imports mark.js. It marks matches the
 * matcher computed (never searches itself) and can remove exactly what it added.
 *
 * Offsets: mark.js's markRanges counts offsets over its own walk of text nodes in its context.
 * We give it as context exactly the text nodes a match touches, in document order, so its walk
 * is those nodes and nothing else (no whitespace, hidden or excluded text it would count and we
 * would not), and translate each match's offsets into that concatenation.
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

  // Touched nodes in document order, and where each starts in their own concatenation.
  const touched: Text[] = [];
  const touchedStart = new Map<number, number>();
  let touchedLength = 0;
  const touch = (index: number): void => {
    if (touchedStart.has(index)) return;
    const node = nodes[index];
    if (!node) return;
    touchedStart.set(index, touchedLength);
    touched.push(node);
    touchedLength += node.data.length;
  };

  const ranges: TaggedRange[] = [];
  const sorted = [...matches].sort((a, b) => a.start - b.start);
  let cursor = 0; // matches are sorted, so the first node of each is at or after the last one's
  let previousEnd = 0;
  for (const match of sorted) {
    if (match.end <= match.start || match.start < previousEnd || match.end > total) continue;
    while (cursor + 1 < segmentStarts.length && (segmentStarts[cursor + 1] ?? 0) <= match.start) {
      cursor += 1;
    }
    const first = cursor;
    let last = first;
    while (last + 1 < segmentStarts.length && (segmentStarts[last + 1] ?? total) < match.end) {
      last += 1;
    }
    for (let index = first; index <= last; index += 1) touch(index);
    const start = (touchedStart.get(first) ?? 0) + match.start - (segmentStarts[first] ?? 0);
    matchCounter += 1;
    ranges.push({ start, length: match.end - match.start, match, matchId: `m${matchCounter}` });
    previousEnd = match.end;
  }
  if (ranges.length === 0) return [];

  const created: HTMLElement[] = [];
  new Mark(touched as unknown as HTMLElement[]).markRanges(ranges, {
    element: MARK_TAG,
    each: (element: Element, range: object) => {
      const { match, matchId } = range as TaggedRange;
      element.removeAttribute("data-markjs");
      element.setAttribute(ENTITY_ATTRIBUTE, match.entity);
      element.setAttribute(HOW_ATTRIBUTE, match.how);
      element.setAttribute(MATCH_ATTRIBUTE, matchId);
      created.push(element as HTMLElement);
    },
  });
  return created;
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
