/**
 * Character classes and folding for the matcher, by UTF-16 code unit, computed lazily and cached
 * in typed arrays so the page pass allocates nothing per character.
 *
 * Pure: no DOM, no browser.
 */

/** Letters and digits of scripts written with spaces: they continue a word. */
export const WORD = 1;
/** Whitespace (including NBSP and line breaks): runs of it match one space in an alias. */
export const SPACE = 2;
/** Invisible inside text (soft hyphen, zero-width characters, Latin combining marks): skipped. */
export const IGNORABLE = 3;
/** Punctuation, symbols, surrogates and letters of scripts written without spaces. */
export const OTHER = 4;

const CODE_UNITS = 0x10000;

/** Orders anything found in a text (matches, hits) by where it starts: one comparator for all. */
export function byStart(left: { start: number }, right: { start: number }): number {
  return left.start - right.start;
}

const classCache = new Uint8Array(CODE_UNITS);
/** The class cache itself (0 = not computed yet), for the page loop to read without a call. */
export const CHAR_CLASSES: Readonly<Uint8Array> = classCache;
const lowerCache = new Uint16Array(CODE_UNITS);
const caseCache = new Uint16Array(CODE_UNITS);
let lowerComputed: Uint8Array | undefined;

const SOFT_HYPHEN = 0xad;
const UNDERSCORE = 0x5f;
const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
export const ZERO_WIDTH_SPACE = 0x200b;
export const SPACE_CODE = 0x20;
export const APOSTROPHE_CODE = 0x27;
/** Exported though used only here: the build inlines exported constants, not private ones. */
export const HYPHEN_CODE = 0x2d;

const APOSTROPHES = new Set([0x2018, 0x2019, 0x02bc, 0x2032, 0xff07]);
const HYPHENS = new Set([0x2010, 0x2011]);

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const COMBINING_MARK = /^\p{M}$/u;
/**
 * The blocks of combining marks that attach to Latin letters ("e\u0301"): invisible inside a
 * name. Marks of other scripts (Devanagari vowel signs, Arabic harakat) belong to their words.
 * Kept to these few ranges so the sieve can find them without a Unicode property escape, which
 * costs several times more per character (lib/matching/sieve.ts).
 */
export const LATIN_COMBINING_MARKS = String.raw`\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f`;
const LATIN_COMBINING_RANGES: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
];
const isLatinCombiningMark = (code: number): boolean =>
  LATIN_COMBINING_RANGES.some(([first, last]) => code >= first && code <= last);
const WHITESPACE = /^\s$/u;
/**
 * Scripts written without spaces between words: a Latin name followed by one of their letters
 * ("Apple社", "Amazonタイムセール") still ends at a word boundary there.
 */
const UNSPACED_SCRIPT =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;

/**
 * A letter of a script written without spaces: next to it, Latin capitals are not sentence case.
 */
export function isUnspacedScript(code: number): boolean {
  return code >= 0x0e00 && UNSPACED_SCRIPT.test(String.fromCharCode(code));
}

function computeClass(code: number): number {
  if (code === SOFT_HYPHEN || ZERO_WIDTH.has(code)) return IGNORABLE;
  // Joins identifiers and user names ("Ring_Apple"), as in \w.
  if (code === UNDERSCORE) return WORD;
  if (code >= 0xd800 && code <= 0xdfff) return OTHER;
  return commonClass(code) ?? classByProperties(code);
}

/** Latin-1's letters and numbers: ª µ º, ² ³ ¹, ¼ ½ ¾, and À to ÿ but × and ÷. */
const LATIN1_WORD =
  /^[\u00aa\u00b2\u00b3\u00b5\u00b9\u00ba\u00bc-\u00be\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]$/;

/**
 * The class of the code units most pages are written in (ASCII, Latin-1, general punctuation),
 * without the Unicode property escapes of `classByProperties`: compiling those costs a cold page
 * a few milliseconds, and most English pages need them for nothing else. Undefined elsewhere.
 * A test holds the two equal on every code unit this answers for.
 */
function commonClass(code: number): number | undefined {
  if (code < 0x80) {
    const letter = (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
    if (letter || (code >= 0x30 && code <= 0x39)) return WORD;
    return code === 0x20 || (code >= 0x09 && code <= 0x0d) ? SPACE : OTHER;
  }
  if (code <= 0xff) {
    if (code === 0xa0) return SPACE;
    return LATIN1_WORD.test(String.fromCharCode(code)) ? WORD : OTHER;
  }
  if (code >= 0x2000 && code <= 0x206f) {
    const space = code <= 0x200a || code === 0x2028 || code === 0x2029 || code === 0x202f;
    return space || code === 0x205f ? SPACE : OTHER;
  }
  return undefined;
}

/** The class by Unicode properties: what `charClass` means for every code unit. */
export function classByProperties(code: number): number {
  const char = String.fromCharCode(code);
  if (WHITESPACE.test(char)) return SPACE;
  if (COMBINING_MARK.test(char)) {
    if (isLatinCombiningMark(code)) return IGNORABLE;
    return UNSPACED_SCRIPT.test(char) ? OTHER : WORD;
  }
  if (LETTER_OR_NUMBER.test(char)) return UNSPACED_SCRIPT.test(char) ? OTHER : WORD;
  return OTHER;
}

/** The class of one UTF-16 code unit (WORD, SPACE, IGNORABLE or OTHER). */
export function charClass(code: number): number {
  // 0 is "not computed yet": every class is 1 to 4.
  return (classCache[code] ||= computeClass(code));
}

/** Base character without diacritics, with typographic apostrophes and hyphens made ASCII. */
function computeCaseFold(code: number): number {
  if (APOSTROPHES.has(code)) return APOSTROPHE_CODE;
  if (HYPHENS.has(code)) return HYPHEN_CODE;
  if (code < 0xc0 || (code >= 0xd800 && code <= 0xdfff)) return code;
  const decomposed = String.fromCharCode(code).normalize("NFD");
  const base = decomposed.charCodeAt(0);
  return decomposed.length > 1 && charClass(base) === WORD ? base : code;
}

/** Folded for comparison with case kept: "é" → "e", "’" → "'". */
export function foldCase(code: number): number {
  const cached = caseCache[code];
  if (cached !== undefined && (cached !== 0 || code === 0)) return cached;
  const folded = computeCaseFold(code);
  caseCache[code] = folded;
  return folded;
}

/** Folded and lower-cased: the key the alias trie is built and walked with. */
export function foldLower(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code | 0x20; // ASCII fast path
  if (code < 0x80) return code;
  lowerComputed ??= new Uint8Array(CODE_UNITS);
  if (lowerComputed[code] === 1) return lowerCache[code] ?? code;
  const base = foldCase(code);
  const lowered = String.fromCharCode(base).toLowerCase();
  // Lower-casing that changes length ("İ" → "i̇") keeps the base character.
  const result = lowered.length === 1 ? lowered.charCodeAt(0) : base;
  lowerCache[code] = result;
  lowerComputed[code] = 1;
  return result;
}

/**
 * Folds a whole string the way the page text is read: whitespace runs as one space (or dropped,
 * with `keepSpaces` false), invisible characters dropped.
 */
export function foldString(text: string, lower: boolean, keepSpaces = true): string {
  const codes: number[] = [];
  let pendingSpace = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const cls = charClass(code);
    if (cls === IGNORABLE) continue;
    if (cls === SPACE) {
      pendingSpace = keepSpaces && codes.length > 0;
      continue;
    }
    if (pendingSpace) codes.push(SPACE_CODE);
    pendingSpace = false;
    codes.push(lower ? foldLower(code) : foldCase(code));
  }
  return String.fromCharCode(...codes);
}

export function isUpperLetter(code: number): boolean {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  const char = String.fromCharCode(code);
  return char !== char.toLowerCase() && char === char.toUpperCase();
}

export function isLowerLetter(code: number): boolean {
  if (code < 0x80) return code >= 0x61 && code <= 0x7a;
  const char = String.fromCharCode(code);
  return char !== char.toUpperCase() && char === char.toLowerCase();
}
