/**
 * Synthetic pages and indexes for the bench, generated from a fixed seed so every run measures
 * the same bytes: a huge article, a live page that keeps growing, and the dataset's index with
 * a hundred times as many names.
 */
import type { MatchIndex, MatchIndexEntity } from "../../lib/dataset/types";

/** A small, fast, seedable generator (mulberry32): the same seed gives the same page. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLER_WORDS = (
  "the a of to and in that for on with as by at from about after before under over city " +
  "council workers letter company companies contract agency report said told statement week " +
  "month year people leaders public policy federal local officials data software cloud service " +
  "employees protest question answer news morning evening during while however because"
).split(" ");

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function words(random: () => number, count: number): string {
  const out: string[] = [];
  for (let index = 0; index < count; index += 1) out.push(pick(random, FILLER_WORDS));
  return out.join(" ");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Full names and company names of the dataset, the mentions a real article would carry. */
export function mentionNames(index: MatchIndex): string[] {
  return index.entities.flatMap((entity) =>
    entity.aliases.filter((alias) => alias.how === "full").map((alias) => alias.text),
  );
}

/**
 * One paragraph of eleven text nodes (five inline elements), about 260 characters. One in
 * `mentionEvery` paragraphs names someone from the dataset.
 */
function paragraph(random: () => number, names: readonly string[], mention: boolean): string {
  const name = mention && names.length > 0 ? escapeHtml(pick(random, names)) : words(random, 2);
  return (
    `<p>${words(random, 8)} <a href="#n">${words(random, 3)}</a> ${words(random, 7)} ` +
    `<em>${words(random, 2)}</em> ${name} ${words(random, 6)} <b>${words(random, 2)}</b> ` +
    `${words(random, 7)} <i>${words(random, 2)}</i> ${words(random, 6)} ` +
    `<span>${words(random, 2)}</span> ${words(random, 5)}.</p>`
  );
}

export interface HugeArticleOptions {
  paragraphs: number;
  /** One paragraph in this many names someone. */
  mentionEvery: number;
  seed: number;
}

/** Paragraphs per section: a heading every so often, as long articles and live blogs have. */
const PARAGRAPHS_PER_SECTION = 50;

export const HUGE_ARTICLE: HugeArticleOptions = {
  // 20,000 paragraphs × 11 text nodes ≈ 220,000 text nodes and ≈ 5.2 MB of text.
  paragraphs: 20_000,
  mentionEvery: 40,
  seed: 20260127,
};

export function hugeArticleHtml(index: MatchIndex, options: HugeArticleOptions): string {
  const random = seededRandom(options.seed);
  const names = mentionNames(index);
  const parts: string[] = [
    "<!doctype html><html lang=en><head><meta charset=utf-8><title>Huge synthetic article</title>",
    "</head><body><article><h1>A very long synthetic article</h1>",
  ];
  for (let index_ = 0; index_ < options.paragraphs; index_ += 1) {
    if (index_ % PARAGRAPHS_PER_SECTION === 0) parts.push(`<h2>${words(random, 5)}</h2>`);
    parts.push(paragraph(random, names, index_ % options.mentionEvery === 0));
    parts.push("\n");
  }
  parts.push("</article></body></html>");
  return parts.join("");
}

export interface LivePageOptions {
  initialParagraphs: number;
  batches: number;
  paragraphsPerBatch: number;
  intervalMs: number;
  mentionEvery: number;
  seed: number;
}

/** The live page: 100 paragraphs every 100 ms for 10 s. */
export const LIVE_PAGE: LivePageOptions = {
  initialParagraphs: 50,
  batches: 100,
  paragraphsPerBatch: 100,
  intervalMs: 100,
  mentionEvery: 10,
  seed: 20260124,
};

/**
 * A short article whose own script, once `window.__startAppending()` is called, appends
 * `paragraphsPerBatch` paragraphs every `intervalMs`, `batches` times, then sets
 * `window.__appendingDone`. The paragraphs are generated up front, so appending costs the page
 * only the DOM insertion.
 */
export function livePageHtml(index: MatchIndex, options: LivePageOptions): string {
  const random = seededRandom(options.seed);
  const names = mentionNames(index);
  const initial: string[] = [];
  for (let index_ = 0; index_ < options.initialParagraphs; index_ += 1) {
    initial.push(paragraph(random, names, index_ % options.mentionEvery === 0));
  }
  const batches: string[] = [];
  let counter = 0;
  for (let batch = 0; batch < options.batches; batch += 1) {
    const html: string[] = [];
    for (let index_ = 0; index_ < options.paragraphsPerBatch; index_ += 1) {
      html.push(paragraph(random, names, counter % options.mentionEvery === 0));
      counter += 1;
    }
    batches.push(html.join(""));
  }
  const script = `
const batches = ${JSON.stringify(batches).replace(/</g, "\\u003c")};
window.__appendingDone = false;
window.__startAppending = () => {
  const article = document.querySelector("article");
  const parser = document.createElement("template");
  let next = 0;
  const timer = setInterval(() => {
    parser.innerHTML = batches[next];
    article.append(...parser.content.childNodes);
    next += 1;
    if (next === batches.length) { clearInterval(timer); window.__appendingDone = true; }
  }, ${options.intervalMs});
};`;
  return (
    "<!doctype html><html lang=en><head><meta charset=utf-8><title>Live synthetic page</title>" +
    `</head><body><article><h1>Live updates</h1>${initial.join("")}</article>` +
    `<script>${script}</script></body></html>`
  );
}

const SYLLABLES = (
  "ka lo mi ra te su vo na pe li zu ba de fi go ha jo ku ma ne or pi qua ri sa ti ul ve wa xi " +
  "yo ze an bel cor dun el fen gar hol ist jun kel lor mun nor ost pal quin rus sel tor urb vin"
).split(" ");

function syntheticName(random: () => number, syllables: number): string {
  let name = "";
  for (let index = 0; index < syllables; index += 1) name += pick(random, SYLLABLES);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The dataset's index with synthetic people added until it holds `factor` times as many
 * entities, each with a full name and a surname alias like the real people.
 */
export function scaledIndex(index: MatchIndex, factor: number, seed = 100): MatchIndex {
  const random = seededRandom(seed);
  const target = index.entities.length * factor;
  const taken = new Set(index.entities.map((entity) => entity.name));
  const entities: MatchIndexEntity[] = [...index.entities];
  while (entities.length < target) {
    const given = syntheticName(random, 2);
    const surname = syntheticName(random, 3);
    const name = `${given} ${surname}`;
    if (taken.has(name)) continue;
    taken.add(name);
    entities.push({
      id: `synthetic-${entities.length}`,
      name,
      markMode: "every",
      aliases: [
        { text: name, how: "full", case: "as-written" },
        { text: surname, how: "surname", case: "as-written" },
      ],
    });
  }
  return { version: 1, entities };
}
