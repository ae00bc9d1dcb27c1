import { MARK_TAG, UI_TAG } from "./collect";
import { repairChangedText } from "./highlighter";

/**
 * Watches a page for new text to scan: added subtrees (infinite scroll, late-loading articles,
 * single-page-app views), changed text, and elements shown by `hidden` or `open` changing. It
 * batches changes, hands over only the smallest set of roots that covers them, and never reacts to
 * our own changes, so it cannot loop.
 *
 * Single-page-app navigation needs no patching of history here: a content script runs in an
 * isolated world and cannot see the page's pushState anyway. The content script listens to WXT's
 * `wxt:locationchange` (through `ctx.addEventListener(window, ...)`) and resets its page pass;
 * the new view's content arrives as added nodes, which this observer reports.
 */

/** Schedules `run` once; returns a function that cancels it. */
export type Scheduler = (run: () => void) => () => void;

export interface ObserveOptions {
  /** How batches are scheduled; tests pass a manual scheduler. Default: see defaultScheduler. */
  schedule?: Scheduler;
}

/**
 * At most this long before a batch runs even on a busy page: new paragraphs should be marked
 * within about half a second of appearing, which readers do not perceive as late.
 */
const IDLE_TIMEOUT_MS = 500;
/** Fallback delay where requestIdleCallback is missing (Safari): one batch per ~100 ms burst. */
const FALLBACK_DELAY_MS = 100;
/**
 * Attributes whose change can reveal text collect skipped (`hidden` removed, `<details open>`).
 * Class and style changes can too, but pages change them every animation frame: not watched.
 */
const REVEALING_ATTRIBUTES = ["hidden", "open"];

/** Runs work when the page is idle, or after IDLE_TIMEOUT_MS at the latest. */
export const defaultScheduler: Scheduler = (run) => {
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(run, FALLBACK_DELAY_MS);
  return () => clearTimeout(handle);
};

interface ActiveObserver {
  observer: MutationObserver;
  handle(records: readonly MutationRecord[]): void;
}

/** Observers currently connected; our own DOM changes are hidden from all of them. */
const activeObservers = new Set<ActiveObserver>();

/**
 * Runs `change` (marking or unmarking) without any connected observer seeing it. Records that
 * were pending before are still handled; records `change` causes are dropped. DOM changes are
 * synchronous and records are delivered later, so nothing of the page's can slip in between.
 */
export function withoutObserving<T>(change: () => T): T {
  for (const active of activeObservers) active.handle(active.observer.takeRecords());
  try {
    return change();
  } finally {
    for (const active of activeObservers) active.observer.takeRecords();
  }
}

function isOwnNode(node: Node): boolean {
  for (let current: Node | null = node; current; current = current.parentNode) {
    if (current.nodeType === 1) {
      const name = (current as Element).localName;
      if (name === MARK_TAG || name === UI_TAG) return true;
    }
  }
  return false;
}

/**
 * Calls `onNewContent` with the roots to scan (elements, connected, none inside
 * another) after each batch of page changes under `root`. Returns the disconnect function.
 */
export function observePage(
  root: Node,
  onNewContent: (roots: Node[]) => void,
  options: ObserveOptions = {},
): () => void {
  const schedule = options.schedule ?? defaultScheduler;
  const pending = new Set<Node>();
  let cancelScheduled: (() => void) | null = null;

  const flush = (): void => {
    cancelScheduled = null;
    const candidates = [...pending];
    pending.clear();
    const roots = outermost(candidates, root);
    if (roots.length > 0) onNewContent(roots);
  };

  const add = (node: Node): void => {
    if (isOwnNode(node)) return;
    // A text node is rescanned with its parent, so a name split across siblings is found whole.
    const scanRoot = node.nodeType === 3 ? node.parentNode : node;
    // Elements only: a comment or a processing instruction holds no text to read.
    if (scanRoot?.nodeType !== 1) return;
    pending.add(scanRoot);
    cancelScheduled ??= schedule(flush);
  };

  const handle = (records: readonly MutationRecord[]): void => {
    for (const record of records) {
      if (record.type === "characterData") {
        // The page rewrote a text node we had split: drop our now-stale pieces after it.
        withoutObserving(() => repairChangedText(record.target as Text));
        add(record.target);
      } else if (record.type === "childList") record.addedNodes.forEach(add);
      else add(record.target); // attributes: `hidden` or `open` changed
    }
  };

  const observer = new MutationObserver(handle);
  observer.observe(root, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: REVEALING_ATTRIBUTES,
  });
  const active: ActiveObserver = { observer, handle };
  activeObservers.add(active);

  return () => {
    observer.disconnect();
    activeObservers.delete(active);
    cancelScheduled?.();
    cancelScheduled = null;
    pending.clear();
  };
}

/**
 * The connected candidates under `root` that no other candidate contains, in their order. One
 * climb per candidate (O(candidates × depth)), so a big batch costs in proportion to its size and
 * never to the page's: there is no fallback to rescanning the whole root.
 */
export function outermost(candidates: readonly Node[], root: Node): Node[] {
  const set = new Set(candidates);
  const result: Node[] = [];
  for (const node of candidates) {
    let inside = false;
    let covered = false;
    for (let current = node.parentNode; current; current = current.parentNode) {
      if (current === root) {
        inside = true;
        break;
      }
      if (set.has(current)) {
        covered = true;
        break;
      }
    }
    // A covered node is still dropped when its cover turns out to be detached: the cover's
    // subtree left the page with it.
    if ((inside || node === root) && !covered && node.isConnected) result.push(node);
  }
  return result;
}
