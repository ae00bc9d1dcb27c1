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

/**
 * The alias's longest run of ASCII letters and digits (as folded), each character with the forms
 * it may take; undefined when the alias has none (the sieve then cannot vouch for it).
 */
function tokenOf(entry: AliasEntry): string[][] | undefined {
  const runs: string[][][] = [[]];
  let written = 0;
  for (const lowered of entry.key) {
    if (lowered === " ") {
      runs.push([]);
      continue;
    }
    const asWritten = entry.written[written++] ?? lowered;
    const isToken = ASCII_ALPHANUMERIC.test(lowered) && charClass(lowered.charCodeAt(0)) === WORD;
    if (!isToken) {
      runs.push([]);
      continue;
    }
    runs[runs.length - 1]?.push(characterForms(asWritten, entry.caseRule === "any"));
  }
  let longest: string[][] | undefined;
  for (const run of runs) if (run.length > (longest?.length ?? 0)) longest = run;
  return longest;
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
      const token = tokenOf(entry);
      if (!token) {
        complete = false;
        continue;
      }
      let node = root;
      for (const forms of token) {
        const unit = unitOf(forms);
        let child = node.children.get(unit);
        if (!child) node.children.set(unit, (child = { children: new Map(), end: false }));
        node = child;
      }
      node.end = true;
    }
  }
  const sieve = complete && root.children.size > 0 ? new RegExp(patternOf(root), "g") : null;
  compiled.set(matcher, sieve);
  return sieve;
}

/**
 * Indices of the texts (consecutive text nodes, in document order) that hold part of a hit. A
 * token split over several texts ("Goo<b>gle</b>") counts for each of them. With `fromOffset`,
 * only hits that end past that many characters of the texts (as written) count: the texts before
 * it were searched already.
 */
export function textsWithHits(texts: readonly string[], sieve: RegExp, fromOffset = 0): number[] {
  let folded: readonly string[] = texts;
  let joined = texts.join("");
  if (NEEDS_FOLD.test(joined)) {
    folded = texts.map(foldForSieve);
    joined = folded.join("");
  }
  sieve.lastIndex = 0;
  let hit = sieve.exec(joined);
  if (!hit) return [];
  // Where each text starts in the joined string, for a binary search per hit.
  const starts = new Array<number>(folded.length);
  let offset = 0;
  folded.forEach((text, index) => {
    starts[index] = offset;
    offset += text.length;
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
  // The offset in the folded texts where the new ones begin.
  let foldedFrom = 0;
  if (fromOffset > 0) {
    let written = 0;
    for (let index = 0; index < texts.length && written < fromOffset; index++) {
      written += (texts[index] as string).length;
      foldedFrom += (folded[index] as string).length;
    }
  }
  const hits: number[] = [];
  while (hit) {
    if (hit.index + hit[0].length <= foldedFrom) {
      hit = sieve.exec(joined);
      continue;
    }
    const first = textAt(hit.index);
    const last = textAt(hit.index + hit[0].length - 1);
    for (let index = Math.max(first, (hits[hits.length - 1] ?? -1) + 1); index <= last; index++) {
      hits.push(index);
    }
    hit = sieve.exec(joined);
  }
  return hits;
}
