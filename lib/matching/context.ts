/**
 * Reading the words around a candidate mention, inside its block only. Called for candidates,
 * never per character, so small allocations here are fine.
 *
 * Pure: no DOM, no browser.
 */
import {
  APOSTROPHE_CODE,
  IGNORABLE,
  SPACE,
  WORD,
  charClass,
  foldCase,
  foldLower,
  isLowerLetter,
  isUpperLetter,
} from "./text";

export interface Token {
  /** Folded and lower-cased: "’" → "'", "é" → "e". */
  text: string;
  start: number;
  end: number;
  isWord: boolean;
  /** First letter upper case and some lower-case letter: "Cook", "DeepMind", not "CEO". */
  capitalized: boolean;
  /** Has an upper-case letter and no lower-case one: "CEO", "TIM". */
  allCaps: boolean;
  /** Whitespace separates this token from the one nearer the candidate. */
  spaced: boolean;
}

/** The span of text a candidate may look at: its block, as offsets in the scanned text. */
export interface Bounds {
  start: number;
  end: number;
}

function makeToken(text: string, start: number, end: number, spaced: boolean): Token {
  let upper = 0;
  let lower = 0;
  let firstUpper = false;
  let seenLetter = false;
  let folded = "";
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    const cls = charClass(code);
    if (cls === IGNORABLE) continue;
    const base = foldCase(code);
    if (isUpperLetter(base)) {
      upper++;
      if (!seenLetter) firstUpper = true;
      seenLetter = true;
    } else if (isLowerLetter(base)) {
      lower++;
      seenLetter = true;
    }
    folded += String.fromCharCode(foldLower(code));
  }
  const isWord = charClass(text.charCodeAt(start)) === WORD;
  return {
    text: folded,
    start,
    end,
    isWord,
    capitalized: isWord && firstUpper && lower > 0,
    allCaps: upper > 0 && lower === 0,
    spaced,
  };
}

/** The next token at or after `position`, within bounds: a word, or one punctuation mark. */
function tokenAfter(text: string, position: number, bounds: Bounds): Token | undefined {
  let index = position;
  let spaced = false;
  while (index < bounds.end) {
    const cls = charClass(text.charCodeAt(index));
    if (cls === SPACE) spaced = true;
    else if (cls !== IGNORABLE) break;
    index++;
  }
  if (index >= bounds.end) return undefined;
  const start = index;
  if (charClass(text.charCodeAt(index)) !== WORD) return makeToken(text, start, start + 1, spaced);
  while (index < bounds.end) {
    const cls = charClass(text.charCodeAt(index));
    if (cls !== WORD && cls !== IGNORABLE) break;
    index++;
  }
  return makeToken(text, start, index, spaced);
}

/** The token that ends at or before `position`, within bounds. */
function tokenBefore(text: string, position: number, bounds: Bounds): Token | undefined {
  let index = position;
  let spaced = false;
  while (index > bounds.start) {
    const cls = charClass(text.charCodeAt(index - 1));
    if (cls === SPACE) spaced = true;
    else if (cls !== IGNORABLE) break;
    index--;
  }
  if (index <= bounds.start) return undefined;
  const end = index;
  if (charClass(text.charCodeAt(index - 1)) !== WORD) return makeToken(text, end - 1, end, spaced);
  while (index > bounds.start) {
    const cls = charClass(text.charCodeAt(index - 1));
    if (cls !== WORD && cls !== IGNORABLE) break;
    index--;
  }
  return makeToken(text, index, end, spaced);
}

/**
 * Up to `count` tokens from `position` on, nearest first, each read from the last: after it
 * (`forward`) or before it. No reader is made per call: a closure made per call loses its
 * optimized code at each garbage collection (engine/keep-latest.ts).
 */
function tokensFrom(
  text: string,
  position: number,
  bounds: Bounds,
  count: number,
  forward: boolean,
): Token[] {
  const tokens: Token[] = [];
  let cursor = position;
  while (tokens.length < count) {
    const token = forward ? tokenAfter(text, cursor, bounds) : tokenBefore(text, cursor, bounds);
    if (!token) break;
    tokens.push(token);
    cursor = forward ? token.end : token.start;
  }
  return tokens;
}

/** Up to `count` tokens after `position`, nearest first. */
export function tokensAfter(
  text: string,
  position: number,
  bounds: Bounds,
  count: number,
): Token[] {
  return tokensFrom(text, position, bounds, count, true);
}

/** Up to `count` tokens before `position`, nearest first. */
export function tokensBefore(
  text: string,
  position: number,
  bounds: Bounds,
  count: number,
): Token[] {
  return tokensFrom(text, position, bounds, count, false);
}

const SENTENCE_END = new Set([".", "!", "?", ":", ";", "…", "|", "•", "·", "»", "›"]);
/** Marks that may open a sentence before its first word: quotes, brackets, bullets, dashes. */
const SENTENCE_OPENERS = new Set([
  '"',
  "'",
  "“",
  "„",
  "«",
  "‹",
  "(",
  "[",
  "{",
  "¿",
  "¡",
  "*",
  "-",
  "–",
  "—",
  "#",
  "【",
  "「",
  "『",
  "〈",
  "《",
  ">",
]);
/** Words whose trailing period is not a sentence end. */
const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "st",
  "sen",
  "rep",
  "gov",
  "gen",
  "lt",
  "col",
  "capt",
  "jr",
  "sr",
  "inc",
  "co",
  "corp",
  "no",
  "vs",
  "u",
  "s",
]);

/**
 * Whether the candidate opens a sentence (or its block): there, capitalization is forced by
 * sentence case and says nothing about a proper noun.
 */
export function isSentenceInitial(text: string, start: number, bounds: Bounds): boolean {
  let cursor = start;
  for (;;) {
    const token = tokenBefore(text, cursor, bounds);
    if (!token) return true;
    if (token.isWord) return false;
    if (SENTENCE_OPENERS.has(token.text)) {
      cursor = token.start;
      continue;
    }
    if (!SENTENCE_END.has(token.text)) return false;
    if (token.text !== ".") return true;
    const abbreviation = tokenBefore(text, token.start, bounds);
    if (!abbreviation?.isWord || abbreviation.spaced) return true;
    const isInitial = abbreviation.text.length === 1 && abbreviation.allCaps;
    return !(isInitial || ABBREVIATIONS.has(abbreviation.text));
  }
}

/** A letter of any script: a token with none (digits, signs) says nothing about case. */
const LETTER = /\p{L}/u;

/** How many words on each side decide whether a mention sits in an all-caps run. */
const CAPS_RUN_WORDS = 3;

/**
 * Whether the mention sits in an all-caps run (a headline or a heading set in capitals): the
 * nearest words on both sides that have letters have no lower-case letter. A block holding only
 * the mention counts as a run: a heading set in capitals.
 */
export function isInAllCapsRun(text: string, start: number, end: number, bounds: Bounds): boolean {
  const before = tokensBefore(text, start, bounds, CAPS_RUN_WORDS * 3).filter(hasLetters);
  const after = tokensAfter(text, end, bounds, CAPS_RUN_WORDS * 3).filter(hasLetters);
  return [...before.slice(0, CAPS_RUN_WORDS), ...after.slice(0, CAPS_RUN_WORDS)].every(isAllCaps);
}

function hasLetters(token: Token): boolean {
  return token.isWord && LETTER.test(token.text);
}

function isAllCaps(token: Token): boolean {
  return token.allCaps;
}

export function isPossessive(after: readonly Token[]): boolean {
  const [mark, letter] = after;
  return (
    mark !== undefined &&
    !mark.spaced &&
    mark.text.charCodeAt(0) === APOSTROPHE_CODE &&
    letter !== undefined &&
    !letter.spaced &&
    letter.text === "s"
  );
}
