/**
 * The matcher: finds the dataset's people and companies in a page's text.
 *
 * One pass over the text: at each word start, one walk down a trie of every alias (folded and
 * lower-cased), so the cost does not grow with the number of names. Candidates are then checked
 * against the rules in docs/decisions/0002-matching-rules.md: case, whole words, surname only
 * after the full name and never when contested, ordinary words only in their proper-noun sense.
 *
 * Pure: no DOM, no browser. The DOM adapter feeds `TextSegment[]` and wraps the `Match[]`.
 */
import type { CaseRule, EntityId, MarkMode, MatchHow, MatchIndex } from "../dataset/types";
import {
  type Bounds,
  type Token,
  isInAllCapsRun,
  isPossessive,
  isSentenceInitial,
  tokensAfter,
  tokensBefore,
} from "./context";
import {
  ARTICLES,
  NOUN_AFTER_ARTICLE,
  type AmbiguityRule,
  COMPANY_HYPHEN_SUFFIXES,
  CORPORATE_CUES_AFTER,
  GENERIC_BRAND_RULE,
  NOT_GIVEN_NAMES,
  OFFICE_ABBREVIATIONS,
  OPENING_QUOTES,
  SENTENCE_OPENING_WORDS,
  TITLE_CASE_FUNCTION_WORDS,
  TITLE_CASE_LOWER_WORDS,
  ambiguityRuleFor,
  namesWebAddress,
} from "./rules";
import {
  IGNORABLE,
  OTHER,
  SPACE,
  SPACE_CODE,
  WORD,
  ZERO_WIDTH_SPACE,
  CHAR_CLASSES,
  byStart,
  charClass,
  foldLower,
  foldString,
  isLowerLetter,
  isUnspacedScript,
  isUpperLetter,
} from "./text";
import type { Match, TextSegment } from "./types";
import { keepLatest } from "../engine/keep-latest";

export type { Match, TextSegment } from "./types";

interface AliasEntry {
  entity: number;
  how: MatchHow;
  /**
   * "any" when some form other than as written or capitals may match ("also-lower" and
   * "also-domain" too): then a word starting lower case may begin this alias (`capitalOnly`).
   */
  caseRule: "as-written" | "any";
  /** The dataset's case rule, which `caseFits` applies. */
  declaredCase: CaseRule;
  /** Folded with case kept, without spaces: what "as written" compares with (the trie already
   * checked the spacing). */
  written: string;
  upper: string;
  /** Folded and lower-cased, without spaces: the "also-lower" form. */
  lower: string;
  /** Folded and lower-cased: the trie key, and the key of contested surnames and rules. */
  key: string;
  /** Written with capitals only ("ICE", "AWS"): sentence case cannot produce it. */
  allCaps: boolean;
  /** One capital then lower case ("Apple", "Good"): what sentence and title case make. */
  capitalizedWord: boolean;
  endsWithWord: boolean;
  sharedWith: number[];
  /** A surname the news uses alone for this person: no full name needed first (decision 0006). */
  alone: boolean;
  /** Keys of the entity's other aliases ("donald trump"): "Donald J. Trump" is one of them. */
  ownNames: ReadonlySet<string>;
  rule: AmbiguityRule | undefined;
}

/** The compiled matcher: build it once per page (or once per index) and reuse it. */
export interface Matcher {
  readonly entityIds: readonly EntityId[];
  readonly markModes: readonly MarkMode[];
  /**
   * Built when first read (by the first scan, or a sieve's build), not by `compileMatcher`: the
   * content script compiles a matcher on every page, and on most pages its sieve finds no name
   * to scan for (decision 0009's addendum of 29 November).
   */
  readonly trie: AliasTrie;
}

/** The aliases as a trie of folded code units, with what each alias node decides by. */
export interface AliasTrie {
  /** Root transitions by folded code unit; 0 means none (the root itself is node 0). */
  readonly rootChildren: Int32Array;
  /** 1 for a first-level node whose aliases all start with a capital as written. */
  readonly capitalOnly: Uint8Array;
  /**
   * Below the root, most nodes have one child: its code unit and node are kept in two arrays
   * (-1 for none) and a Map only exists for nodes with more (it then holds them all). Fewer
   * objects make compiling a big index cheap and light on the collector.
   */
  readonly onlyCode: readonly number[];
  readonly onlyNext: readonly number[];
  readonly children: readonly (Map<number, number> | undefined)[];
  readonly aliases: readonly (AliasEntry[] | undefined)[];
}

export interface SessionOptions {
  /** Overrides the dataset's mark mode per entity (a user setting); undefined keeps the index's. */
  markMode?: (entity: EntityId) => MarkMode | undefined;
}

export interface MatchSession {
  /**
   * Matches in these segments, given everything this session saw before (surname rule, first-only).
   */
  scan(segments: readonly TextSegment[]): Match[];
  /**
   * Before the same page is read again from the top: names seen and surnames contested are
   * forgotten (the text is read again in order), entities already marked stay marked (first-only).
   */
  restart(): void;
  /**
   * What is left to mark of an entity (matcher index): "every" mention, only the "first" (its
   * mark mode is first-only and it is not marked yet), or "none" (marked already, first-only).
   */
  marksLeft(entity: number): "every" | "first" | "none";
}

const CODE_UNITS = 0x10000;
/** Aliases ending along one walk (prefixes of each other, "Google", "Google DeepMind"). */
const MAX_CANDIDATES = 64;
const NO_NODE = 0;
const NO_CODE = -1;
/** Tokens read on each side of a candidate: the longest exclusion phrase has three. */
const CONTEXT_TOKENS = 3;
/**
 * How far (in characters, same block) a weak mention looks for corroboration: about a sentence,
 * so a company named in the same sentence counts but one three paragraphs away does not.
 */
const CORROBORATION_WINDOW = 150;

function hasLowerLetter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    if (isLowerLetter(text.charCodeAt(index))) return true;
  }
  return false;
}

function isCapitalizedWord(written: string): boolean {
  if (written.length === 0 || !isUpperLetter(written.charCodeAt(0))) return false;
  for (let index = 1; index < written.length; index++) {
    const code = written.charCodeAt(index);
    if (isUpperLetter(code) || charClass(code) !== WORD) return false;
  }
  return true;
}

export function compileMatcher(index: MatchIndex): Matcher {
  const entityIds = index.entities.map((entity) => entity.id);
  let trie: AliasTrie | undefined;
  return {
    entityIds,
    markModes: index.entities.map((entity) => entity.markMode),
    get trie() {
      return (trie ??= buildTrie(index, entityIds));
    },
  };
}

function buildTrie(index: MatchIndex, entityIds: readonly EntityId[]): AliasTrie {
  const indexOfEntity = new Map(entityIds.map((id, position) => [id, position]));
  const rootChildren = new Int32Array(CODE_UNITS);
  const onlyCode: number[] = [NO_CODE];
  const onlyNext: number[] = [NO_NODE];
  const children: (Map<number, number> | undefined)[] = [undefined];
  const aliases: (AliasEntry[] | undefined)[] = [undefined];
  const firstLevel: number[] = [];

  const addChild = (node: number, code: number): number => {
    const next = aliases.length;
    onlyCode.push(NO_CODE);
    onlyNext.push(NO_NODE);
    children.push(undefined);
    aliases.push(undefined);
    if (node === NO_NODE) {
      rootChildren[code] = next;
      firstLevel.push(next);
    } else if (onlyCode[node] === NO_CODE) {
      onlyCode[node] = code;
      onlyNext[node] = next;
    } else {
      const map =
        children[node] ?? new Map([[onlyCode[node] ?? NO_CODE, onlyNext[node] ?? NO_NODE]]);
      map.set(code, next);
      children[node] = map;
    }
    return next;
  };

  const insert = (key: string): number => {
    let node = NO_NODE;
    for (let position = 0; position < key.length; position++) {
      const code = key.charCodeAt(position);
      const next =
        node === NO_NODE ? rootChildren[code] : childOf(onlyCode, onlyNext, children, node, code);
      node = next ? next : addChild(node, code);
    }
    return node;
  };

  index.entities.forEach((entity, entityIndex) => {
    const ownNames = new Set(
      entity.aliases
        .filter((alias) => alias.how !== "surname")
        .map((alias) => foldString(alias.text, true)),
    );
    for (const alias of entity.aliases) {
      const written = foldString(alias.text, false, false);
      const key = foldString(alias.text, true);
      if (key.length === 0) continue;
      const node = insert(key);
      const existing = aliases[node] ?? [];
      const duplicate = existing.some(
        (entry) =>
          entry.entity === entityIndex &&
          entry.how === alias.how &&
          entry.declaredCase === alias.case &&
          entry.written === written,
      );
      if (duplicate) continue; // "Renee Good" and "Renée Good" fold to one entry
      existing.push({
        entity: entityIndex,
        how: alias.how,
        caseRule: alias.case === "as-written" ? "as-written" : "any",
        declaredCase: alias.case,
        written,
        upper: written.toUpperCase(),
        lower: foldString(alias.text, true, false),
        key,
        allCaps: !hasLowerLetter(written),
        capitalizedWord: isCapitalizedWord(written),
        endsWithWord: charClass(key.charCodeAt(key.length - 1)) === WORD,
        sharedWith: (alias.sharedWith ?? [])
          .map((id) => indexOfEntity.get(id))
          .filter((other): other is number => other !== undefined),
        alone: alias.how === "surname" && alias.alone === true,
        ownNames,
        rule: ambiguityRuleFor(key),
      });
      aliases[node] = existing;
    }
  });

  const capitalOnly = new Uint8Array(aliases.length);
  const firstCanBeLower = new Set<number>();
  aliases.forEach((entries) => {
    for (const entry of entries ?? []) {
      const startsWithCapital = isUpperLetter(entry.written.charCodeAt(0));
      if (entry.caseRule === "any" || !startsWithCapital) {
        firstCanBeLower.add(rootChildren[entry.key.charCodeAt(0)] ?? NO_NODE);
      }
    }
  });
  for (const node of firstLevel) if (!firstCanBeLower.has(node)) capitalOnly[node] = 1;

  return {
    rootChildren,
    capitalOnly,
    onlyCode,
    onlyNext,
    children,
    aliases,
  };
}

/** The child of `node` (not the root) by `code`, or NO_NODE. */
function childOf(
  onlyCode: readonly number[],
  onlyNext: readonly number[],
  children: readonly (Map<number, number> | undefined)[],
  node: number,
  code: number,
): number {
  if (onlyCode[node] === code) return onlyNext[node] ?? NO_NODE;
  return children[node]?.get(code) ?? NO_NODE;
}

/** Page state a session carries between scans of the same page. */
interface PageState {
  /** Entities named on the page so far other than by surname: they enable their surname. */
  seen: Set<number>;
  /**
   * Surnames a namesake shares on the page, and acronyms it spells out as something else (keys):
   * never matched from then on (the full name still is).
   */
  contested: Set<string>;
  /** Entities already marked, for mark mode "first". */
  marked: Set<number>;
}

interface Found {
  entity: number;
  start: number;
  end: number;
  how: MatchHow;
  run: number;
  /** Set when capitalization alone is weak evidence here: kept only if corroborated. */
  pending?: { rule: AmbiguityRule; bounds: Bounds; bySurname: boolean };
}

/**
 * Whether the capitalized words before `position` spell `letters` (lower case), read back from
 * the last: each word gives one or more of them, its initial the first and the rest in order
 * inside it; title case's short words are skipped. "Department of Human Services" spells "dhs",
 * "Intercontinental Exchange" spells "ice".
 */
function spellsOut(text: string, position: number, bounds: Bounds, letters: string): boolean {
  let left = letters.length;
  for (const word of tokensBefore(text, position, bounds, 2 * left)) {
    if (!word.capitalized && TITLE_CASE_LOWER_WORDS.has(word.text)) continue;
    if (!word.capitalized) return false;
    // The earliest letter this word can start at (its initial) and still hold the rest in order.
    let first = 0;
    for (; first < left; first++) {
      let next = first + 1;
      for (let at = 1; at < word.text.length && next < left; at++) {
        if (word.text[at] === letters[next]) next++;
      }
      if (word.text[0] === letters[first] && next === left) break;
    }
    if (first === left) return false;
    left = first;
    if (left === 0) return true;
  }
  return false;
}

const REJECT = 0;
const ACCEPT = 1;
const PENDING = 2;

type Verdict = typeof REJECT | typeof ACCEPT | typeof PENDING;

/*
 * Local copies of the character helpers for the page loop: some module transforms (the test
 * runner's, tsx) read imported bindings through getters, which made the loop twenty times slower.
 */
const classOf = charClass;
const classTable = CHAR_CLASSES;
const lowerOf = foldLower;
const WORD_CLASS = WORD;
const SPACE_CLASS = SPACE;
const OTHER_CLASS = OTHER;
const IGNORABLE_CLASS = IGNORABLE;
const SPACE_UNIT = SPACE_CODE;
const ZERO_WIDTH_UNIT = ZERO_WIDTH_SPACE;

/**
 * The trie walk's candidates, shared by every scan (a walk is done before the next starts):
 * typed arrays allocated per scan cost more than a small block's whole scan right after a
 * garbage collection, when the engine first finishes sweeping array buffers.
 */
const CANDIDATE_NODES = new Int32Array(MAX_CANDIDATES);
const CANDIDATE_ENDS = new Int32Array(MAX_CANDIDATES);

/** One scan of one call's text: the walk, the decisions, and their scratch state. */
class Scan {
  readonly #found: Found[] = [];
  readonly #candidateNodes = CANDIDATE_NODES;
  readonly #candidateEnds = CANDIDATE_ENDS;
  #pendingRule: AmbiguityRule | undefined;
  #capsRun: boolean | undefined;
  /** Entities named on the page before this scan (the walk adds this scan's as it goes). */
  #seenBefore: ReadonlySet<number> = new Set();

  readonly #trie: AliasTrie;
  readonly #state: PageState;
  readonly #text: string;

  constructor(matcher: Matcher, state: PageState, text: string) {
    this.#trie = matcher.trie;
    this.#state = state;
    this.#text = text;
  }

  run(runStarts: readonly number[], runEnds: readonly number[]): Found[] {
    this.#seenBefore = new Set(this.#state.seen);
    for (let run = 0; run < runStarts.length; run++) {
      this.#walkRun(run, { start: runStarts[run] ?? 0, end: runEnds[run] ?? 0 });
    }
    this.#settlePending();
    return this.#found;
  }

  #walkRun(run: number, bounds: Bounds): void {
    const text = this.#text;
    const { rootChildren, capitalOnly } = this.#trie;
    let previousIsWord = false;
    let position = bounds.start;
    const end = bounds.end;
    while (position < end) {
      const code = text.charCodeAt(position);
      const cls = classTable[code] || classOf(code);
      if (cls === IGNORABLE_CLASS) {
        position++;
        continue;
      }
      if (cls === WORD_CLASS ? !previousIsWord : cls === OTHER_CLASS) {
        const first =
          rootChildren[
            code < 0x80 ? code | (code >= 0x41 && code <= 0x5a ? 0x20 : 0) : lowerOf(code)
          ];
        // Most words start lower case, and most names cannot: skip them without a walk.
        const lowerAscii = code >= 0x61 && code <= 0x7a;
        if (first && !(lowerAscii && capitalOnly[first] === 1)) {
          const matchEnd = this.#matchAt(run, position, bounds);
          if (matchEnd > position) {
            position = matchEnd;
            previousIsWord = classOf(text.charCodeAt(matchEnd - 1)) === WORD_CLASS;
            continue;
          }
        }
      }
      previousIsWord = cls === WORD_CLASS;
      position++;
    }
  }

  /** Walks the trie from `start`; returns the end of the match taken, or -1. */
  #matchAt(run: number, start: number, bounds: Bounds): number {
    const text = this.#text;
    const candidateNodes = this.#candidateNodes;
    const candidateEnds = this.#candidateEnds;
    const { rootChildren, onlyCode, onlyNext, children, aliases } = this.#trie;
    let count = 0;
    let node = NO_NODE;
    let position = start;
    let skippedZeroWidth = false;
    while (position < bounds.end) {
      const code = text.charCodeAt(position);
      const cls = classTable[code] || classOf(code);
      if (cls === IGNORABLE_CLASS) {
        if (code === ZERO_WIDTH_UNIT) skippedZeroWidth = true;
        position++;
        continue;
      }
      let next: number | undefined;
      if (cls === SPACE_CLASS) {
        if (node === NO_NODE) break;
        next = childOf(onlyCode, onlyNext, children, node, SPACE_UNIT);
        if (next === NO_NODE) break;
        while (position < bounds.end) {
          const following = classOf(text.charCodeAt(position));
          if (following !== SPACE_CLASS && following !== IGNORABLE_CLASS) break;
          position++;
        }
      } else {
        const folded = lowerOf(code);
        next =
          node === NO_NODE
            ? rootChildren[folded]
            : childOf(onlyCode, onlyNext, children, node, folded);
        if (!next && skippedZeroWidth && node !== NO_NODE) {
          // A zero-width space alone between two words ("Tim\u200BCook") separates them.
          const afterSpace = childOf(onlyCode, onlyNext, children, node, SPACE_UNIT);
          next =
            afterSpace === NO_NODE
              ? NO_NODE
              : childOf(onlyCode, onlyNext, children, afterSpace, folded);
        }
        if (!next) break;
        position++;
      }
      skippedZeroWidth = false;
      node = next;
      if (aliases[node] !== undefined && cls !== SPACE_CLASS && count < MAX_CANDIDATES) {
        candidateNodes[count] = node;
        candidateEnds[count] = position;
        count++;
      }
    }
    for (let candidate = count - 1; candidate >= 0; candidate--) {
      const entries = aliases[candidateNodes[candidate] ?? NO_NODE];
      const end = candidateEnds[candidate] ?? start;
      if (!entries?.[0]) continue;
      if (entries[0].endsWithWord && !this.#isWordEnd(end, bounds)) continue;
      if (this.#decide(entries, run, start, end, bounds)) return end;
    }
    return -1;
  }

  #isWordEnd(end: number, bounds: Bounds): boolean {
    for (let position = end; position < bounds.end; position++) {
      const cls = classOf(this.#text.charCodeAt(position));
      if (cls !== IGNORABLE_CLASS) return cls !== WORD_CLASS;
    }
    return true;
  }

  /** Decides one candidate span; records it and returns true when it is taken. */
  #decide(
    entries: readonly AliasEntry[],
    run: number,
    start: number,
    end: number,
    bounds: Bounds,
  ): boolean {
    this.#capsRun = undefined;
    const surface = foldString(this.#text.slice(start, end), false, false);
    // Loops, not filters with callbacks: this runs for every candidate, and a callback made per
    // call loses its optimized code at each garbage collection (engine/keep-latest.ts).
    const bySurname: AliasEntry[] = [];
    const named: AliasEntry[] = [];
    for (const entry of entries) {
      if (!this.#caseFits(entry, surface, start, end, bounds)) continue;
      if (entry.how === "surname") bySurname.push(entry);
      else named.push(entry);
    }
    if (bySurname.length === 0 && named.length === 0) return false;
    const before = tokensBefore(this.#text, start, bounds, CONTEXT_TOKENS);
    const after = tokensAfter(this.#text, end, bounds, CONTEXT_TOKENS);

    let chosen: AliasEntry | undefined;
    if (named.length > 0) {
      // An alias text two entities claim, other than a surname, cannot tell them apart.
      if (named.some(isOtherEntityThanFirst)) return false;
      chosen = named[0];
    } else {
      chosen = this.#resolveSurname(bySurname, start, end, before, after, bounds);
    }
    if (!chosen) return false;
    if (chosen.allCaps && this.#definesOtherAcronym(chosen, before, after, bounds)) return false;
    const isSurname = chosen.how === "surname";
    const verdict = this.#judgeContext(
      chosen,
      surface,
      start,
      end,
      bounds,
      before,
      after,
      isSurname,
    );
    if (verdict === REJECT) return false;
    const found: Found = { entity: chosen.entity, start, end, how: chosen.how, run };
    if (verdict === PENDING && this.#pendingRule) {
      found.pending = { rule: this.#pendingRule, bounds, bySurname: isSurname };
    } else if (!isSurname) {
      this.#state.seen.add(chosen.entity);
    }
    this.#found.push(found);
    return true;
  }

  /**
   * "Hang Seng Index (HSI)": an acronym in parentheses is being defined by the words before it; it
   * is ours only when those words are our own name ("Immigration and Customs Enforcement (ICE)").
   * Where those words spell its letters ("the Minnesota Department of Human Services (DHS)"), the
   * page uses it for that from then on: contested, like a surname a namesake shares.
   */
  #definesOtherAcronym(
    entry: AliasEntry,
    before: readonly Token[],
    after: readonly Token[],
    bounds: Bounds,
  ): boolean {
    const { contested } = this.#state;
    if (contested.has(entry.key)) return true;
    const [opening] = before;
    const [closing] = after;
    if (opening?.text !== "(" || closing?.text !== ")") return false;
    const previous = this.#found.at(-1);
    const namedJustBefore =
      previous !== undefined &&
      previous.entity === entry.entity &&
      this.#text.slice(previous.end, opening.start).trim() === "";
    if (namedJustBefore) return false;
    if (spellsOut(this.#text, opening.start, bounds, entry.key)) contested.add(entry.key);
    return true;
  }

  #inCapsRun(start: number, end: number, bounds: Bounds): boolean {
    this.#capsRun ??= isInAllCapsRun(this.#text, start, end, bounds);
    return this.#capsRun;
  }

  #caseFits(
    entry: AliasEntry,
    surface: string,
    start: number,
    end: number,
    bounds: Bounds,
  ): boolean {
    if (entry.declaredCase === "any" || surface === entry.written) return true;
    if (entry.declaredCase === "also-lower" && surface === entry.lower) return true;
    if (entry.declaredCase === "also-domain" && namesWebAddress(this.#text, end, bounds)) {
      return true; // "www.amazon.com", "@wired.com": the address is the company's whatever the word
    }
    // Capitals count only inside an all-caps run (a headline), never as a lone shout.
    return surface === entry.upper && this.#inCapsRun(start, end, bounds);
  }

  #resolveSurname(
    entries: readonly AliasEntry[],
    start: number,
    end: number,
    before: readonly Token[],
    after: readonly Token[],
    bounds: Bounds,
  ): AliasEntry | undefined {
    const first = entries[0];
    if (!first) return undefined;
    if (first.alone) return this.#resolveAloneSurname(first, start, end, before, after, bounds);
    const { contested, seen } = this.#state;
    const key = first.key;
    const previous = before[0];
    // "Cook Islands", "Dean Barker": the surname is part of another proper noun.
    const nextCapitalized = isSpacedCapitalizedWord(after[0]);
    // Title case around the name, also past a possessive ("Is Trump's Criminality").
    const titleCaseAfter =
      nextCapitalized || (isPossessive(after) && isSpacedCapitalizedWord(after[2]));
    if (previous?.isWord && previous.spaced && !NOT_GIVEN_NAMES.has(previous.text)) {
      if (previous.capitalized) {
        // In title case ("College Trump Supporters", "Inaccurate Trump Coverage") a capital is
        // no evidence of a given name: leave this one unmarked, but do not give the surname
        // away for the rest of the page.
        if (!titleCaseAfter) contested.add(key); // "Daniela Amodei", "James Dean": a namesake
        return undefined;
      }
      const inCaps = previous.allCaps && this.#inCapsRun(start, end, bounds);
      if (inCaps && previous.text.length > 1) return undefined; // a caps headline cannot tell
    }
    const initial = before[1];
    if (previous?.text === "." && previous.spaced && initial?.isWord && !initial.spaced) {
      if (OFFICE_ABBREVIATIONS.has(initial.text)) {
        contested.add(key); // "Sen. Cook", "Rep. Dean": the office of a namesake, as in full
        return undefined;
      }
      if (initial.text.length === 1 && initial.allCaps) {
        // "J. Dean" is a namesake; "Donald J. Trump" is a middle initial after a given name,
        // which may well be our person: leave it unmarked without contesting the surname.
        const beforeInitial = before[2];
        if (!(beforeInitial?.isWord && beforeInitial.capitalized)) contested.add(key);
        return undefined;
      }
    }
    if (contested.has(key)) return undefined;
    // The entries whose person is named on the page already: exactly one person may be.
    let chosen: AliasEntry | undefined;
    for (const entry of entries) {
      if (!seen.has(entry.entity)) continue;
      if (chosen && chosen.entity !== entry.entity) {
        contested.add(key);
        return undefined;
      }
      chosen ??= entry;
    }
    if (!chosen) return undefined;
    let namesakeSeen = false;
    for (const other of chosen.sharedWith) namesakeSeen ||= seen.has(other);
    if (namesakeSeen) {
      contested.add(key); // both Greg and Anna Brockman are on the page
      return undefined;
    }
    if (nextCapitalized) return undefined;
    return chosen;
  }

  /**
   * A surname declared `alone` (docs/decisions/0006-surname-alone.md): the news names this person
   * by it without the full name, so it needs no earlier full name and no namesake on the page
   * gives it away. What stays is the guard on the word right before it: a capitalized given name
   * ("Melania Trump", "Eric Trump"; in title case only a namesake's given name the rule declares,
   * "Ivanka Trump And Family", since there any word is capitalized), capitals in a caps headline,
   * an initial ("J. Trump") unless it follows the person's own given name ("Donald J. Trump").
   * Honorifics and suffixes of others ("Ms.", "Jr.") are in rules.ts.
   */
  #resolveAloneSurname(
    entry: AliasEntry,
    start: number,
    end: number,
    before: readonly Token[],
    after: readonly Token[],
    bounds: Bounds,
  ): AliasEntry | undefined {
    const [previous, initial, beforeInitial] = before;
    const notAName = (word: string) =>
      NOT_GIVEN_NAMES.has(word) || TITLE_CASE_FUNCTION_WORDS.has(word);
    if (previous?.isWord && previous.spaced && !notAName(previous.text)) {
      if (previous.capitalized) {
        const namesakes = entry.rule?.namesakeGivenNames;
        const inTitleCase =
          namesakes !== undefined && this.#readsAsTitleCase(end, before, after, bounds);
        if (!inTitleCase || namesakes.has(previous.text)) return undefined;
      }
      const inCaps = previous.allCaps && this.#inCapsRun(start, end, bounds);
      if (inCaps && previous.text.length > 1) return undefined;
    }
    const afterInitial =
      previous?.text === "." &&
      previous.spaced &&
      initial?.isWord === true &&
      !initial.spaced &&
      initial.text.length === 1 &&
      initial.allCaps;
    if (afterInitial) {
      const givenName = beforeInitial?.isWord ? beforeInitial.text : "";
      return entry.ownNames.has(`${givenName} ${entry.key}`) ? entry : undefined;
    }
    return entry;
  }

  /**
   * Whether an `alone` surname after a capital sits in a title-case headline, read from the words
   * after it, which a given name does not change: a capitalized word right after it or after its
   * possessive, also inside an opening quote ("Describes Trump's ‘Shocking’ Smear"); or a short
   * word title case keeps lower before a capitalized one ("Following Trump to Nowhere") when the
   * word before that capital is capitalized too and opens no sentence ("Republicans Are
   * Following"). Running text ("Jane Trump said", "Ivanka Trump, Eric Trump") reads as none.
   */
  #readsAsTitleCase(
    end: number,
    before: readonly Token[],
    after: readonly Token[],
    bounds: Bounds,
  ): boolean {
    const possessive = isPossessive(after);
    // "'", "s", an opening quote, then the word: one more than the decision reads.
    const tokensPastPossessive = 4;
    const read = possessive ? tokensAfter(this.#text, end, bounds, tokensPastPossessive) : after;
    const [next, following] = possessive ? read.slice(2) : read;
    if (!next?.spaced) return false;
    const capital = (token: Token | undefined, spaced: boolean) =>
      token?.isWord === true && token.capitalized && token.spaced === spaced;
    if (!next.isWord) return OPENING_QUOTES.has(next.text) && capital(following, false);
    if (next.capitalized) return true;
    const keptLower = TITLE_CASE_LOWER_WORDS.has(next.text) && capital(following, true);
    // A sentence opener there ("Yesterday Jane Trump to Reuters") makes no title-case run.
    const capitalBefore = capital(before[1], true) && !NOT_GIVEN_NAMES.has(before[1]?.text ?? "");
    return keptLower && capitalBefore;
  }

  #judgeContext(
    entry: AliasEntry,
    surface: string,
    start: number,
    end: number,
    bounds: Bounds,
    before: readonly Token[],
    after: readonly Token[],
    isSurname: boolean,
  ): Verdict {
    this.#pendingRule = undefined;
    const [next, afterNext] = after;
    const [previous] = before;
    const hyphenated =
      next?.text === "-" && !next.spaced && afterNext?.isWord === true && !afterNext.spaced;
    const afterArticle = previous?.spaced && ARTICLES.has(previous.text);
    // "the Cook", "a Dean said", "she is a Trump": a trade, a title, a relative. After an article
    // the person's surname only modifies ("the Pretti family", "the Musk-owned site").
    if (isSurname && afterArticle && !hyphenated) {
      const word = modifiesNext(next) && (next as Token).text;
      if (!word || NOUN_AFTER_ARTICLE.has(word) || word.endsWith("ed")) return REJECT;
      // "the Good family": hers, on a page that named her, whatever else the word means.
      if (word === "family") return ACCEPT;
    }
    const rule = entry.rule ?? (entry.how === "brand" ? GENERIC_BRAND_RULE : undefined);
    if (!rule) return ACCEPT;
    if (anyPhraseEndsAt(before, rule.notBefore)) return REJECT;
    if (anyPhraseStartsAt(after, rule.notAfter)) return REJECT;
    const abbreviationBefore =
      previous?.isWord === true &&
      previous.spaced &&
      previous.allCaps &&
      rule.notAfterAbbreviations.has(previous.text);
    if (abbreviationBefore && !this.#inCapsRun(start, end, bounds)) return REJECT; // "MN DHS"
    // "to Google the words", "Don't Google your symptoms."
    if (isVerbWithObject(rule, before, next, () => isSentenceInitial(this.#text, start, bounds))) {
      return REJECT;
    }
    // "Meta-analysis", "Zoom-in", "Dean-Charles"; "Trump-era" keeps the name (hyphenKeepsName).
    if (hyphenated && !rule.hyphenKeepsName && !isCompanyCompound(afterNext)) return REJECT;
    if (!rule.ordinaryWord) return ACCEPT;

    const written = surface === entry.written;
    let weak = !written || (entry.allCaps && this.#inCapsRun(start, end, bounds));
    if (entry.capitalizedWord && !weak && !this.#touchesUnspacedScript(start, end)) {
      if (isSentenceInitial(this.#text, start, bounds)) weak = true;
      else if (previous?.isWord && previous.spaced) {
        const modifier = hyphenated || modifiesNext(next); // "an Apple-designed chip"
        // "an Apple a day", "the Oracle at Delphi", "save the Amazon.": the noun, whatever else
        // the page names. A full stop with a word right after is an address: "the Amazon.com".
        const address = next?.text === "." && afterNext?.isWord && !afterNext.spaced;
        const nextText = address ? "" : (next?.text ?? ".");
        if (afterArticle && NOUN_AFTER_ARTICLE.has(nextText)) return REJECT;
        if (afterArticle && (rule.articleMakesWeak || !modifier)) {
          weak = true;
        } else if (previous.capitalized && !SENTENCE_OPENING_WORDS.has(previous.text)) weak = true;
      }
      if (next?.isWord && next.spaced && next.capitalized && !isCue(rule, next.text)) weak = true;
    }
    if (!weak) return ACCEPT;
    if (hasAdjacentCue(rule, before, after, isSurname)) return ACCEPT;
    this.#pendingRule = rule;
    return PENDING;
  }

  /** Latin capitals inside Chinese or Japanese text follow no sentence-case convention. */
  #touchesUnspacedScript(start: number, end: number): boolean {
    const text = this.#text;
    return (
      (start > 0 && isUnspacedScript(text.charCodeAt(start - 1))) ||
      (end < text.length && isUnspacedScript(text.charCodeAt(end)))
    );
  }

  /** Weak mentions stay only with corroboration nearby or earlier on the page. */
  #settlePending(): void {
    const found = this.#found;
    const state = this.#state;
    if (!found.some((item) => item.pending)) return;
    const settledByRun = new Map<number, Found[]>();
    // Where each entity is first named firmly in this scan. Only an earlier mention, or one in
    // the same run, confirms: what a scan holds depends on how the page pass slices the page,
    // and the result must not.
    const firstConfirmed = new Map<number, number>();
    for (const item of found) {
      if (item.pending) continue;
      if (!firstConfirmed.has(item.entity)) firstConfirmed.set(item.entity, item.start);
      const inRun = settledByRun.get(item.run) ?? [];
      inRun.push(item);
      settledByRun.set(item.run, inRun);
    }
    for (const item of found) {
      if (!item.pending) continue;
      const { rule, bounds, bySurname } = item.pending;
      const confirmedBefore = (firstConfirmed.get(item.entity) ?? Infinity) < item.start;
      const confirmedInRun = (settledByRun.get(item.run) ?? []).some(
        (other) => other.entity === item.entity,
      );
      const pageKnowsIt =
        !bySurname && (this.#seenBefore.has(item.entity) || confirmedBefore || confirmedInRun);
      const nearEntity = (settledByRun.get(item.run) ?? []).some(
        (other) =>
          other.entity !== item.entity &&
          other.start < item.end + CORROBORATION_WINDOW &&
          other.end > item.start - CORROBORATION_WINDOW,
      );
      if (pageKnowsIt || nearEntity || this.#hasNearbyWord(rule, item, bounds)) {
        delete item.pending;
        if (!bySurname) {
          state.seen.add(item.entity);
          if (!confirmedBefore) firstConfirmed.set(item.entity, item.start);
        }
      }
    }
    let kept = 0;
    for (const item of found) if (!item.pending) found[kept++] = item;
    found.length = kept;
  }

  /** Whether one of the rule's corroborating words is within CORROBORATION_WINDOW of the item. */
  #hasNearbyWord(rule: AmbiguityRule, item: Found, bounds: Bounds): boolean {
    if (rule.nearby.size === 0) return false;
    const around: Bounds = {
      start: Math.max(bounds.start, item.start - CORROBORATION_WINDOW),
      end: Math.min(bounds.end, item.end + CORROBORATION_WINDOW),
    };
    let cursor = around.start;
    for (;;) {
      const [token] = tokensAfter(this.#text, cursor, around, 1);
      if (!token) return false;
      const isSelf = token.start >= item.start && token.end <= item.end;
      if (!isSelf && token.isWord && rule.nearby.has(token.text)) return true;
      cursor = token.end;
    }
  }
}

/** A capitalized word after a space ("Cook Islands", "Dean Barker"). */
function isSpacedCapitalizedWord(token: Token | undefined): boolean {
  return !!(token?.isWord && token.spaced && token.capitalized);
}

function isOtherEntityThanFirst(entry: AliasEntry, _index: number, entries: readonly AliasEntry[]) {
  return entry.entity !== entries[0]?.entity;
}

function phraseStartsAt(tokens: readonly Token[], phrase: readonly string[]): boolean {
  if (phrase.length === 0 || phrase.length > tokens.length) return false;
  for (let position = 0; position < phrase.length; position++) {
    if (tokens[position]?.text !== phrase[position]) return false;
  }
  return true;
}

/** `tokens` are nearest first, `phrase` in reading order. */
function phraseEndsAt(tokens: readonly Token[], phrase: readonly string[]): boolean {
  if (phrase.length === 0 || phrase.length > tokens.length) return false;
  for (let position = 0; position < phrase.length; position++) {
    if (tokens[phrase.length - 1 - position]?.text !== phrase[position]) return false;
  }
  return true;
}

function anyPhraseStartsAt(tokens: readonly Token[], phrases: readonly (readonly string[])[]) {
  for (const phrase of phrases) if (phraseStartsAt(tokens, phrase)) return true;
  return false;
}

function anyPhraseEndsAt(tokens: readonly Token[], phrases: readonly (readonly string[])[]) {
  for (const phrase of phrases) if (phraseEndsAt(tokens, phrase)) return true;
  return false;
}

function textOfSegment(segment: TextSegment): string {
  return segment.text;
}

/** Objects that make the verb even capitalized ("Google Your Symptoms"): not "Google Its Way". */
const HEADLINE_OBJECTS = new Set(["your", "yourself", "my", "myself"]);

/**
 * The term as a verb with an object after it: after "to" ("to Google the words"; not "according
 * to Google"), after "don't" or "never", or opening a sentence ("Google your symptoms"; not
 * "Google the latest to…"). An object alone is not enough: "acquired by Google the same year",
 * "gave Google his data".
 */
function isVerbWithObject(
  rule: AmbiguityRule,
  before: readonly Token[],
  next: Token | undefined,
  opensSentence: () => boolean,
): boolean {
  if (rule.verbObjects.size === 0) return false;
  const [previous, second, third] = before;
  const afterTo = previous?.text === "to" && previous.spaced && second?.text !== "according";
  // Apostrophes are folded to U+0027 (text.ts): "don", "'", "t", then a space.
  const afterDont =
    previous?.text === "t" &&
    previous.spaced &&
    second?.text === "'" &&
    !second.spaced &&
    third?.text === "don" &&
    !third.spaced;
  const object =
    next?.isWord === true &&
    next.spaced &&
    rule.verbObjects.has(next.text) &&
    // A headline capitalizes the object too; only the reader's own words are no apposition there.
    ((!next.capitalized && !next.allCaps) || HEADLINE_OBJECTS.has(next.text));
  if (!object) return false;
  if (afterTo || afterDont || (previous?.text === "never" && previous.spaced)) return true;
  // Opening a sentence, an article after it is a headline's apposition as often ("Google the
  // latest to cut jobs"): only a pronoun or "how"/"whether" makes the imperative.
  return !previous?.isWord && !ARTICLES.has(next.text) && opensSentence();
}

/**
 * Whether a term after an article modifies the word that follows ("the Apple ecosystem", "an
 * Apple spokesperson"): a spaced word that is none of title case's small words. Where none
 * follows, the term is the noun itself: "gave him an Apple", "an Apple a day", "the Apple of her
 * eye". (A hyphenated compound that gets this far modifies too; the caller checks it.)
 */
function modifiesNext(next: Token | undefined): boolean {
  return next?.isWord === true && next.spaced && !TITLE_CASE_LOWER_WORDS.has(next.text);
}

function isCompanyCompound(suffix: Token): boolean {
  if (suffix.capitalized) return false;
  return COMPANY_HYPHEN_SUFFIXES.has(suffix.text) || /(?:ed|ing)$/u.test(suffix.text);
}

function isCue(rule: AmbiguityRule, word: string): boolean {
  if (rule.notCuesAfter.has(word)) return false;
  return rule.cuesAfter.has(word) || CORPORATE_CUES_SET.has(word);
}

const CORPORATE_CUES_SET = new Set(CORPORATE_CUES_AFTER);

function hasAdjacentCue(
  rule: AmbiguityRule,
  before: readonly Token[],
  after: readonly Token[],
  isSurname: boolean,
): boolean {
  if (isPossessive(after)) return true; // "Apple's", "Good's": a proper noun in running text
  const [next, afterNext] = after;
  if (!isSurname) {
    if (next?.isWord && next.spaced && isCue(rule, next.text)) return true;
    // A domain: "Amazon.com", "Amazon.co.jp".
    if (next?.text === "." && !next.spaced && afterNext?.isWord && !afterNext.spaced) return true;
  }
  const [previous, beforePrevious] = before;
  const word = previous?.text === "-" && !previous.spaced ? beforePrevious : previous;
  return word?.isWord === true && rule.cuesBefore.has(word.text);
}

export function createMatchSession(matcher: Matcher, options: SessionOptions = {}): MatchSession {
  const state: PageState = { seen: new Set(), contested: new Set(), marked: new Set() };
  const markModeOf = (entity: number): MarkMode => {
    const id = matcher.entityIds[entity] ?? "";
    return options.markMode?.(id) ?? matcher.markModes[entity] ?? "every";
  };
  return {
    restart() {
      state.seen.clear();
      state.contested.clear();
    },
    marksLeft(entity) {
      if (markModeOf(entity) !== "first") return "every";
      return state.marked.has(entity) ? "none" : "first";
    },
    scan(segments) {
      if (segments.length === 0) return [];
      const text =
        segments.length === 1 ? (segments[0]?.text ?? "") : segments.map(textOfSegment).join("");
      const runStarts: number[] = [];
      const runEnds: number[] = [];
      let offset = 0;
      let previousBlock: number | undefined;
      for (const segment of segments) {
        if (segment.block !== previousBlock) {
          if (runStarts.length > 0) runEnds.push(offset);
          runStarts.push(offset);
          previousBlock = segment.block;
        }
        offset += segment.text.length;
      }
      runEnds.push(offset);
      // Kept until the next scan: with no Scan left, the engine drops its methods' optimized code.
      const found = keepLatest("scan", new Scan(matcher, state, text)).run(runStarts, runEnds);
      found.sort(byStart);
      const matches: Match[] = [];
      for (const item of found) {
        if (markModeOf(item.entity) === "first" && state.marked.has(item.entity)) continue;
        state.marked.add(item.entity);
        matches.push({
          entity: matcher.entityIds[item.entity] ?? "",
          start: item.start,
          end: item.end,
          text: text.slice(item.start, item.end),
          how: item.how,
        });
      }
      return matches;
    },
  };
}

/** One-shot: a fresh session over these segments (a whole page at once). */
export function findMatches(matcher: Matcher, segments: readonly TextSegment[]): Match[] {
  return createMatchSession(matcher).scan(segments);
}
