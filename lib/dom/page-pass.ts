import type { EntityId, MarkMode } from "../dataset/types";
import { keepLatest } from "../engine/keep-latest";
import { createMatchSession, type Matcher, type MatchSession } from "../matching";
import { sieveOf } from "../matching/sieve";
import type { Match } from "../matching/types";
import type { EntityCount } from "../messaging/protocol";
import {
  createTextCollector,
  isInExcludedRegion,
  type CollectedText,
  type StyleView,
  type TextCollector,
} from "./collect";
import { createBlockSieve, type BlockSieve } from "./block-sieve";
import type { RegionLimits } from "./text-regions";
import {
  applyMarks,
  ENTITY_ATTRIBUTE,
  MARK_SELECTOR,
  MATCH_ATTRIBUTE,
  planMarks,
  unmarkAll,
  unmarkCopies,
  type MarkPlan,
} from "./highlighter";
import { withoutObserving, type Scheduler } from "./observer";

/**
 * One page's marking: collect → match (one session per page, so the surname and first-only
 * rules hold across incremental scans and across slices) → mark. The content script only wires
 * it to events.
 *
 * Sliced: the work is cut into pieces that end at block boundaries (a name never spans two), and
 * each task collects and matches pieces until SLICE_BUDGET_MS is spent, then wraps what it found
 * (one style invalidation per task) and yields to the page. The first task runs at once and
 * starts from the top of the page, where a reader is on load, so the text in view is marked
 * first and the surname rule reads the page in reading order.
 */

export interface PagePassOptions {
  root: Element;
  matcher: Matcher;
  /** Override an entity's mark mode (the reader's setting); undefined keeps the index's own. */
  markMode?: (entity: EntityId) => MarkMode | undefined;
  /**
   * The page's window, so computed display decides hidden and block elements, and which text
   * is a flex or grid item that a mark must not cut.
   */
  view?: StyleView | null;
  /** Called after each task of `runSliced` with how long it took (ms), for measurement. */
  onTask?: (ms: number) => void;
  /** Called with the marks each task created, as soon as they are on the page. */
  onMarks?: (marks: HTMLElement[]) => void;
  /** How `runSliced` yields between tasks; tests pass a manual one. Default: yieldScheduler. */
  schedule?: Scheduler;
  /** Work per task before yielding (ms). Default SLICE_BUDGET_MS. */
  sliceBudgetMs?: number;
  /**
   * Read only the blocks the matcher's sieve points at (lib/matching/sieve.ts): the one built for
   * it (`sieveFor`) or adopted by it (`adoptSieve`), which must have happened first. Default
   * true; false reads every block (the reference the sieve is tested against, and a page that
   * found no stored sieve).
   */
  sieve?: boolean;
  /**
   * Fixed slice sizes in text nodes, with no size in characters, instead of the growing ones
   * (tests use tiny ones to cut small pages into many slices).
   */
  slicing?: { pieceNodes: number; sieveNodes: number };
  /**
   * Which roots the sieve searches whole, in what stretches, and from what size a subtree that
   * holds a hit is walked to the hit's text nodes (text-regions.ts); tests set `leafChars` 0 to
   * walk every hit to its text nodes. Default REGION_LIMITS.
   */
  regionLimits?: RegionLimits;
}

export interface PagePass {
  /**
   * Marks the whole root the first time (or with no roots), then only the given new roots, all
   * in this task (tests, the bench's cost figure). Work queued by `runSliced` is finished first.
   */
  run(roots?: readonly Node[]): HTMLElement[];
  /**
   * The same work in tasks of about `sliceBudgetMs`, the first one now: what the content script
   * uses. Resolves with the created marks once done; with none if `undo()` cancels it.
   */
  runSliced(roots?: readonly Node[]): Promise<HTMLElement[]>;
  /** Cancels queued work, removes every mark; the next run starts a fresh page. */
  undo(): void;
  /**
   * A new view in a single-page app (the content script calls it on WXT's `wxt:locationchange`):
   * page state starts afresh (surnames need their full name again, first-only entities may be
   * marked again) while marks already on screen stay. The new view's content arrives through the
   * observer as added nodes.
   */
  onNavigation(): void;
  /**
   * Marked mentions per entity, in the order each entity first appears on the page (a mention
   * split over `<b>Tim</b> Cook` counts once): what the badge and the popup show.
   */
  counts(): EntityCount[];
}

/**
 * Work per task: long tasks are those over 50 ms, and the pass should leave the page room for
 * its own work in the same frame budget; a piece may overrun this by its own cost.
 * Exported though used only here: the build inlines exported constants, not private ones.
 */
export const SLICE_BUDGET_MS = 12;
/**
 * Text nodes per piece before cutting at the next block boundary. Each task starts small (the
 * first run of our code on a page is not yet compiled by the engine and is slow) and doubles
 * the piece while the budget allows, up to the largest.
 */
const FIRST_PIECE_TEXT_NODES = 50;
const LARGEST_PIECE_TEXT_NODES = 800;
/**
 * Characters per text node of a piece, for the piece's size in characters: a text node may hold
 * a megabyte, so a piece (and a sieve step) also ends once it holds that many characters. Visible
 * text nodes average 30 to 60 characters on the corpus, so ordinary pages are cut by nodes.
 */
const PIECE_CHARS_PER_NODE = 64;

/**
 * Yields to the page with a message: a task with no 4 ms timer clamp (every browser, and Node,
 * has MessageChannel).
 */
const yieldScheduler: Scheduler = (run) => {
  let cancelled = false;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (!cancelled) run();
  };
  channel.port2.postMessage(null);
  return () => {
    cancelled = true;
    channel.port1.close();
  };
};

/** Pages, workers, Node and happy-dom all have `performance`. */
const now = (): number => performance.now();

/** One call's work: the whole root, or some new roots. */
interface Job {
  /** Roots still to sieve (the whole page is the one root). */
  roots: Node[];
  sieve: BlockSieve | null;
  /** Blocks the sieve handed out, still to collect, in document order. */
  blocks: Node[];
  collector: TextCollector | null;
  /** What the collector reads: a block, or the whole root. */
  reading: Node | null;
  /**
   * The block being read may name a first-only entity not marked yet. Set as each block starts;
   * read only once the block is all read, so a scan that ends early need not clear it.
   */
  readingFirstOnly: boolean;
  /** Pieces ended early after such a block (at most EARLY_SCANS_PER_JOB). */
  earlyScans: number;
  created: HTMLElement[];
  resolve: (marks: HTMLElement[]) => void;
}

interface Found {
  job: Job;
  piece: CollectedText;
  matches: Match[];
}

/**
 * The sieve reads a text node for a fraction of what collecting and matching it costs, so a
 * sieve step reads more nodes than a collect piece; kept small enough (at most 3,200 nodes or
 * 200,000 characters, about 3 ms idle) that one step stays inside the slice budget on a slow,
 * loaded machine.
 */
const SIEVE_NODES_PER_PIECE_NODE = 4;

/**
 * Pieces a job may end early, after a block that may hold a first-only entity's first mark (see
 * `step`). Each costs one more scan (a few hundredths of a millisecond); a page that names
 * "Trump" forty times without one markable mention must not cost forty.
 */
const EARLY_SCANS_PER_JOB = 8;

/**
 * Appends a block's piece to the piece being built, with its block numbers moved past the
 * piece's last one: each block's runs stay its own, so one scan of several blocks decides what
 * one scan per block would (the rules look only inside a run; decision 0007).
 */
function appendPiece(piece: CollectedText, more: CollectedText): void {
  const shift = (piece.segments[piece.segments.length - 1]?.block ?? -1) + 1;
  for (const node of more.nodes) piece.nodes.push(node);
  for (const segment of more.segments) {
    segment.block += shift;
    piece.segments.push(segment);
  }
}

/**
 * Wraps what a task found, and returns the marks. Not a closure of the task: the loop is hot, and
 * a closure made per task loses its optimized code at each garbage collection
 * (engine/keep-latest.ts).
 */
function wrapFound(
  found: readonly Found[],
  keepWhole: ((text: Text) => boolean) | undefined,
): HTMLElement[] {
  // Every run planned before any is wrapped: its style queries then find the page's styles
  // computed, where a query after each mark made the browser compute them again (pages with
  // several marks took up to a third longer).
  const plans: MarkPlan[] = [];
  for (const { piece, matches } of found) {
    plans.push(planMarks(piece.nodes, piece.segments, matches, keepWhole));
  }
  const marks: HTMLElement[] = [];
  for (let index = 0; index < found.length; index++) {
    const { job } = found[index] as Found;
    // One push per mark: spreading a very large array would overflow the stack.
    for (const mark of applyMarks(plans[index] as MarkPlan)) {
      job.created.push(mark);
      marks.push(mark);
    }
  }
  return marks;
}

function pieceChars(piece: CollectedText): number {
  let characters = 0;
  for (const segment of piece.segments) characters += segment.text.length;
  return characters;
}

/**
 * Displays whose text runs are items of their own (anonymous flex or grid items): a mark around
 * part of such a run would be an item of its own, with gaps, collapsed spaces or a row of its
 * own, so such text is marked only whole (tests/fixtures/demo/flex-layout.html).
 */
const ITEM_DISPLAY = /flex|grid|box/;

/** A pass asked to use a sieve its matcher never got: a wiring mistake, said at once. */
const MISSING_SIEVE = "no sieve";

export function createPagePass(options: PagePassOptions): PagePass {
  const { root, matcher, markMode, view, onMarks } = options;
  const schedule = options.schedule ?? yieldScheduler;
  const budgetMs = options.sliceBudgetMs ?? SLICE_BUDGET_MS;
  const collectOptions = { view };
  // Only text that a mark would cut: a style query per such text, not per text node read.
  const keepWhole = view
    ? (text: Text) => ITEM_DISPLAY.test(view.getComputedStyle(text.parentNode as Element).display)
    : undefined;
  const newSession = (): MatchSession => createMatchSession(matcher, markMode ? { markMode } : {});
  let session = newSession();
  let scannedWhole = false;
  const queue: Job[] = [];
  let cancelScheduled: (() => void) | null = null;

  const enqueue = (
    roots: readonly Node[] | undefined,
  ): { job: Job; done: Promise<HTMLElement[]> } => {
    const whole = !scannedWhole || !roots;
    // Reading the whole page again reads it in order from the top, as the first reading did:
    // what it marked is skipped, and what it left unmarked is judged by the same evidence, so
    // marking twice marks exactly what marking once did.
    if (whole && scannedWhole) session.restart();
    scannedWhole = true;
    let resolve: (marks: HTMLElement[]) => void = () => undefined;
    const done = new Promise<HTMLElement[]>((settle) => (resolve = settle));
    const job: Job = {
      roots: whole ? [root] : [...roots],
      sieve: null,
      blocks: [],
      collector: null,
      reading: null,
      readingFirstOnly: false,
      earlyScans: 0,
      created: [],
      resolve,
    };
    queue.push(job);
    return { job, done };
  };

  /**
   * What a block's entities may still get: `read` unless every one is first-only and marked
   * already; `firstPending` when some first-only one is not marked yet. No entities (the sieve
   * could not say): read.
   */
  const marksLeftIn = (entities: ReadonlySet<number>) => {
    let read = entities.size === 0;
    let firstPending = false;
    for (const entity of entities) {
      const left = session.marksLeft(entity);
      if (left !== "none") read = true;
      if (left === "first") firstPending = true;
    }
    return { read, firstPending };
  };

  /**
   * Starts reading a scan root, an element (the observer hands out no other): through the sieve,
   * or whole when the matcher has none.
   */
  const startRoot = (job: Job, scanRoot: Node): void => {
    if (scanRoot.nodeType !== 1 || !scanRoot.isConnected || !root.contains(scanRoot)) return;
    // The root itself too (an editor or a button the page adds, a <body contenteditable>): the
    // sieve climbs from a hit only up to its root, and would hand out the blocks inside it.
    if (isInExcludedRegion(scanRoot, collectOptions)) return;
    // Marks we did not make (a cached view put back, a clone) are undone and made again, so tab
    // stops, labels and repairs hold for every mark on the page. Only in what the page added: the
    // whole root is its caller's to check, once (the query reads every element of it; the
    // content script asks it of each body before its first pass).
    if (scanRoot !== root) withoutObserving(() => unmarkCopies(scanRoot as Element));
    const sieve = options.sieve === false ? null : sieveOf(matcher);
    if (sieve === undefined) throw new Error(MISSING_SIEVE);
    if (sieve) job.sieve = createBlockSieve(scanRoot, sieve, options.regionLimits);
    else job.blocks.push(scanRoot);
  };

  /**
   * One step of the job: a sieve step ("sieved"), or a piece of text from the current block and
   * the blocks after it, up to the piece's size (one scan for many small blocks); null when the
   * job is done. `rendered` holds the style answers of this task.
   */
  const step = (
    job: Job,
    pieceNodes: number,
    rendered: Map<Element, boolean>,
  ): CollectedText | "sieved" | null => {
    const maxChars = options.slicing ? Number.POSITIVE_INFINITY : pieceNodes * PIECE_CHARS_PER_NODE;
    let piece: CollectedText | null = null;
    let characters = 0;
    for (;;) {
      const collector = job.collector;
      if (collector && !collector.done) {
        const position = collector.position;
        if (!position || root.contains(position)) {
          const read = piece ? piece.segments.length : 0;
          const more = collector.next(pieceNodes - read, maxChars - characters);
          characters += pieceChars(more);
          if (piece) appendPiece(piece, more);
          else piece = more;
          const full = piece.segments.length >= pieceNodes || characters >= maxChars;
          if (full || !collector.done) return piece;
          // Scan now if this block may hold a first-only entity's first mark: once it is marked,
          // the blocks after it that can only name that entity are not read at all.
          if (job.readingFirstOnly && job.earlyScans < EARLY_SCANS_PER_JOB) {
            job.earlyScans += 1;
            return piece;
          }
          continue;
        }
        // The page moved or removed where we were. Marked text is never collected again, so
        // reading the whole root again only costs time; a removed block is simply gone.
        job.collector = null;
        if (job.reading === root) startRoot(job, root);
        continue;
      }
      const block = job.blocks.shift();
      if (block) {
        const left = job.sieve ? marksLeftIn(job.sieve.entitiesIn(block)) : null;
        // Every name its hits may belong to is marked already (first-only): nothing to read.
        if (left && !left.read) continue;
        job.readingFirstOnly = left?.firstPending ?? false;
        if (block.isConnected && root.contains(block)) {
          // A block found late may hold blocks read already: skip those.
          const skip = job.sieve?.taken;
          job.collector = createTextCollector(block, { ...collectOptions, skip, rendered });
          job.reading = block;
        }
        continue;
      }
      // The ready blocks are read: scan them before the sieve reads further.
      if (piece) return piece;
      if (job.sieve) {
        if (!job.sieve.done) {
          job.sieve.next(
            options.slicing?.sieveNodes ?? pieceNodes * SIEVE_NODES_PER_PIECE_NODE,
            maxChars * SIEVE_NODES_PER_PIECE_NODE,
          );
          job.blocks = job.sieve.takeReady();
          // Blocks ready: read the first in the same step, so the top of the page is marked
          // in the first task.
          if (job.blocks.length > 0) continue;
          return "sieved";
        }
        job.sieve = null;
        continue;
      }
      const next = job.roots.shift();
      if (!next) return null;
      startRoot(job, next);
    }
  };

  /** Collects and matches until the deadline, then wraps what it found. */
  const runTask = (deadline: number): void => {
    const found: Found[] = [];
    const finished: Job[] = [];
    // Style cannot change within a task (our marks go in at its end): ask each element once.
    const rendered = new Map<Element, boolean>();
    let pieceNodes = options.slicing?.pieceNodes ?? FIRST_PIECE_TEXT_NODES;
    while (queue.length > 0) {
      const job = queue[0] as Job;
      const pieceStarted = now();
      const piece = step(job, pieceNodes, rendered);
      if (!piece) {
        finished.push(job);
        queue.shift();
        continue;
      }
      if (piece !== "sieved" && piece.segments.length > 0) {
        const matches = session.scan(piece.segments);
        if (matches.length > 0) found.push({ job, piece, matches });
      }
      // Stop when the next piece, twice this one, would overrun the budget.
      const finishedAt = now();
      if (finishedAt + 2 * (finishedAt - pieceStarted) >= deadline) break;
      if (!options.slicing) pieceNodes = Math.min(pieceNodes * 2, LARGEST_PIECE_TEXT_NODES);
    }
    if (found.length > 0) {
      const created = withoutObserving(() => wrapFound(found, keepWhole));
      if (created.length > 0) onMarks?.(created);
    }
    for (const job of finished) job.resolve(job.created);
  };

  const drainNow = (): void => {
    cancelScheduled?.();
    cancelScheduled = null;
    while (queue.length > 0) runTask(Number.POSITIVE_INFINITY);
  };

  const pump = (): void => {
    cancelScheduled = null;
    const started = now();
    runTask(started + budgetMs);
    options.onTask?.(now() - started);
    if (queue.length > 0) cancelScheduled = schedule(pump);
  };

  // Kept until the next pass, and with it the optimized code of its closures.
  return keepLatest("pass", {
    run(roots) {
      const { job } = enqueue(roots);
      drainNow();
      return job.created;
    },
    runSliced(roots) {
      const { done } = enqueue(roots);
      if (!cancelScheduled) pump();
      return done;
    },
    undo() {
      cancelScheduled?.();
      cancelScheduled = null;
      for (const job of queue.splice(0)) job.resolve([]);
      withoutObserving(() => unmarkAll(root));
      session = newSession();
      scannedWhole = false;
    },
    onNavigation() {
      session = newSession();
    },
    counts() {
      const mentions = new Map<EntityId, Set<string>>();
      for (const mark of root.querySelectorAll(MARK_SELECTOR)) {
        const entity = mark.getAttribute(ENTITY_ATTRIBUTE)!; // the selector asks for it
        const mention = mark.getAttribute(MATCH_ATTRIBUTE) ?? "";
        let seen = mentions.get(entity);
        if (!seen) mentions.set(entity, (seen = new Set()));
        seen.add(mention);
      }
      return [...mentions].map(([entity, seen]) => ({ entity, count: seen.size }));
    },
  });
}
