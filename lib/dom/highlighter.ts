import { byStart } from "../matching/text";
import type { Match, TextSegment } from "../matching/types";
import { MARK_TAG } from "./collect";

/**
 * The one module that wraps page text. It marks matches the matcher computed (never searches
 * itself) and can remove exactly what it added.
 *
 * Wrapping is direct: each matched piece of a text node is split off with `splitText` (the page's
 * node keeps the text before it) and moved into a mark. That is what mark.js's `markRanges` does,
 * but mark.js first walks every text node under its context and then, per range, scans that list
 * again: one pass over a whole article per call, which made each slice of a sliced page pass cost
 * as much as the whole page. Here the cost is the matched pieces only. Before wrapping, the text
 * the match covers is compared with the matched text: a stale or misaligned match is skipped, it
 * never marks other words.
 *
 * Marks are made plain here (an unknown element is inline, and page rules for `mark` do not reach
 * it); the content script gives each its style (lib/dom/mark-styles.ts).
 */

export const ENTITY_ATTRIBUTE = "data-receipts-entity";
const HOW_ATTRIBUTE = "data-receipts-how";
export const MATCH_ATTRIBUTE = "data-receipts-match";
/** Every mark this script makes: what the page pass counts and the content script listens on. */
export const MARK_SELECTOR = `${MARK_TAG}[${ENTITY_ATTRIBUTE}]`;

let matchCounter = 0;

/** One text node's share of a match: [start, end) in that node's original text. */
interface Piece {
  node: number;
  start: number;
  end: number;
}

/** The matches of one run of text that can be wrapped, each with its pieces (`planMarks`). */
export interface MarkPlan {
  nodes: readonly Text[];
  marks: { match: Match; pieces: Piece[] }[];
}

/**
 * Which matches can be wrapped, and how, without changing the page: the reads half of
 * `markMatches`. `nodes` and `segments` come from one collected piece (`CollectedText`) and
 * `matches` from one scan of those segments. A match is left out when the page's text is no longer
 * the matched text (stale or misaligned), when part of it is marked already, when it overlaps one
 * planned before it, or when it would cut a text node that `keepWhole` says must stay whole. Plan
 * every run before applying any: a style query (`keepWhole`) after a mark went in makes the browser
 * recompute styles first, once per mark.
 */
export function planMarks(
  nodes: readonly Text[],
  segments: readonly TextSegment[],
  matches: readonly Match[],
  keepWhole?: (text: Text) => boolean,
): MarkPlan {
  const plan: MarkPlan = { nodes, marks: [] };
  if (matches.length === 0 || nodes.length === 0) return plan;
  const segmentStarts: number[] = [];
  let total = 0;
  for (const segment of segments) {
    segmentStarts.push(total);
    total += segment.text.length;
  }

  const sorted = [...matches].sort(byStart);
  let cursor = 0; // matches are sorted, so the first node of each is at or after the last one's
  // Where the last planned match ends: matches are sorted, so one starting before it overlaps a
  // planned one (in whichever node), and is skipped.
  let previousEnd = 0;
  for (const match of sorted) {
    if (match.end <= match.start || match.start < previousEnd || match.end > total) continue;
    while (cursor + 1 < segmentStarts.length && (segmentStarts[cursor + 1] ?? 0) <= match.start) {
      cursor += 1;
    }
    const pieces: Piece[] = [];
    let covered = "";
    for (let index = cursor; index < nodes.length; index += 1) {
      const nodeStart = segmentStarts[index] ?? total;
      if (nodeStart >= match.end && index > cursor) break;
      const node = nodes[index] as Text;
      const start = Math.max(match.start, nodeStart) - nodeStart;
      const end = Math.min(match.end, nodeStart + (segments[index]?.text.length ?? 0)) - nodeStart;
      if (end <= start) continue;
      // Text the page keeps writing back: not this match.
      if (leftToPage.get(node) === node.data) break;
      // Left short, `covered` is not the match: skipped.
      if ((start > 0 || end < node.data.length) && keepWhole?.(node)) break;
      covered += node.data.slice(start, end);
      pieces.push({ node: index, start, end });
    }
    // The page's text must still be the matched text, piece by piece, and not marked already.
    if (covered !== match.text) continue;
    let marked = false;
    for (const piece of pieces) marked ||= segments[piece.node]?.marked === true;
    if (marked) continue;
    previousEnd = match.end;
    plan.marks.push({ match, pieces });
  }
  return plan;
}

/**
 * Wraps each planned match in `<receipts-mark>` elements, one per text node it covers
 * (`<b>Tim</b> Cook` gives two marks sharing a data-receipts-match id): the writes half of
 * `markMatches`, on a page unchanged since `planMarks`. Returns the created marks in document
 * order.
 */
export function applyMarks(plan: MarkPlan): HTMLElement[] {
  const { nodes } = plan;
  // For each original node: the text node now holding its not-yet-wrapped tail, and where that
  // tail starts in the original text (earlier matches in the node split it).
  const tails = new Map<number, { node: Text; offset: number }>();
  // What followed each node we touch, to tell our pieces from the page's nodes afterwards.
  const followers = new Map<Text, Node | null>();
  const created: HTMLElement[] = [];
  for (const { match, pieces } of plan.marks) {
    // The text is still the matched text: another plan of the same step may have wrapped it
    // since (two jobs reading the same nodes), and text is never wrapped twice.
    let covered = "";
    for (const piece of pieces) {
      const tail = tails.get(piece.node) ?? { node: nodes[piece.node] as Text, offset: 0 };
      covered += tail.node.data.slice(piece.start - tail.offset, piece.end - tail.offset);
    }
    if (covered !== match.text) continue;
    matchCounter += 1;
    const matchId = `m${matchCounter}`;
    for (const piece of pieces) {
      const original = nodes[piece.node] as Text;
      if (!followers.has(original)) followers.set(original, original.nextSibling);
      // The whole text the page believes the node holds: from before its first split.
      if (!splitHeads.has(original)) splitHeads.set(original, original.data);
      const tail = tails.get(piece.node) ?? { node: original, offset: 0 };
      // Always split, even at 0, as mark.js does: the page's own node stays where it was (a
      // framework holding it still finds it) and unmarkAll knows which run to join again.
      const target = tail.node.splitText(piece.start - tail.offset);
      const length = piece.end - piece.start;
      const rest = length < target.data.length ? target.splitText(length) : null;
      tails.set(
        piece.node,
        rest
          ? { node: rest, offset: piece.end }
          : { node: target, offset: Number.POSITIVE_INFINITY },
      );
      created.push(wrap(target, match, matchId));
    }
  }
  for (const [node, follower] of followers) {
    for (let piece = node.nextSibling; piece && piece !== follower; piece = piece.nextSibling) {
      if (piece.nodeType === 3) splitTails.add(piece as Text);
    }
  }
  return created;
}

/**
 * Plans and wraps the matches of one run of text (`planMarks`, then `applyMarks`). Text already
 * in a mark (a segment flagged `marked`) is never wrapped again. Returns the created marks in
 * document order.
 */
export function markMatches(
  nodes: readonly Text[],
  segments: readonly TextSegment[],
  matches: readonly Match[],
  keepWhole?: (text: Text) => boolean,
): HTMLElement[] {
  return applyMarks(planMarks(nodes, segments, matches, keepWhole));
}

function wrap(text: Text, match: Match, matchId: string): HTMLElement {
  const mark = (text.ownerDocument as Document).createElement(MARK_TAG);
  mark.setAttribute(ENTITY_ATTRIBUTE, match.entity);
  mark.setAttribute(HOW_ATTRIBUTE, match.how);
  mark.setAttribute(MATCH_ATTRIBUTE, matchId);
  made.add(mark);
  (text.parentNode as Node).insertBefore(mark, text);
  mark.appendChild(text);
  return mark;
}

/**
 * Page text nodes we split (each keeps the text before its first mark), with the whole text the
 * page believes each holds, and the text nodes the splitting created. A page script that holds a
 * split node (React updates `{name} is CEO` through `textNode.nodeValue`) believes it still holds
 * the whole text.
 */
const splitHeads = new WeakMap<Text, string>();
const splitTails = new WeakSet<Text>();
/**
 * Text nodes the page wrote back with the very text we had split, and that text: a page that
 * renders a node again and again (Svelte 3 compares `wholeText`, which our marks cut short)
 * would undo every mark at its next render, so we leave that text alone.
 */
const leftToPage = new WeakMap<Text, string>();
/** Marks we took off the page ourselves (repair, undo): their absence is not the page's doing. */
const removedByUs = new WeakSet<Node>();

/**
 * Marks this script made and still vouches for. A mark outside it is a copy: a snapshot the page
 * cached and put back (Turbo), a clone, or an earlier instance's leftover, carrying attributes
 * (a tab stop, a role) that no longer hold.
 */
const made = new WeakSet<Node>();

/**
 * A mark that left the page: should the page put it back, it is a copy like any other. False,
 * so that a test of marks on the page can disown those it finds gone.
 */
export function disown(mark: Node): false {
  made.delete(mark);
  return false;
}

/**
 * Removes the marks under `root` this script does not vouch for (`made`), so that the text they
 * hold is read and marked again like any new text.
 */
export function unmarkCopies(root: ParentNode): void {
  for (const mark of root.querySelectorAll(MARK_TAG)) if (!made.has(mark)) unwrap(mark);
}

/** Whether we removed this mark ourselves, rather than the page. */
export function wasRemovedByUs(mark: Node): boolean {
  return removedByUs.has(mark);
}

/**
 * Call when the page changed the text of `node` (a characterData mutation we did not cause).
 * If we had split that node, the page's new text replaces the whole of what it believes the
 * node holds, so our marks and the remainder pieces after it are removed; without this the
 * reader would see the new text followed by the old marked words. The caller then rescans the
 * parent; text the page wrote back unchanged is not marked again (`leftToPage`).
 */
export function repairChangedText(node: Text): void {
  const whole = splitHeads.get(node);
  if (whole === undefined) return;
  splitHeads.delete(node);
  // New text: the text the page wrote back before is no longer what it keeps writing.
  if (node.data !== whole) leftToPage.delete(node);
  const parent = node.parentNode;
  let next = node.nextSibling;
  while (
    parent &&
    next &&
    ((next.nodeType === 1 && (next as Element).localName === MARK_TAG) ||
      (next.nodeType === 3 && splitTails.has(next as Text)))
  ) {
    const following: ChildNode | null = next.nextSibling;
    // Only while our pieces are still there: after an undo the text is simply the page's.
    if (node.data === whole) leftToPage.set(node, whole);
    removedByUs.add(next);
    parent.removeChild(next);
    next = following;
  }
}

/**
 * Removes every mark under `root` and re-joins the text nodes marking split, so the serialised
 * DOM is the page's own again. Returns how many marks it removed; a second call removes none.
 */
export function unmarkAll(root: ParentNode): number {
  const marks = root.querySelectorAll(MARK_TAG);
  for (const mark of marks) unwrap(mark);
  return marks.length;
}

function unwrap(mark: Element): void {
  const parent = mark.parentNode;
  if (!parent) return;
  const before = mark.previousSibling;
  const after = mark.nextSibling;
  const moved = new Set<Node>(mark.childNodes);
  while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
  removedByUs.add(mark);
  parent.removeChild(mark);
  // Merge only the text run from the node before the mark to the node after it, and only the
  // pieces our splitting made (the mark's text, the split-off rest): a text node the page put
  // beside a mark is the page's own and stays as it was.
  let current: ChildNode | null = before ?? parent.firstChild;
  while (current && current !== after) {
    const next: ChildNode | null = current.nextSibling;
    const ours = !!next && (moved.has(next) || splitTails.has(next as Text));
    if (current.nodeType === 3 && next && next.nodeType === 3 && ours) {
      (current as Text).appendData((next as Text).data);
      const stop = next === after;
      parent.removeChild(next);
      if (stop) break;
      continue;
    }
    current = next;
  }
}
