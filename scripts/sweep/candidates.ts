/**
 * Candidates for the quality labels: every place on a page where a dataset alias occurs in any
 * letter case, as whole words, and what the matcher marked there. Pure over text: the page's
 * collected text (the same collect + matcher as the content script, via linkedom) comes in.
 *
 * A place is keyed by (page, text, occurrence): the text as written (whitespace runs shown as one
 * space, invisible characters dropped) and its number among the candidates of the same text on the
 * page, counting from 1. Unlike an offset, the key survives small changes to what collect skips
 * elsewhere on the page, and a person can find it with the page's own search box.
 *
 *   npx tsx scripts/sweep/candidates.ts [--all] PAGE...   prints candidate rows to label
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseHTML } from "linkedom";
import { PROJECT_ROOT } from "../paths";
import type { MatchIndex } from "../../lib/dataset/types";
import { collectText } from "../../lib/dom/collect";
import {
  compileMatcher,
  createMatchSession,
  type Match,
  type Matcher,
  type TextSegment,
} from "../../lib/matching";

/** Characters of context on each side: enough to judge a mention in a terminal line. */
const CONTEXT_CHARS = 70;
/** Soft hyphen, zero-width space/joiners, word joiner, BOM: the matcher skips them in names. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

export interface Candidate {
  /** Text as written, whitespace collapsed and invisible characters dropped. */
  text: string;
  /** 1-based number among the candidates with the same text on this page. */
  occurrence: number;
  start: number;
  end: number;
  /** What the matcher marked over this place, if anything. */
  mark: Match | undefined;
  context: string;
}

export function keyText(written: string): string {
  return written.replace(INVISIBLE, "").replace(/\s+/g, " ");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One case-insensitive pattern for every alias, longest first so the longest wins at a place. */
export function candidatePattern(index: MatchIndex): RegExp {
  const aliases = [
    ...new Set(index.entities.flatMap((entity) => entity.aliases.map((alias) => alias.text))),
  ].sort((left, right) => right.length - left.length);
  const between = "[\\s\\u00ad\\u200b-\\u200d\\u2060\\ufeff]*";
  const alternatives = aliases.map((alias) =>
    alias
      .split(/\s+/)
      .map((word) => [...word].map(escapeRegExp).join(`[\\u00ad\\u200b-\\u200d\\u2060\\ufeff]*`))
      .join(`${between}\\s${between}`),
  );
  // A letter of a script written without spaces ends a word, as in the matcher (lib/matching/text.ts).
  const unspaced =
    "\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}";
  const wordChar = `(?![${unspaced}])[\\p{L}\\p{N}_]`;
  return new RegExp(`(?<!${wordChar})(?:${alternatives.join("|")})(?!${wordChar})`, "giu");
}

function blockRanges(segments: readonly TextSegment[]): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let offset = 0;
  let previousBlock: number | undefined;
  for (const segment of segments) {
    const last = ranges.at(-1);
    if (last && segment.block === previousBlock) last.end += segment.text.length;
    else ranges.push({ start: offset, end: offset + segment.text.length });
    previousBlock = segment.block;
    offset += segment.text.length;
  }
  return ranges;
}

/**
 * Every mention-shaped place in the text, with the mark over it. Marks the pattern cannot see (a
 * name split by characters it does not know) become candidates too, so no mark goes unlabelled.
 */
export function findCandidates(
  segments: readonly TextSegment[],
  matches: readonly Match[],
  pattern: RegExp,
): Candidate[] {
  const text = segments.map((segment) => segment.text).join("");
  const places: { start: number; end: number }[] = [];
  // Blocks are read apart, as the matcher reads them: no name spans two blocks.
  for (const block of blockRanges(segments)) {
    for (const found of text.slice(block.start, block.end).matchAll(pattern)) {
      const start = block.start + found.index;
      places.push({ start, end: start + found[0].length });
    }
  }
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
    a.start < b.end && b.start < a.end;
  for (const match of matches) {
    if (!places.some((place) => overlaps(place, match))) places.push(match);
  }
  places.sort((left, right) => left.start - right.start);
  const seen = new Map<string, number>();
  return places.map((place) => {
    const written = keyText(text.slice(place.start, place.end));
    const occurrence = (seen.get(written) ?? 0) + 1;
    seen.set(written, occurrence);
    const context = text
      .slice(Math.max(0, place.start - CONTEXT_CHARS), place.end + CONTEXT_CHARS)
      .replace(/\s+/g, " ");
    return {
      text: written,
      occurrence,
      start: place.start,
      end: place.end,
      mark: matches.find((match) => overlaps(place, match)),
      context,
    };
  });
}

/**
 * Every mention the matcher finds, with mark mode "every" for all entities: quality is about what
 * it recognises, not about the reader's choice to see only the first mention of a name.
 */
export function matchEveryMention(matcher: Matcher, segments: readonly TextSegment[]): Match[] {
  return createMatchSession(matcher, { markMode: () => "every" }).scan(segments);
}

export interface LabelledText {
  page: string;
  text: string;
  segments: TextSegment[];
}

/** A saved page as the content script sees it. `page` is "group/name" under the pages folder. */
export function savedPageText(pagesDir: string, page: string): LabelledText {
  const html = readFileSync(join(pagesDir, page, "source.html"), "utf8");
  const { document } = parseHTML(html);
  const { segments } = collectText(document as unknown as Document);
  return { page, text: segments.map((segment) => segment.text).join(""), segments };
}

/** A demo article as the tests read it: one block per line. `page` is "articles/<stem>". */
export function articleText(dataDir: string, stem: string): LabelledText {
  const text = readFileSync(join(dataDir, "articles", `${stem}.txt`), "utf8");
  const segments = text.split("\n").map((line, block) => ({ text: `${line}\n`, block }));
  return {
    page: `articles/${stem}`,
    text: segments.map((segment) => segment.text).join(""),
    segments,
  };
}

export interface PageCandidates {
  page: string;
  candidates: Candidate[];
  matches: Match[];
}

export function pageCandidates(
  source: LabelledText,
  matcher: Matcher,
  pattern: RegExp,
): PageCandidates {
  const matches = matchEveryMention(matcher, source.segments);
  return {
    page: source.page,
    matches,
    candidates: findCandidates(source.segments, matches, pattern),
  };
}

/**
 * Reads each page ("group/name" under ../shared/corpus/pages, or "articles/<stem>") and lists its
 * candidates with the shipped match index.
 */
export function readPageCandidates(
  pages: readonly string[],
  root = PROJECT_ROOT,
): PageCandidates[] {
  const index = JSON.parse(readFileSync(join(root, "data/match-index.json"), "utf8")) as MatchIndex;
  const matcher = compileMatcher(index);
  const pattern = candidatePattern(index);
  const pagesDir = resolve(root, "../shared/corpus/pages");
  return pages.map((page) =>
    pageCandidates(
      page.startsWith("articles/")
        ? articleText(join(root, "data"), page.slice("articles/".length))
        : savedPageText(pagesDir, page),
      matcher,
      pattern,
    ),
  );
}

function main(argv: readonly string[]): void {
  const all = argv.includes("--all");
  const pages = argv.filter((argument) => !argument.startsWith("--"));
  for (const { page, candidates } of readPageCandidates(pages)) {
    for (const candidate of candidates) {
      if (!all && !candidate.mark) continue;
      const mark = candidate.mark ? `${candidate.mark.entity}:${candidate.mark.how}` : "-";
      console.log(
        [page, candidate.text, candidate.occurrence, mark, JSON.stringify(candidate.context)].join(
          "\t",
        ),
      );
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main(process.argv.slice(2));
}
