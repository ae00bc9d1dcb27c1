/**
 * The sieve: a cheap first look at a page's raw text that finds every place where some alias
 * could match, so the matcher only reads the blocks around those places. Most pages name no one
 * in the dataset; on them the page pass costs one native read of the text and two native regular
 * expressions (see `Sieve`), a few times what reading the page's text once costs.
 *
 * It is a superset by construction: every alias has one token (one of its runs of letters and
 * digits, see `chosenRun` in sieve-build.ts), and a case-fitting occurrence of the alias contains
 * that token, written as in the alias or in capitals (the only two forms `caseFits` in the matcher
 * accepts), or in any case for an alias whose case rule is "any". The page's text is read folded
 * the way the matcher folds it (accents dropped, invisible characters dropped), so "Zuckerberg"
 * with a soft hyphen and "Renée" still hit; text nodes are read apart, and a word that may cross
 * them ("Zuck<b>erberg</b>") is read again glued (`crossingWords`). A hit costs only a closer look;
 * a miss would lose a mark, so the fold is tested on every code unit and the whole against random
 * pages (tests/unit/matching/sieve.test.ts, tests/dom/fuzz).
 *
 * Pure: no DOM, no browser.
 */
import type { Matcher } from "./index";
import { LATIN_COMBINING_MARKS, byStart } from "./text";

/**
 * What the fold deletes: characters invisible inside words for the matcher (text.ts IGNORABLE),
 * soft hyphen, zero widths, combining marks. Text read whole is folded only in windows around
 * them, since deleting them moves positions.
 */
const DELETED_BY_FOLD = `\\u00ad\\u200b-\\u200d\\u2060\\ufeff${LATIN_COMBINING_MARKS}`;
// One object for both uses: `replace` leaves its lastIndex at 0, and foldWindows sets it first.
const IGNORABLE_CHARS = new RegExp(`[${DELETED_BY_FOLD}]`, "g");
/**
 * The letters the fold turns into a single letter ("é" into "e", the Kelvin sign into "K"; a
 * unit test holds it for each): text read whole is folded in place there, so every position
 * stays where it was.
 */
const FOLDED_IN_PLACE = "\\u00c0-\\u024f\\u1e00-\\u1eff\\u212a\\u212b";
const FOLDS_IN_PLACE = new RegExp(`[${FOLDED_IN_PLACE}]`, "g");
const foldedInPlace = new Map<string, string>();
/**
 * Text that the fold can change: either of those. Text without any (most English text) is
 * searched as it is. No Unicode property escapes: they cost several times more per character.
 */
const CHANGED_BY_FOLD = `[${DELETED_BY_FOLD}${FOLDED_IN_PLACE}]`;
const NEEDS_FOLD = new RegExp(CHANGED_BY_FOLD);
/** The same characters, found one at a time: which texts of many need folding. */
const EACH_NEEDING_FOLD = new RegExp(CHANGED_BY_FOLD, "g");

/** The text as the sieve searches it: accents and invisible characters gone, case kept. */
export function foldForSieve(text: string): string {
  return NEEDS_FOLD.test(text) ? text.normalize("NFD").replace(IGNORABLE_CHARS, "") : text;
}

/** The text with each letter that folds into one letter folded, and nothing else: same length. */
export function foldInPlace(text: string): string {
  return text.replace(FOLDS_IN_PLACE, (letter) => {
    let folded = foldedInPlace.get(letter);
    if (folded === undefined) foldedInPlace.set(letter, (folded = foldForSieve(letter)));
    return folded;
  });
}

/** Between two text nodes in the searched text, so a word never seems to run on into the next. */
export const NODE_SEPARATOR = "\u0000";
/**
 * Where the token starts (or ends) the alias, the matcher needs a word boundary there: no ASCII
 * letter, digit or underscore next to it within the same text node. A node boundary passes (the
 * text before may be another block), and so does a non-ASCII letter (a superset is enough).
 *
 * Checked after the token's first character, not before it: a pattern whose alternatives all
 * begin with an assertion cannot be skipped ahead by its first characters, which made the sieve
 * ten times slower with 5,000 names.
 */
export const NO_WORD_BEFORE_FIRST = "(?<![A-Za-z0-9_].)";
export const NO_WORD_AFTER = "(?![A-Za-z0-9_])";

/**
 * After a name, the start of a web address ("amazon.com", "google.co.jp"): a dot, then lower case.
 */
export const WEB_ADDRESS_AFTER = "(?=\\x00*\\.\\x00*[^\\sA-Z\\x00])";
/**
 * The sieve of one matcher: two patterns, because most text is lower case. Tokens that start
 * with a capital are skipped past at about a nanosecond a character; the few forms that may
 * start lower case (names in any case, "elon musk" in a tag, "amazon.com") cost several times
 * more a character, and in one pattern with the others they slowed every position.
 */
export interface Sieve {
  readonly capitals: RegExp;
  /**
   * The forms that may start lower case. Those that start their alias need a word boundary
   * before them; here they take the character before them too (any but a letter, digit or
   * underscore: search the text after a separator, see `addOthersHits`). The engine then tries
   * the names only after the few characters that end a word, not at every lower-case letter,
   * which is most of a page: several times faster a character than the assertion.
   */
  readonly others: RegExp | null;
  /** The capital and the other tokens, each as one pattern, for `loosePatterns`. */
  readonly tokenSources: readonly string[];
  /** The entities whose tokens it looks for, by token (letters only, lower case). */
  readonly entitiesByToken: ReadonlyMap<string, ReadonlySet<number>>;
  /** Entities per hit, by the hit's letters: a page repeats the same few names. */
  readonly entitiesByHit: Map<string, readonly number[]>;
  /** Both patterns without word boundaries, for words read across texts; built when needed. */
  loose?: readonly RegExp[];
  /** How far past each hit (by its letters) a match may reach: see `reachPast`. */
  readonly reachByHit: Map<string, number>;
}

/** Each matcher's sieve, built (sieve-build.ts) or adopted; null: it has none, read every block. */
const compiled = new WeakMap<Matcher, Sieve | null>();

/**
 * The sieve built for the matcher (`sieveFor` in sieve-build.ts) or adopted by it (`adoptSieve`);
 * null when it has none (every block is read); undefined when neither happened yet.
 */
export function sieveOf(matcher: Matcher): Sieve | null | undefined {
  return compiled.get(matcher);
}

/** Makes `sieve` the matcher's: for sieve-build.ts, which builds it. */
export function setSieve(matcher: Matcher, sieve: Sieve | null): void {
  compiled.set(matcher, sieve);
}

const NOT_LETTERS = /[^A-Za-z0-9]/g;

/**
 * A sieve as plain data (JSON), to keep from one page to the next: building one costs a cold
 * engine 10 to 25 ms on every page, making one from this about a millisecond. Decision 0009.
 */
export interface SieveSpec {
  capitals: string;
  others: string | null;
  tokenSources: string[];
  entitiesByToken: [string, number[]][];
}

/**
 * Its fields in alphabetical order, the order Chromium's `storage.local` gives them back in
 * (Firefox keeps the order they were stored in): the build's key is the hash of this JSON, and a
 * page hashes the spec as the store returns it (lib/settings/sieve-store.ts).
 */
export function specOfSieve(sieve: Sieve): SieveSpec {
  return {
    capitals: sieve.capitals.source,
    entitiesByToken: [...sieve.entitiesByToken].map(([token, entities]) => [token, [...entities]]),
    others: sieve.others?.source ?? null,
    tokenSources: [...sieve.tokenSources],
  };
}

/**
 * Makes `spec` the matcher's sieve, which the caller vouches is the one this build makes
 * (lib/settings/sieve-store.ts adopts only a spec that hashes to the build's key, so its format
 * is this code's). False, and nothing adopted, when its patterns do not compile.
 */
export function adoptSieve(matcher: Matcher, spec: SieveSpec): boolean {
  try {
    compiled.set(matcher, {
      capitals: new RegExp(spec.capitals, "g"),
      others: spec.others === null ? null : new RegExp(spec.others, "g"),
      tokenSources: spec.tokenSources,
      entitiesByToken: new Map(
        spec.entitiesByToken.map(([token, entities]) => [token, new Set(entities)]),
      ),
      entitiesByHit: new Map(),
      reachByHit: new Map(),
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * The entities (matcher indices) a hit may belong to. A pattern reports, at a position, the
 * first token that fits there; any other token fitting at the same position reads the same
 * letters, so its letters and the hit's are one a prefix of the other. Those entities, and no
 * others, can have a name starting where the hit starts.
 */
function entitiesOfHit(sieve: Sieve, hit: string): readonly number[] {
  const key = hit.replace(NOT_LETTERS, "").toLowerCase();
  const known = sieve.entitiesByHit.get(key);
  if (known) return known;
  const entities = new Set<number>();
  for (const [token, holders] of sieve.entitiesByToken) {
    if (token.startsWith(key) || key.startsWith(token))
      for (const entity of holders) entities.add(entity);
  }
  const result = [...entities];
  sieve.entitiesByHit.set(key, result);
  return result;
}

/** One hit: the first and last text it touches, and whose names it may be part of. */
export interface SieveHit {
  first: number;
  last: number;
  entities: readonly number[];
}

/**
 * The patterns without their word boundaries and without the web address after "amazon": for
 * words that cross text nodes, read glued. Gluing may join words that were apart ("Pala" +
 * "ntir" + "s" in another block reads "Palantirs"), and the address may lie past the word; so
 * the glued word hits wherever some reading of it could.
 */
function loosePatterns(sieve: Sieve): readonly RegExp[] {
  sieve.loose ??= sieve.tokenSources.map(
    (source) =>
      new RegExp(
        [NO_WORD_BEFORE_FIRST, NO_WORD_AFTER, WEB_ADDRESS_AFTER].reduce(
          (stripped, assertion) => stripped.split(assertion).join(""),
          source,
        ),
        "g",
      ),
  );
  return sieve.loose;
}

/** A place in one text where a name could lie: [start, end) in the text as folded. */
export interface TextHit {
  start: number;
  end: number;
}

const FULL_STOP = 0x2e;

/**
 * How many characters past a hit a match starting where it starts may reach: the patterns read
 * whole find, at a position, the first token that fits there, and with the word boundaries the
 * patterns read apart may find a longer one whose letters begin with the hit's. Twice the extra
 * letters, for the spaces of a name in lower case; zero for almost every hit.
 */
function reachPast(sieve: Sieve, hit: string): number {
  const key = hit.replace(NOT_LETTERS, "").toLowerCase();
  let reach = sieve.reachByHit.get(key);
  if (reach === undefined) {
    reach = 0;
    for (const token of sieve.entitiesByToken.keys()) {
      if (token.startsWith(key)) reach = Math.max(reach, 2 * (token.length - key.length));
    }
    sieve.reachByHit.set(key, reach);
  }
  return reach;
}

/**
 * How far text is searched folded on each side of a character the fold deletes, in characters,
 * a run of whitespace counting as one (see `backOver`): more than any token holds, so a token
 * that holds such a character lies wholly in the text searched folded.
 */
export const FOLD_WINDOW_CHARS = 64;

/**
 * The tail of a text searched again with what follows it (the sieve's slices, a cut stretch),
 * counted the same way: more than any token holds. Counted in plain characters, a run of
 * whitespace would fill it: the words of a name in lower case may lie any whitespace apart
 * ("elon", 300 spaces, "musk").
 * Exported though used only here: the build inlines exported constants, not private ones.
 */
export const TAIL_CHARS = 64;

/**
 * Where the tail of some texts ends up starting, going back from their end: the index of the
 * text it starts in, and where in that text (0 and 0 when the texts hold less than a tail).
 */
export function tailStart(texts: readonly string[]): { text: number; at: number } {
  let counter = { at: 0, needed: TAIL_CHARS, inSpace: false };
  for (let index = texts.length - 1; index >= 0; index--) {
    const text = texts[index] as string;
    counter = backOver(text, text.length, counter.needed, counter.inSpace);
    if (counter.needed === 0) return { text: index, at: counter.at };
  }
  return { text: 0, at: 0 };
}

const WHITESPACE = /\s/;

/** Whether the character at `at` is whitespace as the patterns' `\s` reads it. */
function isSpaceAt(text: string, at: number): boolean {
  return WHITESPACE.test(text.charAt(at));
}

/**
 * Going back from `end` in `text` over `needed` characters, a run of whitespace counting as one
 * (whitespace may lie between a name's words, any amount of it): where the last of them is, or
 * `limit` and how many are still needed when that comes first. `inSpace`: whether the text after
 * `end` ended in whitespace, for a run that goes on.
 */
function backOver(
  text: string,
  end: number,
  needed: number,
  inSpace = false,
  limit = 0,
): { at: number; needed: number; inSpace: boolean } {
  for (let at = end - 1; at >= limit; at--) {
    const space = isSpaceAt(text, at);
    if (space && inSpace) continue;
    inSpace = space;
    if (--needed === 0) return { at, needed, inSpace };
  }
  return { at: limit, needed, inSpace };
}

/**
 * Every place in one text where some alias could match, for text read whole (an element's
 * `textContent`: its text nodes glued with nothing between them), as [start, end) in the text.
 *
 * The patterns are used without their word boundaries and without the web address after
 * "amazon" (`loosePatterns`): glued text cannot show where a node ends, and a node boundary may
 * be a word boundary. A hit reaches as far as a match the patterns with boundaries find at the
 * same place could (`reachPast`), and for the forms that may be a web address, past a "." and the
 * character after it, so it covers what they find there when they read those text nodes apart.
 *
 * The text is searched with its accented letters folded in place (`foldInPlace`), and folded
 * whole only in windows around the characters the fold deletes (few pages have any): a hit there
 * covers its whole window, since folding moves positions. Overlapping hits are merged.
 */
export function hitsInText(text: string, sieve: Sieve): TextHit[] {
  const found: TextHit[] = [];
  // Most text has nothing to fold: one test, then searched as it is.
  const mayFold = NEEDS_FOLD.test(text);
  const folded = mayFold ? foldInPlace(text) : text;
  for (const { at, hit, address } of looseHits(sieve, folded)) {
    let end = Math.min(text.length, at + hit.length + reachPast(sieve, hit));
    if (address && folded.charCodeAt(end) === FULL_STOP) end = Math.min(text.length, end + 2);
    found.push({ start: at, end });
  }
  for (const { start, end } of mayFold ? foldWindows(text) : []) {
    if (looseHits(sieve, foldForSieve(text.slice(start, end))).length > 0)
      found.push({ start, end });
  }
  found.sort(byStart);
  const hits: TextHit[] = [];
  for (const hit of found) {
    const last = hits[hits.length - 1];
    if (last && hit.start < last.end) last.end = Math.max(last.end, hit.end);
    else hits.push(hit);
  }
  return hits;
}

/**
 * The stretches of text around the characters the fold deletes, merged where they overlap:
 * `FOLD_WINDOW_CHARS` characters on each side of each one, counted as `backOver` counts. One
 * pass: a window's look back stops where the window before it ends, and its count forward starts
 * again from each such character it meets, so no character is counted twice.
 */
function foldWindows(text: string): TextHit[] {
  const windows: TextHit[] = [];
  IGNORABLE_CHARS.lastIndex = 0;
  let found = IGNORABLE_CHARS.exec(text);
  while (found) {
    const previous = windows[windows.length - 1];
    const start = backOver(text, found.index, FOLD_WINDOW_CHARS, false, previous?.end ?? 0).at;
    let next = IGNORABLE_CHARS.exec(text);
    let end = found.index + 1;
    let needed = FOLD_WINDOW_CHARS;
    let inSpace = false;
    for (; end < text.length && needed > 0; end++) {
      if (end === next?.index) {
        // Its own reach starts here, and covers what is left of this one's.
        needed = FOLD_WINDOW_CHARS + 1;
        inSpace = false;
        next = IGNORABLE_CHARS.exec(text);
      }
      const space = isSpaceAt(text, end);
      if (space && inSpace) continue;
      inSpace = space;
      needed -= 1;
    }
    if (previous && start <= previous.end) previous.end = end;
    else windows.push({ start, end });
    found = next;
  }
  return windows;
}

/**
 * One hit of a pattern: where it starts, what it matched, and whether it came from the forms that
 * may start lower case, which hold the web addresses ("[aA]mazon" + ".com").
 *
 * The searches return their hits rather than call back with each: a callback made per call, like
 * any closure, loses its optimized code at each garbage collection (engine/keep-latest.ts).
 */
interface PatternHit {
  at: number;
  hit: string;
  address: boolean;
}

/**
 * Hits of one pattern in `text`, trying every position (a hit never hides an overlapping one),
 * added to `into`.
 */
function addHits(pattern: RegExp, text: string, address: boolean, into: PatternHit[]): void {
  pattern.lastIndex = 0;
  for (let found = pattern.exec(text); found; found = pattern.exec(text)) {
    pattern.lastIndex = found.index + 1;
    into.push({ at: found.index, hit: found[0], address });
  }
}

/**
 * Hits of `Sieve.others` in `text`, each from its token's first letter, added to `into`: the
 * pattern takes the character before a form that starts its alias, so the text is searched
 * after a separator (the start of the text is a word's start).
 */
function addOthersHits(others: RegExp, text: string, into: PatternHit[]): void {
  const first = into.length;
  addHits(others, NODE_SEPARATOR + text, true, into);
  for (let index = first; index < into.length; index++) {
    const found = into[index] as PatternHit;
    if (isTokenCode(found.hit.charCodeAt(0))) found.at -= 1;
    else found.hit = found.hit.slice(1);
  }
}

/** Hits of both loose patterns (`loosePatterns`) in `text`, the capitals' first. */
function looseHits(sieve: Sieve, text: string): PatternHit[] {
  const [capitals, others] = loosePatterns(sieve);
  const hits: PatternHit[] = [];
  if (capitals) addHits(capitals, text, false, hits);
  if (others) addHits(others, text, true, hits);
  return hits;
}

/** A word that crosses text nodes: its letters and digits glued, and the texts it lies in. */
interface CrossingWord {
  word: string;
  /** The (non-empty) texts it lies in, and where each one's part of it starts. */
  texts: number[];
  starts: number[];
}

/** An ASCII letter or digit: what tokens are made of. */
export function isTokenCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39)
  );
}

/**
 * Words that text node boundaries cut ("Goo" + "gle", "Zuck" + "er" + "" + "berg"): where one
 * text ends with a letter or digit and the next non-empty one starts with one. The patterns read
 * the texts apart, with a separator between each, so these are read again glued. Minified pages
 * cut many ("Home</a><a>News"): each costs only its word.
 */
function crossingWords(texts: readonly string[]): CrossingWord[] {
  const words: CrossingWord[] = [];
  let open: CrossingWord | null = null; // still growing: every text since its first is all word
  let previous = -1; // the last non-empty text
  for (let index = 0; index < texts.length; index++) {
    const text = texts[index] as string;
    if (text.length === 0) continue;
    const before = previous >= 0 ? (texts[previous] as string) : "";
    const joins =
      before.length > 0 &&
      isTokenCode(before.charCodeAt(before.length - 1)) &&
      isTokenCode(text.charCodeAt(0));
    if (!joins) {
      if (open) words.push(open);
      open = null;
    } else {
      if (!open) {
        let start = before.length - 1;
        while (start > 0 && isTokenCode(before.charCodeAt(start - 1))) start--;
        open = { word: before.slice(start), texts: [previous], starts: [0] };
      }
      let end = 1;
      while (end < text.length && isTokenCode(text.charCodeAt(end))) end++;
      open.texts.push(index);
      open.starts.push(open.word.length);
      open.word += text.slice(0, end);
      if (end < text.length) {
        words.push(open);
        open = null;
      }
    }
    previous = index;
  }
  if (open) words.push(open);
  return words;
}

/** The last of some pieces, by their starts in order, that starts at or before `position`. */
function lastStartingBy(position: number, starts: readonly number[]): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= position) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Where each text starts in the texts joined with a separator between each two. */
function startsInJoined(texts: readonly string[]): number[] {
  const starts = new Array<number>(texts.length);
  let offset = 0;
  for (let text = 0; text < texts.length; text++) {
    starts[text] = offset;
    offset += (texts[text] as string).length + NODE_SEPARATOR.length;
  }
  return starts;
}

/** In document order: by place in the joined text, then by first text. */
function byPlace(left: SieveHit & { at: number }, right: SieveHit & { at: number }): number {
  return left.at - right.at || left.first - right.first;
}

/**
 * Every hit in the texts (consecutive text nodes, in document order), in document order. A token
 * split over several texts ("Goo<b>gle</b>") touches each of them. With `fromText`, hits lying
 * wholly in the texts before that index are left out: those were searched already.
 */
export function sieveHits(texts: readonly string[], sieve: Sieve, fromText = 0): SieveHit[] {
  const { folded, joined } = foldAndJoin(texts);
  const inJoined: PatternHit[] = [];
  addHits(sieve.capitals, joined, false, inJoined);
  if (sieve.others) addOthersHits(sieve.others, joined, inJoined);
  const crossing: CrossingWord[] = [];
  for (const word of crossingWords(folded)) {
    if ((word.texts[word.texts.length - 1] as number) >= fromText) crossing.push(word);
  }
  const found: (SieveHit & { at: number })[] = [];
  // Most texts have no hit: where each text starts is only worked out for those that do.
  if (inJoined.length === 0 && crossing.length === 0) return found;
  const starts = startsInJoined(folded);
  for (const { at, hit } of inJoined) {
    const last = lastStartingBy(at + hit.length - 1, starts);
    if (last >= fromText) {
      found.push({
        at,
        first: lastStartingBy(at, starts),
        last,
        entities: entitiesOfHit(sieve, hit),
      });
    }
  }
  if (crossing.length > 0) {
    // All of them in one string, each after a NUL, so each pattern runs once.
    const wordStarts: number[] = [];
    let glued = "";
    for (const { word } of crossing) {
      glued += NODE_SEPARATOR;
      wordStarts.push(glued.length);
      glued += word;
    }
    for (const { at, hit } of looseHits(sieve, glued)) {
      const wordIndex = lastStartingBy(at, wordStarts);
      const { texts: parts, starts: partStarts } = crossing[wordIndex] as CrossingWord;
      const inWord = at - (wordStarts[wordIndex] as number);
      // The texts the hit lies in (and any empty ones between them), not the whole word's.
      const first = parts[lastStartingBy(inWord, partStarts)] as number;
      const last = parts[lastStartingBy(inWord + hit.length - 1, partStarts)] as number;
      if (last >= fromText) {
        found.push({
          at: starts[first] as number,
          first,
          last,
          entities: entitiesOfHit(sieve, hit),
        });
      }
    }
  }
  return found.sort(byPlace);
}

/**
 * The texts folded (`foldForSieve`), and joined with a separator between each two. Only the
 * texts that hold a character the fold may change are folded, found by one search of the texts
 * joined: a page has a few accented letters in a thousand texts, and a test of each text cost it
 * more than both patterns (usmagazine.com: 67 µs of the search's 126, for one "é").
 */
function foldAndJoin(texts: readonly string[]): { folded: readonly string[]; joined: string } {
  const plain = texts.join(NODE_SEPARATOR);
  EACH_NEEDING_FOLD.lastIndex = 0;
  let found = EACH_NEEDING_FOLD.exec(plain);
  if (!found) return { folded: texts, joined: plain };
  const folded = texts.slice();
  let joined = "";
  let copied = 0; // `plain` up to here is in `joined`
  let index = 0;
  let start = 0; // where the text at `index` starts in `plain`
  while (found) {
    // The separator is not a character the fold changes: the one found lies inside a text.
    while (found.index >= start + (texts[index] as string).length) {
      start += (texts[index] as string).length + NODE_SEPARATOR.length;
      index += 1;
    }
    const text = foldForSieve(texts[index] as string);
    folded[index] = text;
    joined += plain.slice(copied, start) + text;
    copied = start + (texts[index] as string).length;
    EACH_NEEDING_FOLD.lastIndex = copied;
    found = EACH_NEEDING_FOLD.exec(plain);
  }
  return { folded, joined: joined + plain.slice(copied) };
}

/** Indices of the texts that hold part of a hit, in order (see `sieveHits`). */
export function textsWithHits(texts: readonly string[], sieve: Sieve, fromText = 0): number[] {
  const indices = new Set<number>();
  for (const { first, last } of sieveHits(texts, sieve, fromText)) {
    for (let index = first; index <= last; index++) indices.add(index);
  }
  return [...indices].sort((left, right) => left - right);
}
