/**
 * Runs the checks on saved pages: a loopback server for the pages folder, a plain Chromium and
 * one Chromium with the extension per worker, and a queue the workers take pages from.
 * The method (what is compared with what, and why that is fair) is in docs/sweep.md.
 */
import type { Browser, BrowserContext, Locator, Page, Worker } from "playwright-core";
import type { MatchIndex } from "../../lib/dataset/types";
import type { ExtensionBrowser } from "../demo/browser";
import { startStaticServer, type StaticServer, LOOPBACK_HOST } from "../demo/server";
import {
  PAGE_TIMERS_MS,
  VIEWPORT,
  describeConsole,
  launchExtension,
  launchPlain,
  prepareContext,
  rewindClock,
  type RequestLog,
} from "./browser";
import {
  describeDifference,
  describeLayoutChange,
  isFromExtension,
  judge,
  nameProblems,
  placementProblems,
  withoutMarkTags,
  type CheckName,
  type Problem,
  type Verdict,
} from "./checks";
import {
  PROBE_LINK_ID,
  addProbeLink,
  countMarks,
  readMarkRecords,
  runInPage,
  takeSnapshot,
  type MarkRecord,
  type Snapshot,
} from "./in-page";
import type { KnownIssue } from "./known-issues";
import { buildNameBook, type NameBook } from "./names";
import type { SavedPage } from "./pages";
import { settleStatus, type Mention, type PageResult } from "./report";
import { withinMs } from "../within";

/** Two cores: two extension browsers at most, or they starve each other and the timings lie. */
export const MAX_WORKERS = 2;
/** Generous for the biggest saved pages on a slow CI machine; a page that needs more is a bug. */
const PAGE_LOAD_TIMEOUT_MS = 45_000;
/**
 * Some saved pages never fire `load` offline (moneycontrol.com waits forever, with or without the
 * extension, with or without the frozen clock). The extension runs at document idle, which comes
 * after DOMContentLoaded either way, so past this wait the sweep goes on from DOMContentLoaded.
 */
const LOAD_EVENT_GRACE_MS = 15_000;

/** Loads a page in the same way in every browser: DOMContentLoaded, then load if it comes. */
async function loadPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: "domcontentloaded", timeout: PAGE_LOAD_TIMEOUT_MS });
  await page.waitForLoadState("load", { timeout: LOAD_EVENT_GRACE_MS }).catch(() => undefined);
}
const PAGE_TIMEOUT_MS = 180_000;
/** Marking counts as finished when the number of marks held still this long, after at least… */
const MARKS_STABLE_MS = 500;
/** …this long after load: the content script starts at document_idle and marks in batches. */
const MARKING_MIN_WAIT_MS = 1_000;
const MARKING_MAX_WAIT_MS = 20_000;
const POLL_MS = 250;
/** Turning off removes every mark at once; allow the storage event to arrive on a busy machine. */
const TURN_OFF_TIMEOUT_MS = 5_000;
/** After the last mark is gone, wait this long for any late restore before snapshotting. */
const AFTER_TURN_OFF_MS = 300;
const CLICK_TIMEOUT_MS = 2_000;
/** A click that navigates starts its request within this time. */
const NAVIGATION_WAIT_MS = 3_000;
const PROBE_MARK_TIMEOUT_MS = 5_000;
const PAGE_ERRORS_KEPT = 10;
/** The reader's per-site switch, as the content script reads it (lib/settings/settings.ts). */
const DISABLED_SITES_KEY = "disabledSites";
/** Marked links that would not leave the document: same-page anchors and script URLs. */
const MARKED_LINK_SELECTOR =
  'a[href]:not([href^="#"]):not([href^="javascript:" i]):not([href=""]) receipts-mark';
const PROBE_PATH = "/__receipts-sweep__/navigated";
const FALLBACK_PROBE_NAME = "Tim Cook";

/** The extension's service worker API the sweep calls (no @types/chrome in the project). */
declare const chrome: {
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
};

export interface SweepOptions {
  pagesDir: string;
  extensionDir: string;
  /** The match index the marks are checked against; without it check 5 fails every mark. */
  index: MatchIndex | undefined;
  workers?: number;
  known?: KnownIssue[];
}

export interface SweepWorker {
  browser: ExtensionBrowser;
  log: RequestLog;
  /** Errors the extension's service worker logs while the current page is swept. */
  workerErrors: string[];
}

export interface SweepSession {
  server: StaticServer;
  workers: number;
  /** Queues pages; each promise settles when its page is done. Pages run in queue order. */
  schedule(pages: SavedPage[]): Promise<PageResult>[];
  close(): Promise<void>;
}

/** SWEEP_DEBUG=1 prints each step of each page, to find where a page hangs. */
const DEBUG = process.env.SWEEP_DEBUG === "1";
function trace(page: string, step: string): void {
  if (DEBUG) console.log(`  [${new Date().toISOString().slice(11, 23)}] ${page}: ${step}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fails a call into the browser that gives no answer within `ms`: see `withinMs`. */
const answerWithin = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  withinMs(promise, ms, () => new Error(`timed out after ${ms / 1000} s ${what}`));

/** A write to the extension's storage takes milliseconds; this long means no answer is coming. */
const STORAGE_WRITE_TIMEOUT_MS = 10_000;

/**
 * Sets the reader's per-site switch from the extension's service worker. Chromium may stop an
 * idle service worker and start a new one on the next event, and a handle to a stopped one may
 * never answer: after no answer, the worker running now is asked (and kept) instead.
 */
export async function setDisabledSites(
  worker: SweepWorker,
  sites: string[],
  timeoutMs = STORAGE_WRITE_TIMEOUT_MS,
): Promise<void> {
  const write = (serviceWorker: Worker) =>
    answerWithin(
      serviceWorker.evaluate(([key, value]) => chrome.storage.local.set({ [key]: value }), [
        DISABLED_SITES_KEY,
        sites,
      ] as const),
      timeoutMs,
      "writing the extension's storage",
    );
  const { browser } = worker;
  try {
    await write(browser.serviceWorker);
  } catch (error) {
    const running = browser.context
      .serviceWorkers()
      .find((candidate) =>
        candidate.url().startsWith(`chrome-extension://${browser.extensionId}/`),
      );
    if (!running || running === browser.serviceWorker) throw error;
    browser.serviceWorker = running;
    await write(running);
  }
}

/**
 * Every page is served from the same origin, and the extension's profile lives for the whole run:
 * clear what earlier pages stored there (cookies, localStorage, IndexedDB, ...) so each page
 * starts as fresh as in the plain browser's new context. The extension's own storage is not the
 * origin's and stays.
 */
async function forgetOriginData(page: Page, origin: string): Promise<void> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send("Storage.clearDataForOrigin", { origin, storageTypes: "all" });
  } finally {
    await session.detach();
  }
}

/** A snapshot whose block boxes count nothing below <html> on a page with content is broken. */
const SNAPSHOT_ATTEMPTS = 3;
const SNAPSHOT_RETRY_MS = 500;

/**
 * The page's snapshot with block boxes. On a loaded machine the reading once came back with only
 * the <html> box of a 600-element page (DOM, text and the <html> box itself unchanged): an
 * instrument failure, not a layout change. Such a reading is taken again.
 */
async function layoutSnapshot(page: Page): Promise<Snapshot> {
  let snapshot = await runInPage(page, takeSnapshot, { layout: true });
  for (let attempt = 1; attempt < SNAPSHOT_ATTEMPTS && isImplausible(snapshot); attempt++) {
    await sleep(SNAPSHOT_RETRY_MS);
    snapshot = await runInPage(page, takeSnapshot, { layout: true });
  }
  return snapshot;
}

function isImplausible(snapshot: Snapshot): boolean {
  return snapshot.blocks.length <= 1 && snapshot.textNodes > 1;
}

/** Waits until the number of marks holds still; returns how long marking took. */
async function waitForMarking(page: Page): Promise<number> {
  const started = Date.now();
  let last = -1;
  let stableSince = started;
  for (;;) {
    const count = await runInPage(page, countMarks, undefined);
    const now = Date.now();
    if (count !== last) {
      last = count;
      stableSince = now;
    }
    const settled = now - started >= MARKING_MIN_WAIT_MS && now - stableSince >= MARKS_STABLE_MS;
    if (settled || now - started >= MARKING_MAX_WAIT_MS) return stableSince - started;
    await sleep(POLL_MS);
  }
}

async function waitForNoMarks(page: Page): Promise<boolean> {
  const deadline = Date.now() + TURN_OFF_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if ((await runInPage(page, countMarks, undefined)) === 0) return true;
    await sleep(POLL_MS / 5);
  }
  return false;
}

/** Waits until the main frame has at least `count` marks again; false on timeout. */
async function waitForMarkCount(page: Page, count: number): Promise<boolean> {
  const deadline = Date.now() + TURN_OFF_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if ((await runInPage(page, countMarks, undefined)) >= count) return true;
    await sleep(POLL_MS / 5);
  }
  return false;
}

/**
 * A frame that never gets a document (its load was blocked mid-way) never answers an evaluate:
 * give each frame this long.
 */
const FRAME_READ_TIMEOUT_MS = 5_000;

/** Marks of every frame that can be read (blocked frames show an error page and are skipped). */
async function readAllMarks(page: Page): Promise<MarkRecord[]> {
  const records: MarkRecord[] = [];
  for (const frame of page.frames()) {
    try {
      const read = runInPage(frame, readMarkRecords, undefined);
      records.push(...(await answerWithin(read, FRAME_READ_TIMEOUT_MS, "reading a frame's marks")));
    } catch {
      // A frame that navigated away, is an error page or never answers has no marks to read.
    }
  }
  return records;
}

/**
 * Runs the pages' own timers for the same fake time everywhere. A timer of the saved page that
 * throws (its libraries were not loaded) surfaces here; it is the page's error, not ours, and
 * the page is compared as it is after it.
 */
async function runPageTimers(context: BrowserContext): Promise<void> {
  try {
    await context.clock.runFor(PAGE_TIMERS_MS);
  } catch {
    // The same timer throws in both browsers; the comparisons stay fair.
  }
}

/** Loads a page and lets its own timers run for the same fake time in every context. */
async function openSettled(
  context: BrowserContext,
  url: string,
): Promise<{ page: Page; loadMs: number }> {
  await rewindClock(context);
  const page = await context.newPage();
  const started = Date.now();
  await loadPage(page, url);
  const loadMs = Date.now() - started;
  await runPageTimers(context);
  return { page, loadMs };
}

/** A plain load in a fresh context without the extension, and its snapshot. */
async function plainSnapshot(
  plain: Browser,
  serverUrl: string,
  url: string,
): Promise<{ snapshot: Snapshot; loadMs: number; blocked: number }> {
  const log: RequestLog = { blocked: 0, blockedUrls: [] };
  const context = await plain.newContext({ viewport: VIEWPORT });
  try {
    await prepareContext(context, serverUrl, log);
    const { page, loadMs } = await openSettled(context, url);
    const snapshot = await layoutSnapshot(page);
    return { snapshot, loadMs, blocked: log.blocked };
  } finally {
    await context.close();
  }
}

/** Clicks and reports whether a navigation started (a request, a new tab, or a URL change). */
async function clickNavigates(
  context: BrowserContext,
  page: Page,
  target: Locator,
): Promise<boolean> {
  const startUrl = page.url();
  let navigated = false;
  const onRequest = (request: { isNavigationRequest(): boolean; url(): string }) => {
    if (request.isNavigationRequest() && request.url() !== startUrl) navigated = true;
  };
  const onFrame = (frame: { url(): string }) => {
    if (frame.url() !== startUrl) navigated = true;
  };
  context.on("request", onRequest);
  page.on("framenavigated", onFrame);
  try {
    try {
      await target.click({ timeout: CLICK_TIMEOUT_MS });
    } catch {
      // Covered by the page's own overlay or off screen: a DOM click still runs the page's
      // handlers and the link's default action, which is what this check is about.
      await target.dispatchEvent("click").catch(() => undefined);
    }
    const deadline = Date.now() + NAVIGATION_WAIT_MS;
    while (!navigated && Date.now() < deadline) await sleep(POLL_MS / 5);
    return navigated;
  } finally {
    context.off("request", onRequest);
    page.off("framenavigated", onFrame);
    for (const other of context.pages())
      if (other !== page) await other.close().catch(() => undefined);
  }
}

function firstPersonName(index: MatchIndex | undefined): string {
  // A person, the only kind of entity with a surname.
  const person = index?.entities.find(({ aliases }) =>
    aliases.some(({ how }) => how === "surname"),
  );
  return person?.aliases.find((alias) => alias.how === "full")?.text ?? FALLBACK_PROBE_NAME;
}

/**
 * Check 7: a click on a marked link still navigates. Uses a link of the page when one is marked;
 * otherwise adds a link holding a name to the page and clicks its mark. A page link that does not
 * navigate is tried without the extension too: if the page's own script stops it there as well,
 * it is the page's behaviour, not ours.
 */
async function navigationCheck(
  worker: SweepWorker,
  plain: Browser,
  serverUrl: string,
  url: string,
  index: MatchIndex | undefined,
  markedTab: Page | undefined,
): Promise<{ problem?: string; note?: string }> {
  const context = worker.browser.context;
  let page: Page;
  if (markedTab) page = markedTab;
  else {
    page = (await openSettled(context, url)).page;
    await waitForMarking(page);
  }
  try {
    const pageLink = page.locator(MARKED_LINK_SELECTOR).filter({ visible: true }).first();
    if ((await pageLink.count()) > 0) {
      const linkIndex = await pageLink.evaluate((mark) => {
        const link = mark.closest("a[href]");
        return Array.from(document.querySelectorAll("a[href]")).indexOf(link as Element);
      });
      if (await clickNavigates(context, page, pageLink)) return {};
      const plainContext = await plain.newContext({ viewport: VIEWPORT });
      try {
        await prepareContext(plainContext, serverUrl, { blocked: 0, blockedUrls: [] });
        const { page: plainPage } = await openSettled(plainContext, url);
        const plainLink = plainPage.locator("a[href]").nth(linkIndex);
        if (await clickNavigates(plainContext, plainPage, plainLink)) {
          return {
            problem: `a click on marked link #${linkIndex} does not navigate (it does without the extension)`,
          };
        }
        return {
          note: `marked link #${linkIndex} does not navigate with or without the extension`,
        };
      } finally {
        await plainContext.close();
      }
    }
    await runInPage(page, addProbeLink, {
      id: PROBE_LINK_ID,
      href: `${serverUrl}${PROBE_PATH}`,
      name: firstPersonName(index),
    });
    const probeMark = page.locator(`#${PROBE_LINK_ID} receipts-mark`).first();
    try {
      await probeMark.waitFor({ state: "attached", timeout: PROBE_MARK_TIMEOUT_MS });
    } catch {
      return { problem: "a link added to the page with a name in it was not marked" };
    }
    if (await clickNavigates(context, page, probeMark)) return {};
    return { problem: "a click on the mark inside a link added to the page does not navigate" };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** One mention per match: the first mark of each group of marks sharing a match id. */
function mentionsOf(marks: MarkRecord[]): Mention[] {
  const seen = new Set<string>();
  const mentions: Mention[] = [];
  for (const mark of marks) {
    if (mark.match !== "") {
      const key = `${mark.entity}\u0000${mark.match}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    mentions.push({
      offset: mark.offset,
      text: mark.match === "" ? mark.text : mark.matchText,
      entity: mark.entity,
      how: mark.how,
    });
  }
  return mentions;
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

interface Comparison {
  check: CheckName;
  withinTab: string | undefined;
  acrossContexts: string | undefined;
  betweenPlainLoads: (second: Snapshot) => string | undefined;
}

/**
 * How a page's DOM differs from what it was: its markup, its text nodes (a split one left behind),
 * and its adopted stylesheets (ours left behind, which no markup shows).
 */
export function describeDom(
  expected: Pick<Snapshot, "html" | "textNodes" | "adoptedStyleSheets">,
  actual: Pick<Snapshot, "html" | "textNodes" | "adoptedStyleSheets">,
): string | undefined {
  const html = describeDifference(expected.html, actual.html);
  if (html) return `serialised DOM ${html}`;
  if (expected.textNodes !== actual.textNodes) {
    return `same markup but ${actual.textNodes} text nodes instead of ${expected.textNodes}`;
  }
  if (expected.adoptedStyleSheets !== actual.adoptedStyleSheets) {
    return `same markup but ${actual.adoptedStyleSheets} adopted stylesheets instead of ${expected.adoptedStyleSheets}`;
  }
  return undefined;
}

async function sweepOnePage(
  worker: SweepWorker,
  plain: Browser,
  server: StaticServer,
  book: NameBook | undefined,
  options: SweepOptions,
  saved: SavedPage,
): Promise<Omit<PageResult, "status">> {
  const started = Date.now();
  const url = `${server.url}${saved.urlPath}`;
  const problems: Problem[] = [];
  const notes: string[] = [];
  const pageErrors: string[] = [];
  const extensionErrors: string[] = [];
  const context = worker.browser.context;
  worker.workerErrors.length = 0;
  worker.log.blocked = 0;
  worker.log.blockedUrls = [];

  const plainLoad = await plainSnapshot(plain, server.url, url);
  trace(saved.name, "plain load done");

  // With the extension: load, let it mark, snapshot; turn it off for the site, snapshot again.
  await rewindClock(context);
  const tab = await context.newPage();
  await forgetOriginData(tab, server.url);
  tab.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = describeConsole(message);
    if (isFromExtension(message.location().url, message.text())) extensionErrors.push(text);
    else if (pageErrors.length < PAGE_ERRORS_KEPT) pageErrors.push(text);
  });
  tab.on("pageerror", (error) => {
    const text = `${error.name}: ${error.message}`;
    if (isFromExtension(error.stack)) extensionErrors.push(`${text}\n${error.stack ?? ""}`);
    else if (pageErrors.length < PAGE_ERRORS_KEPT) pageErrors.push(text);
  });
  tab.on("crash", () => extensionErrors.push("the tab crashed"));
  let marked: Snapshot;
  let off: Snapshot;
  let marks: MarkRecord[];
  let loadMs: number;
  let markingMs: number;
  let turnOffMs: number;
  try {
    const loadStarted = Date.now();
    await loadPage(tab, url);
    loadMs = Date.now() - loadStarted;
    trace(saved.name, "loaded with the extension");
    await runPageTimers(context);
    markingMs = await waitForMarking(tab);
    trace(saved.name, "marking settled");
    marks = await readAllMarks(tab);
    marked = await layoutSnapshot(tab);
    trace(saved.name, "marked snapshot taken");

    const offStarted = Date.now();
    await setDisabledSites(worker, [LOOPBACK_HOST]);
    const allGone = await waitForNoMarks(tab);
    turnOffMs = Date.now() - offStarted;
    trace(saved.name, "turned off");
    if (!allGone)
      problems.push({
        check: "restore",
        what: `marks still there ${TURN_OFF_TIMEOUT_MS} ms after turning the site off`,
      });
    await sleep(AFTER_TURN_OFF_MS);
    off = await layoutSnapshot(tab);
    trace(saved.name, "off snapshot taken");
  } catch (error) {
    await tab.close().catch(() => undefined);
    throw error;
  } finally {
    await setDisabledSites(worker, []);
  }

  // Check 7 reuses the tab when turning the site back on brings the marks back (it saves a
  // load); otherwise it opens the page afresh.
  const extensionBlocked = { count: worker.log.blocked, examples: [...worker.log.blockedUrls] };
  const navigationStarted = Date.now();
  const remarked = await waitForMarkCount(tab, marks.length);
  trace(saved.name, "turned back on");
  if (!remarked) await tab.close().catch(() => undefined);
  const navigation = await navigationCheck(
    worker,
    plain,
    server.url,
    url,
    options.index,
    remarked ? tab : undefined,
  );
  const navigationMs = Date.now() - navigationStarted;
  trace(saved.name, "navigation checked");
  if (navigation.problem) problems.push({ check: "navigation", what: navigation.problem });
  if (navigation.note) notes.push(navigation.note);

  // Check 1: errors from the extension, in the page's console and in its service worker.
  for (const error of [...extensionErrors, ...worker.workerErrors]) {
    problems.push({ check: "errors", what: error.slice(0, 500) });
  }

  // Checks 2, 3, 6: compared within the tab and across contexts (see judge()).
  const comparisons: Comparison[] = [
    {
      check: "text",
      withinTab: describeDifference(off.text, marked.text),
      acrossContexts: describeDifference(plainLoad.snapshot.text, marked.text),
      betweenPlainLoads: (second) => describeDifference(plainLoad.snapshot.text, second.text),
    },
    {
      check: "layout",
      withinTab: describeLayoutChange(off.blocks, marked.blocks),
      acrossContexts: describeLayoutChange(plainLoad.snapshot.blocks, marked.blocks),
      betweenPlainLoads: (second) => describeLayoutChange(plainLoad.snapshot.blocks, second.blocks),
    },
    {
      check: "restore",
      withinTab: describeDifference(withoutMarkTags(marked.html), off.html),
      acrossContexts: describeDom(plainLoad.snapshot, off),
      betweenPlainLoads: (second) => describeDom(plainLoad.snapshot, second),
    },
  ];
  let secondPlain: Snapshot | undefined;
  for (const comparison of comparisons) {
    const { withinTab, acrossContexts } = comparison;
    let verdict: Verdict = judge({ withinTab, acrossContexts, measuredPlainTwice: false });
    if (verdict === "needs-second-plain-load") {
      secondPlain ??= (await plainSnapshot(plain, server.url, url)).snapshot;
      const betweenPlainLoads = comparison.betweenPlainLoads(secondPlain);
      verdict = judge({ withinTab, acrossContexts, betweenPlainLoads, measuredPlainTwice: true });
    }
    if (verdict === "fail") {
      const where =
        comparison.withinTab !== undefined
          ? "marked vs turned off, same tab"
          : "vs the page without the extension";
      problems.push({
        check: comparison.check,
        what: `${where}: ${comparison.withinTab ?? comparison.acrossContexts}`,
      });
    } else if (verdict === "nondeterministic-page") {
      notes.push(
        `${comparison.check}: the page differs between two plain loads; judged within the tab`,
      );
    }
  }

  // Checks 4 and 5: where marks are, and what they say.
  problems.push(...placementProblems(marks));
  if (marks.length > 0) {
    if (book) problems.push(...nameProblems(book, marks));
    else problems.push({ check: "names", what: "no match index to check the marks against" });
  }

  const mentions = mentionsOf(marks);
  return {
    page: saved.name,
    marks: {
      total: marks.length,
      matches: mentions.length,
      byEntity: countBy(marks.map((mark) => mark.entity)),
      byHow: countBy(marks.map((mark) => mark.how)),
    },
    mentions,
    elements: plainLoad.snapshot.elements,
    timings: {
      plainLoadMs: plainLoad.loadMs,
      loadMs,
      markingMs,
      turnOffMs,
      navigationMs,
      totalMs: Date.now() - started,
    },
    blockedRequests: {
      plain: plainLoad.blocked,
      extension: extensionBlocked.count,
      examples: extensionBlocked.examples,
    },
    problems,
    notes,
    pageErrors,
  };
}

function emptyResult(page: string, started: number, problem: Problem): Omit<PageResult, "status"> {
  return {
    page,
    marks: { total: 0, matches: 0, byEntity: {}, byHow: {} },
    mentions: [],
    elements: 0,
    timings: {
      plainLoadMs: 0,
      loadMs: 0,
      markingMs: 0,
      turnOffMs: 0,
      navigationMs: 0,
      totalMs: Date.now() - started,
    },
    blockedRequests: { plain: 0, extension: 0, examples: [] },
    problems: [problem],
    notes: [],
    pageErrors: [],
  };
}

/** Closing a few tabs and one storage write, after a failed page; past this, the browser is replaced. */
const CLEANUP_TIMEOUT_MS = 15_000;

/**
 * The worker left clean for the next page after one failed: its tabs closed and the site turned
 * back on; or, when it does not answer within `timeoutMs` (a wedged tab or service worker: a
 * clean-clone CI run once waited on one with no end), its browser closed (as far as it answers)
 * and a new one from `restart`. Whatever the old browser still runs is not waited for.
 */
export async function cleanWorker(
  worker: SweepWorker,
  restart: () => Promise<SweepWorker>,
  timeoutMs = CLEANUP_TIMEOUT_MS,
): Promise<SweepWorker> {
  try {
    const cleanup = async () => {
      // A tab that is gone already is fine; one that never answers is what the bound is for.
      for (const page of worker.browser.context.pages()) await page.close().catch(() => undefined);
      await setDisabledSites(worker, []);
    };
    await answerWithin(cleanup(), timeoutMs, "cleaning up after the page");
    return worker;
  } catch {
    await answerWithin(worker.browser.close(), timeoutMs, "closing the browser").catch(
      () => undefined,
    );
    return restart();
  }
}

/** A loaded CI machine can miss the service worker's start once; a second launch gets it. */
const LAUNCH_ATTEMPTS = 2;

async function launchExtensionWithRetry(extensionDir: string): Promise<ExtensionBrowser> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await launchExtension(extensionDir);
    } catch (error) {
      if (attempt >= LAUNCH_ATTEMPTS) throw error;
    }
  }
}

async function startWorker(extensionDir: string, serverUrl: string): Promise<SweepWorker> {
  const browser = await launchExtensionWithRetry(extensionDir);
  const worker: SweepWorker = { browser, log: { blocked: 0, blockedUrls: [] }, workerErrors: [] };
  await prepareContext(browser.context, serverUrl, worker.log);
  // Every service worker the extension runs: Chromium may stop an idle one and start another.
  const listen = (serviceWorker: Worker) =>
    serviceWorker.on("console", (message) => {
      if (message.type() === "error")
        worker.workerErrors.push(`service worker: ${describeConsole(message)}`);
    });
  listen(browser.serviceWorker);
  browser.context.on("serviceworker", listen);
  // Tabs the sweep opens are its own; the blank one Chromium starts with only costs memory.
  for (const page of browser.context.pages()) await page.close().catch(() => undefined);
  return worker;
}

/** Starts the server and the browsers. Call `close()` when done, also after a failure. */
export async function startSweep(options: SweepOptions): Promise<SweepSession> {
  const workerCount = Math.max(1, Math.min(options.workers ?? MAX_WORKERS, MAX_WORKERS));
  const server = await startStaticServer({ root: options.pagesDir });
  const book = options.index ? buildNameBook(options.index) : undefined;
  const known = options.known ?? [];
  let plain: Browser | undefined;
  const workers: (SweepWorker | undefined)[] = [];
  try {
    plain = await launchPlain();
    for (let at = 0; at < workerCount; at += 1)
      workers.push(await startWorker(options.extensionDir, server.url));
  } catch (error) {
    await Promise.all(workers.map((worker) => worker?.browser.close()));
    await plain?.close();
    await server.close();
    throw error;
  }
  const plainBrowser = plain;

  const queue: { saved: SavedPage; resolve: (result: PageResult) => void }[] = [];
  const idle: number[] = workers.map((_, at) => at);

  const runOne = async (slot: number, saved: SavedPage): Promise<PageResult> => {
    const started = Date.now();
    let result: Omit<PageResult, "status">;
    const worker = workers[slot] as SweepWorker;
    try {
      const sweep = sweepOnePage(worker, plainBrowser, server, book, options, saved);
      result = await answerWithin(sweep, PAGE_TIMEOUT_MS, "sweeping the page");
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const check: CheckName = message.startsWith("timed out") ? "timeout" : "harness";
      result = emptyResult(saved.name, started, { check, what: message.split("\n")[0] ?? message });
      // A browser that could not be started again: the slot keeps the old one, and its next
      // page fails fast and tries again, so every queued page still gets a result.
      const restart = () => startWorker(options.extensionDir, server.url);
      workers[slot] = await cleanWorker(worker, restart).catch(() => worker);
    }
    const settled = settleStatus(saved.name, result.problems, known);
    return {
      ...result,
      status: settled.status,
      problems: settled.problems,
      notes: [...result.notes, ...settled.notes],
    };
  };

  const pump = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const slot = idle.shift() as number;
      const job = queue.shift() as (typeof queue)[number];
      void runOne(slot, job.saved).then((result) => {
        idle.push(slot);
        job.resolve(result);
        pump();
      });
    }
  };

  return {
    server,
    workers: workerCount,
    schedule(pages) {
      const promises = pages.map(
        (saved) => new Promise<PageResult>((resolve) => queue.push({ saved, resolve })),
      );
      pump();
      return promises;
    },
    async close() {
      await Promise.all(workers.map((worker) => worker?.browser.close().catch(() => undefined)));
      await plainBrowser.close().catch(() => undefined);
      await server.close();
    },
  };
}
