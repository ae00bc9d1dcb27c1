/**
 * The bench's measurements in Chromium: per-page medians of floor, ours and naive (plus ours with
 * a hundred times the names), the live page's per-batch cost, and, with the real built extension
 * loaded, the longest main-thread task and the time to the first mark.
 */
import type { BrowserContext, Page } from "playwright-core";
import type { MatchIndex } from "../../lib/dataset/types";
import type { Breakdown, LiveBatch, MethodName, Sample } from "./page-entry";
import { withinMs } from "../within";
import { median } from "./stats";

/** A single evaluate longer than this is abandoned (the page is closed): the bench must end. */
export const PASS_TIMEOUT_MS = 20_000;
/**
 * After a round whose samples took this long together, the page gets no more rounds: big pages
 * get fewer rounds so the whole bench stays within about ten minutes on two cores.
 */
const BIG_PAGE_ROUND_MS = 1_500;
/** Timed passes per sample at most (small pages repeat until the sample reaches 4 ms). */
const MAX_REPEATS = 20;
/** The huge synthetic article (5 MB, 220,000 text nodes) takes tens of seconds to parse and lay out
 * on a busy two-core machine. */
const NAVIGATION_TIMEOUT_MS = 120_000;

export class PassTimeout extends Error {}

/** Runs `expression` in the page, or throws PassTimeout and closes the page when it hangs. */
async function evaluateGuarded<T>(page: Page, expression: string, timeoutMs = PASS_TIMEOUT_MS) {
  try {
    const evaluation = page.evaluate(expression) as Promise<T>;
    return await withinMs(evaluation, timeoutMs, () => new PassTimeout(`over ${timeoutMs} ms`));
  } catch (error) {
    if (error instanceof PassTimeout) await page.close({ runBeforeUnload: false }).catch(() => {});
    throw error;
  }
}

const call = (method: string, ...args: unknown[]): string =>
  `window.__receiptsBench.${method}(${args.map((arg) => JSON.stringify(arg)).join(",")})`;

export interface PageSetup {
  bundle: string;
  index: MatchIndex;
  scaledIndex: MatchIndex;
}

async function preparePage(page: Page, url: string, setup: PageSetup) {
  await page.goto(url, { waitUntil: "load", timeout: NAVIGATION_TIMEOUT_MS });
  await page.evaluate(setup.bundle);
  const compileMs = await page.evaluate(call("loadIndex", "dataset", setup.index));
  const compileScaledMs = await page.evaluate(call("loadIndex", "x100", setup.scaledIndex));
  const stats = (await page.evaluate(call("pageStats"))) as {
    elements: number;
    textNodes: number;
    textChars: number;
  };
  return { compileMs: compileMs as number, compileScaledMs: compileScaledMs as number, stats };
}

export interface PageMeasurement {
  name: string;
  url: string;
  elements: number;
  textNodes: number;
  textChars: number;
  rounds: number;
  /** Median ms of one pass, null when the method timed out. */
  floorMs: number | null;
  /** The search baseline (page-entry.ts `searchPass`) reading by walk and by textContent. */
  searchWalkMs: number | null;
  searchTextMs: number | null;
  /** The cheaper of the two: the bare search for the names on this page. */
  searchMs: number | null;
  oursMs: number | null;
  naiveMs: number | null;
  oursX100Ms: number | null;
  oursMarks: number;
  naiveMarks: number;
  compileMs: number;
  compileX100Ms: number;
  breakdown: Breakdown | null;
  /** What went wrong, if anything: a timeout or a navigation error. */
  error?: string;
}

/** A page before anything was measured on it: no figures, no counts. */
export function emptyMeasurement(name: string, url: string): PageMeasurement {
  return {
    name,
    url,
    elements: 0,
    textNodes: 0,
    textChars: 0,
    rounds: 0,
    floorMs: null,
    searchWalkMs: null,
    searchTextMs: null,
    searchMs: null,
    oursMs: null,
    naiveMs: null,
    oursX100Ms: null,
    oursMarks: 0,
    naiveMarks: 0,
    compileMs: 0,
    compileX100Ms: 0,
    breakdown: null,
  };
}

const METHODS: readonly MethodName[] = [
  "floor",
  "search:walk",
  "search:text",
  "ours",
  "ours:x100",
  "naive",
];
/**
 * Passes of each method (but naive) run untimed before the rounds. The engine compiles a regular
 * expression to bytecode on its first run and to machine code on a later one; for the sieve's
 * patterns with 100 times the names that costs hundreds of milliseconds (livescience.com: the
 * first two passes with them took 246 and 50 ms, the next ones 0.4), and with one warm-up pass
 * of ours only, the median of three rounds of ours ×100 was that second compile on 17 of 40
 * pages.
 */
const WARM_UP_PASSES = 2;
/**
 * The naive way costs 50 to 200 times our pass, so it runs in the first round only: a second
 * sample would not move a ratio that far from its bar, and it would triple the bench's time.
 */
const NAIVE_ROUNDS = 1;

/**
 * Floor, search, ours, ours with 100× names and naive on one page, interleaved round by round.
 */
export async function measurePage(
  context: BrowserContext,
  name: string,
  url: string,
  setup: PageSetup,
  rounds: number,
  withNaive: boolean,
): Promise<PageMeasurement> {
  const page = await context.newPage();
  const samples = new Map<MethodName, number[]>(METHODS.map((method) => [method, []]));
  const result = emptyMeasurement(name, url);
  const timedOut = new Set<MethodName>();
  try {
    const prepared = await preparePage(page, url, setup);
    Object.assign(result, prepared.stats);
    result.compileMs = prepared.compileMs;
    result.compileX100Ms = prepared.compileScaledMs;
    // Warm-up, not counted: the first passes of a fresh document run unoptimised code.
    for (let pass = 0; pass < WARM_UP_PASSES; pass += 1) {
      for (const method of METHODS) {
        if (method !== "naive") await evaluateGuarded(page, call("sample", method, 1));
      }
    }
    for (let round = 0; round < rounds; round += 1) {
      let roundMs = 0;
      for (const method of METHODS) {
        if (timedOut.size > 0) break;
        if (method === "naive" && (!withNaive || round >= NAIVE_ROUNDS)) continue;
        try {
          const sample = await evaluateGuarded<Sample>(page, call("sample", method, MAX_REPEATS));
          samples.get(method)?.push(sample.ms);
          if (method !== "naive") roundMs += sample.ms * sample.repeats;
          if (method === "ours") result.oursMarks = sample.count;
          if (method === "naive") result.naiveMarks = sample.count;
        } catch (error) {
          if (!(error instanceof PassTimeout)) throw error;
          timedOut.add(method);
          result.error = `${method} ${error.message}`;
        }
      }
      if (timedOut.size > 0) break;
      result.rounds = round + 1;
      if (roundMs > BIG_PAGE_ROUND_MS) break;
    }
    if (timedOut.size === 0 && withNaive) {
      result.breakdown = await evaluateGuarded<Breakdown>(page, call("breakdown", "dataset"));
    }
  } catch (error) {
    result.error ??= error instanceof Error ? error.message.split("\n")[0] : String(error);
  } finally {
    await page.close().catch(() => {});
  }
  const medianOf = (method: MethodName) => {
    const values = samples.get(method) ?? [];
    return values.length > 0 && !timedOut.has(method) ? median(values) : null;
  };
  result.floorMs = medianOf("floor");
  result.searchWalkMs = medianOf("search:walk");
  result.searchTextMs = medianOf("search:text");
  const searches = [result.searchWalkMs, result.searchTextMs].filter((ms) => ms !== null);
  result.searchMs = searches.length > 0 ? Math.min(...searches) : null;
  result.oursMs = medianOf("ours");
  result.naiveMs = medianOf("naive");
  result.oursX100Ms = medianOf("ours:x100");
  // A timed-out method's figure is at least the timeout: keep that lower bound for the table.
  for (const method of timedOut) {
    if (method === "ours") result.oursMs = PASS_TIMEOUT_MS;
    if (method === "naive") result.naiveMs = PASS_TIMEOUT_MS;
    if (method === "ours:x100") result.oursX100Ms = PASS_TIMEOUT_MS;
  }
  return result;
}

export interface LiveMeasurement {
  batches: LiveBatch[];
  /** Median ms per appended paragraph over the first and the last ten batches. */
  firstPerParagraphMs: number;
  lastPerParagraphMs: number;
  error?: string;
}

/** Batches compared at each end of the live run. */
const LIVE_WINDOW = 10;
const LIVE_WARMUP_PASSES = 3;
const LIVE_SETTLE_MS = 1_000;
/** The appending may run this many times slower than planned (a busy machine) before we stop. */
const LIVE_SLOWDOWN_ALLOWED = 6;

/** The live page with the content script's page pass and observer, timing each batch. */
export async function measureLivePage(
  context: BrowserContext,
  url: string,
  setup: PageSetup,
  durationMs: number,
): Promise<LiveMeasurement> {
  const page = await context.newPage();
  try {
    await preparePage(page, url, setup);
    for (let pass = 0; pass < LIVE_WARMUP_PASSES; pass += 1) {
      await evaluateGuarded(page, call("sample", "ours", 1));
    }
    await evaluateGuarded(page, call("startLive", "dataset"));
    await page.evaluate("window.__startAppending()");
    // A page too busy to keep its own timer still gives the batches it handled.
    const finished = await page
      .waitForFunction("window.__appendingDone === true", undefined, {
        timeout: durationMs * LIVE_SLOWDOWN_ALLOWED + PASS_TIMEOUT_MS,
        polling: 250,
      })
      .then(
        () => true,
        () => false,
      );
    await page.waitForTimeout(LIVE_SETTLE_MS);
    const batches = await evaluateGuarded<LiveBatch[]>(page, call("liveBatches"));
    await page.evaluate(call("stopLive"));
    // Per new paragraph: a batch that coalesced two appends has twice the work to do.
    const perParagraph = batches
      .filter((batch) => batch.newParagraphs > 0)
      .map((batch) => batch.ms / batch.newParagraphs);
    return {
      batches,
      firstPerParagraphMs: median(perParagraph.slice(0, LIVE_WINDOW)),
      lastPerParagraphMs: median(perParagraph.slice(-LIVE_WINDOW)),
      ...(finished ? {} : { error: "the page did not finish appending in time" }),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return {
      batches: [],
      firstPerParagraphMs: Number.NaN,
      lastPerParagraphMs: Number.NaN,
      error: message,
    };
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * Installed before any page script (addInitScript): records long tasks, and when the first of
 * our marks appears and the last time marks changed. Plain source text, run in the page.
 *
 * Marks are watched from DOMContentLoaded on, not through the parse: a document observer
 * installed earlier is handed a record, and makes a wrapper, for every node the parser inserts
 * (up to 9 MB of garbage on the huge article, where the page alone makes under 1 MB), and the
 * browser collected it in whichever script ran next, at times the content script's first task
 * (53 to 77 ms in 5 of 22 loads after five corpus pages; in none of 22 with the observer
 * started at DOMContentLoaded, nor of 10 without one).
 * The content script runs at document_idle, after DOMContentLoaded, so no mark is missed.
 */
export const TASK_RECORDER_SCRIPT = `(() => {
  const record = { longTasks: [], firstMarkAt: null, lastMarkAt: null, domReadyAt: null };
  window.__benchRecord = record;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) record.longTasks.push({ start: entry.startTime, ms: entry.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {}
  const watchMarks = () => new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (node.nodeType === 1 && node.localName === "receipts-mark") {
          const now = performance.now();
          record.firstMarkAt ??= now;
          record.lastMarkAt = now;
          return;
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => {
    record.domReadyAt = performance.now();
    watchMarks();
  });
})();`;

export interface TaskRecord {
  name: string;
  /**
   * The extension's own longest task, ms: the longest its content script timed (compiling the
   * matcher, each slice of the page pass) or the task that evaluated it, if that was a long
   * task; null without the extension or before it ran.
   */
  ownLongestTaskMs: number | null;
  /**
   * The long task (over 50 ms) during which the content script started, ms: the evaluation of
   * its bundle and what it runs before its first wait, which it cannot time itself. Null when
   * that task was not a long one.
   */
  startupTaskMs: number | null;
  /** When the content script started, ms from navigation start; null if it never did. */
  startedAtMs: number | null;
  /** Longest task on the page after DOMContentLoaded, ms: the page's own tasks included. */
  longestTaskMs: number;
  /** ms from navigation start to the first mark, null when the page got none. */
  firstMarkMs: number | null;
  marks: number;
  error?: string;
}

/**
 * The long task the content script started in, if any: its bundle's evaluation and what it ran
 * before its first wait. Long-task entries are rounded to the millisecond, so the task is taken
 * to hold the start within half a millisecond.
 */
export function startupTaskOf(
  longTasks: readonly { start: number; ms: number }[],
  at: number | null,
): number | null {
  if (at === null) return null;
  const task = longTasks.find(
    (entry) => entry.start - 0.5 <= at && at <= entry.start + entry.ms + 0.5,
  );
  return task ? task.ms : null;
}

/** How long the page must be quiet (no long task, no new mark) before we read the record. */
const QUIET_MS = 1_000;
const SETTLE_CAP_MS = 30_000;
/** How often the page is asked whether it has settled. */
const SETTLE_POLL_MS = 250;

/**
 * Whether `condition`, an expression, holds in the page within SETTLE_CAP_MS, asked from here.
 * Not `waitForFunction`: that evaluates its predicate with eval in the page, which the page's own
 * Content-Security-Policy can forbid, and then fails at once (readability/toc-missing was read
 * before it was quiet, noted as never quiet, in each run of 29 November). Each ask has the
 * evaluation's own guard, not what is left of the cap: a last ask given a millisecond would
 * close the page and lose its record. A page too busy to answer at all throws PassTimeout,
 * closed: the caller records the cap.
 */
async function settles(page: Page, condition: string): Promise<boolean> {
  const deadline = Date.now() + SETTLE_CAP_MS;
  while (Date.now() < deadline) {
    if (await evaluateGuarded<boolean>(page, condition)) return true;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
  return false;
}

/** Opens the page in `context` (with or without the extension) and reads its task record. */
export async function recordTasks(
  context: BrowserContext,
  name: string,
  url: string,
  live: boolean,
): Promise<TaskRecord> {
  const page = await context.newPage();
  const result: TaskRecord = {
    name,
    ownLongestTaskMs: null,
    startupTaskMs: null,
    startedAtMs: null,
    longestTaskMs: 0,
    firstMarkMs: null,
    marks: 0,
  };
  try {
    await page.goto(url, { waitUntil: "load", timeout: NAVIGATION_TIMEOUT_MS });
    const notes: string[] = [];
    const waitFor = async (condition: string, what: string) => {
      if (!(await settles(page, condition))) notes.push(`${what} not within ${SETTLE_CAP_MS} ms`);
    };
    if (live) {
      await page.evaluate("window.__startAppending()");
      await waitFor("window.__appendingDone === true", "appending");
    }
    const quietCheck = `(() => {
      const r = window.__benchRecord;
      const lastTask = r.longTasks.reduce((last, t) => Math.max(last, t.start + t.ms), 0);
      const last = Math.max(lastTask, r.lastMarkAt ?? 0, r.domReadyAt ?? 0);
      return performance.now() - last > ${QUIET_MS};
    })()`;
    await waitFor(quietCheck, "quiet");
    if (notes.length > 0) result.error = notes.join(", ");
    // When the page is too busy to answer at all, the catch below records the cap.
    const record = (await evaluateGuarded(
      page,
      `(() => ({
        ...window.__benchRecord,
        marks: document.querySelectorAll("receipts-mark").length,
        own: document.documentElement.getAttribute("data-receipts-longest-task-ms"),
        startedAt: document.documentElement.getAttribute("data-receipts-started-at"),
      }))()`,
    )) as {
      own: string | null;
      startedAt: string | null;
      longTasks: { start: number; ms: number }[];
      firstMarkAt: number | null;
      domReadyAt: number | null;
      marks: number;
    };
    const afterReady = record.longTasks.filter((task) => task.start >= (record.domReadyAt ?? 0));
    result.longestTaskMs = afterReady.reduce((longest, task) => Math.max(longest, task.ms), 0);
    result.startedAtMs = record.startedAt === null ? null : Number(record.startedAt);
    result.startupTaskMs = startupTaskOf(record.longTasks, result.startedAtMs);
    result.ownLongestTaskMs =
      record.own === null ? null : Math.max(Number(record.own), result.startupTaskMs ?? 0);
    result.firstMarkMs = record.firstMarkAt;
    result.marks = record.marks;
  } catch (error) {
    // A page still busy after the cap had a task at least that long.
    result.longestTaskMs = SETTLE_CAP_MS;
    result.error ??= error instanceof Error ? error.message.split("\n")[0] : String(error);
  } finally {
    await page.close({ runBeforeUnload: false }).catch(() => {});
  }
  return result;
}
