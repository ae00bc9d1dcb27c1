/**
 * The sieve: a cheap first look at a page's raw text that finds every place where some alias
 * could match, so the matcher only reads the blocks around those places. Most pages name no one
 * in the dataset; on them the page pass costs one native read of the text and one native regular
 * expression, about what reading the page's text once costs.
 *
 * It is a superset by construction: every alias has one token (its longest run of letters and
 * digits), and a case-fitting occurrence of the alias contains that token, written as in the
 * alias or in capitals (the only two forms `caseFits` in the matcher accepts), or in any case for
 * an alias whose case rule is "any". The page's text is read folded the way the matcher folds it
 * (accents dropped, invisible characters dropped), so "Zuckerberg" with a soft hyphen and "Renée"
 * still hit. A hit costs only a closer look; a miss would lose a mark, so the fold is tested on
 * every code unit (tests/unit/matching/sieve.test.ts).
 *
 * Pure: no DOM, no browser.
 */
import type { Matcher } from "./index";
import { charClass, LATIN_COMBINING_MARKS, WORD } from "./text";

/** Invisible inside words for the matcher (text.ts IGNORABLE): soft hyphen, zero widths, marks. */
const IGNORABLE_CHARS = new RegExp(
  `[\\u00ad\\u200b-\\u200d\\u2060\\ufeff${LATIN_COMBINING_MARKS}]`,
  "g",
);
/**
 * Text that the fold can change: invisible characters, and letters that decompose into a base
 * letter and marks. Text without any (most English text) is searched as it is. No Unicode
 * property escapes: they cost several times more per character.
 */
const NEEDS_FOLD = new RegExp(
  `[\\u00ad\\u00c0-\\u024f\\u1e00-\\u1eff\\u200b-\\u200d\\u2060\\u212a\\u212b\\ufeff${LATIN_COMBINING_MARKS}]`,
);
const ASCII_ALPHANUMERIC = /^[A-Za-z0-9]$/;

/** The text as the sieve searches it: accents and invisible characters gone, case kept. */
export function foldForSieve(text: string): string {
  return NEEDS_FOLD.test(text) ? text.normalize("NFD").replace(IGNORABLE_CHARS, "") : text;
}

type AliasEntry = NonNullable<Matcher["aliases"][number]>[number];

/** One regular expression unit per character of a token: the forms a case-fitting match may take. */
function characterForms(written: string, anyCase: boolean): string[] {
  const forms = new Set([written, written.toUpperCase()]);
  if (anyCase) forms.add(written.toLowerCase());
  return [...forms].filter((form) => form.length === 1);
}

/** Between two text nodes in the searched text, so a word never seems to run on into the next. */
export const NODE_SEPARATOR = "\u0000";
/** A token may be cut by text node boundaries ("Goo<b>gle</b>"), empty text nodes included. */
const ACROSS_NODES = "\\x00*";
/**
 * Where the token starts (or ends) the alias, the matcher needs a word boundary there: no ASCII
 * letter, digit or underscore next to it within the same text node. A node boundary passes (the
 * text before may be another block), and so does a non-ASCII letter (a superset is enough).
 */
/**
 * Checked after the token's first character, not before it: a pattern whose alternatives all
 * begin with an assertion cannot be skipped ahead by its first characters, which made the sieve
 * ten times slower with 5,000 names.
 */
const NO_WORD_BEFORE_FIRST = "(?<![A-Za-z0-9_].)";
const NO_WORD_AFTER = "(?![A-Za-z0-9_])";

/** After a name, the start of a web address ("amazon.com", "google.co.jp"): a dot, then lower case. */
const WEB_ADDRESS_AFTER = "(?=\\x00*\\.\\x00*[^\\sA-Z\\x00])";
/** Between the words of a name: whitespace, or nothing once invisible characters are gone. */
const BETWEEN_WORDS = "[\\s\\x00]*";
const LOWER_NAME = /^[a-z0-9 ]+$/;

/**
 * The alias's longest run of ASCII letters and digits (as folded) as pattern units, each
 * character in the forms it may take (as written or in capitals; any case with `anyCase`), with
 * a word boundary before or after it where the run starts or ends the alias; and whether the run
 * ends the alias. Undefined when the alias has none (the sieve then cannot vouch for it).
 */
function longestRun(
  entry: AliasEntry,
  anyCase: boolean,
): { units: string[]; endsAlias: boolean } | undefined {
  interface Run {
    units: string[];
    start: number;
    end: number;
  }
  const runs: Run[] = [];
  let current: Run | null = null;
  let written = 0;
  let position = 0;
  for (const lowered of entry.key) {
    const isSpace = lowered === " ";
    const asWritten = isSpace ? " " : (entry.written[written++] ?? lowered);
    const isToken = ASCII_ALPHANUMERIC.test(lowered) && charClass(lowered.charCodeAt(0)) === WORD;
    if (isToken) {
      current ??= { units: [], start: position, end: position };
      current.units.push(unitOf(characterForms(asWritten, anyCase)));
      current.end = position + 1;
      if (current.units.length === 1) runs.push(current);
    } else {
      current = null;
    }
    position += 1;
  }
  let longest: Run | undefined;
  for (const run of runs) if (run.units.length > (longest?.units.length ?? 0)) longest = run;
  if (!longest) return undefined;
  const units = longest.units.flatMap((unit, index) =>
    index === 0 ? [unit] : [ACROSS_NODES, unit],
  );
  if (longest.start === 0) units.splice(1, 0, NO_WORD_BEFORE_FIRST);
  const endsAlias = longest.end === position;
  if (endsAlias && entry.endsWithWord) units.push(NO_WORD_AFTER);
  return { units, endsAlias };
}

/** The whole name in lower case ("elon musk" in a tag), the "also-lower" form. */
function lowerCaseName(entry: AliasEntry): string[] | undefined {
  if (!LOWER_NAME.test(entry.key)) return undefined;
  const units: string[] = [];
  for (const char of entry.key) {
    if (char === " ") units.push(BETWEEN_WORDS);
    else units.push(...(units.length === 0 ? [] : [ACROSS_NODES]), char);
  }
  units.splice(1, 0, NO_WORD_BEFORE_FIRST);
  if (entry.endsWithWord) units.push(NO_WORD_AFTER);
  return units;
}

/**
 * The tokens an alias contributes: one per form its case rule accepts, each as narrow as the
 * matcher's own test of that form, so ordinary lower-case words ("a good cook") do not hit.
 * Undefined when some form has no token.
 */
function tokensOf(entry: AliasEntry): string[][] | undefined {
  const asWritten = longestRun(entry, entry.declaredCase === "any")?.units;
  if (!asWritten) return undefined;
  if (entry.declaredCase === "also-lower") {
    const lower = lowerCaseName(entry) ?? longestRun(entry, true)?.units;
    return lower ? [asWritten, lower] : undefined;
  }
  if (entry.declaredCase === "also-domain") {
    const anyCase = longestRun(entry, true);
    if (!anyCase) return undefined;
    // The address must follow the name itself; otherwise any case, which is a superset.
    const domain = anyCase.endsAlias
      ? [...anyCase.units.filter((unit) => unit !== NO_WORD_AFTER), WEB_ADDRESS_AFTER]
      : anyCase.units;
    return [asWritten, domain];
  }
  return [asWritten];
}

interface TrieNode {
  children: Map<string, TrieNode>;
  end: boolean;
}

/** A pattern unit for one character's forms ("k", "[kK]"); tokens are letters and digits only. */
function unitOf(forms: readonly string[]): string {
  return forms.length === 1 ? (forms[0] as string) : `[${forms.join("")}]`;
}

/**
 * Tokens as one pattern, factored by common prefixes ("Goo(?:gle|d)"): the engine then tests
 * each position against a few first characters, not against every name, so its cost does not
 * grow with the number of names.
 */
function patternOf(node: TrieNode): string {
  const branches = [...node.children].map(([unit, child]) => unit + patternOf(child));
  if (branches.length === 0) return "";
  const alternation = branches.length === 1 ? (branches[0] as string) : `(?:${branches.join("|")})`;
  // A token that ends here needs nothing more: the shorter token already hits.
  return node.end ? "" : alternation;
}

const compiled = new WeakMap<Matcher, RegExp | null>();

/**
 * The matcher's sieve (global flag; callers reset lastIndex), or null when some alias has no
 * ASCII token and every block must be read. Built once per matcher.
 */
export function sieveFor(matcher: Matcher): RegExp | null {
  const known = compiled.get(matcher);
  if (known !== undefined) return known;
  const root: TrieNode = { children: new Map(), end: false };
  let complete = true;
  for (const entries of matcher.aliases) {
    for (const entry of entries ?? []) {
      const tokens = tokensOf(entry);
      if (!tokens) {
        complete = false;
        continue;
      }
      for (const token of tokens) {
        let node = root;
        for (const unit of token) {
          let child = node.children.get(unit);
          if (!child) node.children.set(unit, (child = { children: new Map(), end: false }));
          node = child;
        }
        node.end = true;
      }
    }
  }
  const sieve = complete && root.children.size > 0 ? new RegExp(patternOf(root), "g") : null;
  compiled.set(matcher, sieve);
  return sieve;
}

/**
 * Indices of the texts (consecutive text nodes, in document order) that hold part of a hit. A
 * token split over several texts ("Goo<b>gle</b>") counts for each of them. With `fromText`, hits
 * lying wholly in the texts before that index are left out: those were searched already.
 */
export function textsWithHits(texts: readonly string[], sieve: RegExp, fromText = 0): number[] {
  let joined = texts.join(NODE_SEPARATOR);
  const folded = NEEDS_FOLD.test(joined) ? texts.map(foldForSieve) : texts;
  if (folded !== texts) joined = folded.join(NODE_SEPARATOR);
  sieve.lastIndex = 0;
  let hit = sieve.exec(joined);
  if (!hit) return [];
  // Where each text starts in the joined string, for a binary search per hit.
  const starts = new Array<number>(folded.length);
  let offset = 0;
  folded.forEach((text, index) => {
    starts[index] = offset;
    offset += text.length + NODE_SEPARATOR.length;
  });
  const textAt = (position: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= position) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  const hits: number[] = [];
  for (; hit; hit = sieve.exec(joined)) {
    const last = textAt(hit.index + hit[0].length - 1);
    if (last < fromText) continue;
    const first = textAt(hit.index);
    for (let index = Math.max(first, (hits[hits.length - 1] ?? -1) + 1); index <= last; index++) {
      hits.push(index);
    }
  }
  return hits;
}
