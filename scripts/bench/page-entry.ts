/**
 * The bench's in-page code, bundled by scripts/bench/bundle.ts into one script that the harness
 * evaluates in each page (main world). It imports the very modules the content script runs
 * (lib/matching's compileMatcher, lib/dom's createPagePass and observePage, mark.js) and times
 * three ways of doing the job on the same document:
 *
 * - floor: one TreeWalker pass that reads the text of every text node outside script-like
 *   elements, nothing else;
 * - search: the bare search for the names, marking nothing (`searchPass`);
 * - ours: the content script's page pass (collect, match, wrap), then undone untimed;
 * - naive: mark.js once per alias, the way most highlighter extensions do it, then unmarked.
 *
 * Every timed sample starts from a clean style and layout, so no method pays for the previous
 * one's DOM changes.
 */
import Mark from "mark.js";
import type { MatchIndex } from "../../lib/dataset/types";
import { collectText } from "../../lib/dom/collect";
import { markMatches, unmarkAll } from "../../lib/dom/highlighter";
import { createPagePass } from "../../lib/dom/page-pass";
import { observePage } from "../../lib/dom/observer";
import { compileMatcher, createMatchSession, type Matcher } from "../../lib/matching";
import { NODE_SEPARATOR, sieveOf } from "../../lib/matching/sieve";
import { sieveFor } from "../../lib/matching/sieve-build";

/** Elements a reader never sees the text of: the floor skips them with their subtree. */
const FLOOR_REJECTED_TAGS = new Set(["script", "style", "noscript", "template"]);

/**
 * A sample repeats its method until it has run this long in total (capped by maxRepeats), so
 * pages where one pass takes a few microseconds still give a figure above the timer's grain.
 */
const MIN_SAMPLE_MS = 4;

export interface Sample {
  /** Mean time of one pass, in milliseconds. */
  ms: number;
  /** How many passes the sample averaged. */
  repeats: number;
  /** Marks made (ours, naive), text nodes read (floor) or hits found (search) by one pass. */
  count: number;
}

/** How `searchPass` reads the page's text. */
export type SearchRead = "walk" | "text";

export type MethodName = "floor" | "ours" | "naive" | `ours:${string}` | `search:${SearchRead}`;

export interface LiveBatch {
  /** When the batch was handled, ms since the page's time origin. */
  at: number;
  ms: number;
  roots: number;
  marks: number;
  /** Paragraphs the page gained since the previous batch: the work the batch had to do. */
  newParagraphs: number;
}

/** Where one page pass spends its time, phase by phase (the same calls createPagePass makes). */
export interface Breakdown {
  collectMs: number;
  matchMs: number;
  wrapMs: number;
  undoMs: number;
  segments: number;
  matches: number;
}

interface BenchApi {
  breakdown(name: string): Breakdown;
  loadIndex(name: string, index: MatchIndex): number;
  aliasCount(): number;
  sample(method: MethodName, maxRepeats: number): Sample;
  pageStats(): { elements: number; textNodes: number; textChars: number };
  startLive(name: string): void;
  liveBatches(): LiveBatch[];
  stopLive(): void;
}

declare global {
  interface Window {
    __receiptsBench?: BenchApi;
  }
}

const matchers = new Map<string, Matcher>();
const naiveTerms: string[] = [];

function flushStyleAndLayout(): void {
  // Reading a layout property makes the browser finish pending style and layout work now,
  // outside the timed section.
  void document.body.offsetHeight;
}

/** Chromium runs with --expose-gc: collecting between samples keeps one method's garbage from
 * being paid by the next (and frees the live NodeIterators mark.js leaves behind). */
function collectGarbage(): void {
  (globalThis as unknown as { gc?: () => void }).gc?.();
}

/**
 * The floor: a SHOW_TEXT TreeWalker, skipping the text of script-like elements by its parent's
 * name. A TreeWalker with a filter callback that rejects those subtrees costs about ten times
 * as much (one call into JS per node) and would flatter every ratio.
 */
function floorPass(): number {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let nodes = 0;
  let characters = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (FLOOR_REJECTED_TAGS.has((node.parentNode as Element).localName)) continue;
    characters += (node as Text).data.length;
    nodes += 1;
  }
  // Returned so the engine cannot drop the reads.
  return characters > -1 ? nodes : 0;
}

/** The floor's walk, keeping each text it reads. */
function visibleTexts(): string[] {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (FLOOR_REJECTED_TAGS.has((node.parentNode as Element).localName)) continue;
    texts.push((node as Text).data);
  }
  return texts;
}

/**
 * The bare search for the dataset's names, marking nothing: read the page's text and run the
 * sieve's two patterns over it once (no folding, no words across text nodes,
 * no blocks, nothing wrapped). Two ways to read it, each the cheaper on some pages: the floor's
 * walk with its texts joined ("walk"), or `textContent` ("text"), one native call that makes
 * no node wrappers but also holds the text of scripts. The report takes the cheaper per page.
 * Ours reads and searches the text too, then locates, matches and wraps: what it costs above
 * this is the part the page pass can hope to cut.
 */
function searchPass(read: SearchRead): number {
  const sieve = sieveOf(matcherNamed("dataset"));
  if (!sieve) throw new Error("bench: the dataset's matcher has no sieve");
  const text =
    read === "walk" ? visibleTexts().join(NODE_SEPARATOR) : (document.body.textContent ?? "");
  let hits = 0;
  for (const pattern of [sieve.capitals, sieve.others]) {
    if (!pattern) continue;
    pattern.lastIndex = 0;
    for (let hit = pattern.exec(text); hit; hit = pattern.exec(text)) {
      pattern.lastIndex = hit.index + 1;
      hits += 1;
    }
  }
  return hits;
}

function matcherNamed(name: string): Matcher {
  const matcher = matchers.get(name);
  if (!matcher) throw new Error(`bench: no index loaded as ${name}`);
  return matcher;
}

/** One timed page pass; the undo that restores the page is not timed. */
function oursPass(matcher: Matcher): { ms: number; count: number } {
  const started = performance.now();
  const pass = createPagePass({ root: document.body, matcher, view: window });
  const marks = pass.run();
  const ms = performance.now() - started;
  collectGarbage();
  pass.undo();
  return { ms, count: marks.length };
}

function naivePass(): { ms: number; count: number } {
  let count = 0;
  const started = performance.now();
  const instance = new Mark(document.body);
  for (const term of naiveTerms) {
    instance.mark(term, {
      accuracy: "exactly",
      separateWordSearch: false,
      done: (marked: number) => {
        count += marked;
      },
    });
  }
  const ms = performance.now() - started;
  new Mark(document.body).unmark();
  return { ms, count };
}

function timeOnce(method: MethodName): { ms: number; count: number } {
  if (method === "floor") {
    const started = performance.now();
    const count = floorPass();
    return { ms: performance.now() - started, count };
  }
  if (method === "naive") return naivePass();
  if (method === "search:walk" || method === "search:text") {
    const started = performance.now();
    const count = searchPass(method === "search:walk" ? "walk" : "text");
    return { ms: performance.now() - started, count };
  }
  return oursPass(matcherNamed(method === "ours" ? "dataset" : method.slice("ours:".length)));
}

let live: { stop: () => void; batches: LiveBatch[] } | null = null;

const api: BenchApi = {
  loadIndex(name, index) {
    const started = performance.now();
    const matcher = compileMatcher(index);
    // Its trie too, which is built when first read: what a page that scans pays to compile.
    if (matcher.trie.aliases.length <= 1) throw new Error(`bench: index ${name} has no aliases`);
    const ms = performance.now() - started;
    // As the content script gets it from storage: built once per matcher, not timed as a pass.
    sieveFor(matcher);
    matchers.set(name, matcher);
    if (name === "dataset") {
      naiveTerms.length = 0;
      const terms = new Set(index.entities.flatMap((entity) => entity.aliases.map((a) => a.text)));
      naiveTerms.push(...terms);
    }
    return ms;
  },
  aliasCount: () => naiveTerms.length,
  breakdown(name) {
    const matcher = matcherNamed(name);
    collectGarbage();
    flushStyleAndLayout();
    const t0 = performance.now();
    const { nodes, segments } = collectText(document.body, { view: window });
    const t1 = performance.now();
    const matches = createMatchSession(matcher).scan(segments);
    const t2 = performance.now();
    markMatches(nodes, segments, matches);
    const t3 = performance.now();
    // Collected before timing the undo, not within it: see collectGarbage.
    collectGarbage();
    const undoStarted = performance.now();
    unmarkAll(document.body);
    const t4 = performance.now();
    return {
      collectMs: t1 - t0,
      matchMs: t2 - t1,
      wrapMs: t3 - t2,
      undoMs: t4 - undoStarted,
      segments: segments.length,
      matches: matches.length,
    };
  },
  sample(method, maxRepeats) {
    let total = 0;
    let repeats = 0;
    let count = 0;
    while (repeats < Math.max(1, maxRepeats) && (repeats === 0 || total < MIN_SAMPLE_MS)) {
      // Before every repeat, not once per sample: the collection also frees the JS wrappers of
      // the DOM nodes the previous repeat read, which a content script (its own world) never
      // has. Collected once per sample, the floor read wrappers its previous repeat had made
      // (three to six times faster) while ours, which collects after each pass, never did.
      collectGarbage();
      flushStyleAndLayout();
      const once = timeOnce(method);
      total += once.ms;
      count = once.count;
      repeats += 1;
    }
    return { ms: total / repeats, repeats, count };
  },
  pageStats() {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let textNodes = 0;
    let textChars = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      textNodes += 1;
      textChars += (node as Text).data.length;
    }
    return { elements: document.body.getElementsByTagName("*").length, textNodes, textChars };
  },
  /** Wires the page pass to the page observer exactly as the content script does, timing each batch. */
  startLive(name) {
    const matcher = matcherNamed(name);
    const pass = createPagePass({ root: document.body, matcher, view: window });
    const batches: LiveBatch[] = [];
    pass.run();
    const paragraphs = document.body.getElementsByTagName("p");
    let paragraphsBefore = paragraphs.length;
    const stop = observePage(document.body, (roots) => {
      const started = performance.now();
      const marks = pass.run(roots);
      const ms = performance.now() - started;
      const newParagraphs = paragraphs.length - paragraphsBefore;
      paragraphsBefore = paragraphs.length;
      batches.push({ at: started, ms, roots: roots.length, marks: marks.length, newParagraphs });
    });
    live = { stop, batches };
  },
  liveBatches: () => live?.batches ?? [],
  stopLive() {
    live?.stop();
    live = null;
  },
};

window.__receiptsBench = api;
