/**
 * Building the sieve (sieve.ts) from a matcher: which run of each alias it looks for, and the
 * patterns of those tokens. The background builds it once per build of the extension and stores
 * it (lib/settings/sieve-store.ts); pages adopt it, so the content script does not carry this
 * code (decision 0009). Tests, the bench and the command-line tools build it here.
 *
 * Pure: no DOM, no browser.
 */
import type { MatchIndex } from "../dataset/types";
import { compileMatcher, type Matcher } from "./index";
import {
  isTokenCode,
  NO_WORD_AFTER,
  NO_WORD_BEFORE_FIRST,
  setSieve,
  sieveOf,
  WEB_ADDRESS_AFTER,
  type Sieve,
} from "./sieve";

type AliasEntry = NonNullable<Matcher["trie"]["aliases"][number]>[number];

/**
 * The regular expression unit for one character of a token: the forms a case-fitting match may
 * take ("k", "[kK]", "[Kk]" in any case). Built with string tests, not sets, from when every page
 * built its sieve in its first task, on a cold engine; since decision 0009 the background builds
 * it once per build, and pages adopt it.
 */
function unitOf(written: string, anyCase: boolean): string {
  let forms = written;
  const upper = written.toUpperCase();
  if (upper.length === 1 && upper !== written) forms += upper;
  const lower = written.toLowerCase();
  if (anyCase && lower.length === 1 && !forms.includes(lower)) forms += lower;
  return forms.length === 1 ? forms : `[${forms}]`;
}

/** Node boundaries (NULs once joined), empty text nodes included, inside a lower-case name. */
const ACROSS_NODES = "\\x00*";
/** Between the words of a name: whitespace, or nothing once invisible characters are gone. */
const BETWEEN_WORDS = "[\\s\\x00]*";
const LOWER_NAME = /^[a-z0-9 ]+$/;

/** A run of ASCII letters and digits in an alias's key: its letters and where it lies. */
interface Run {
  /** The run lower-cased, to compare runs of different aliases. */
  key: string;
  /** The run as the alias writes it, for its pattern units. */
  written: string;
  start: number;
  end: number;
}

/** The alias's runs of ASCII letters and digits (as folded), and the key's length. */
function runsOf(entry: AliasEntry): { runs: Run[]; length: number } {
  const runs: Run[] = [];
  let current: Run | null = null;
  let written = 0;
  let position = 0;
  for (const lowered of entry.key) {
    const isSpace = lowered === " ";
    const asWritten = isSpace ? " " : (entry.written[written++] ?? lowered);
    if (lowered.length === 1 && isTokenCode(lowered.charCodeAt(0))) {
      if (!current) runs.push((current = { key: "", written: "", start: position, end: position }));
      current.key += lowered;
      current.written += asWritten;
      current.end = position + 1;
    } else {
      current = null;
    }
    position += 1;
  }
  return { runs, length: position };
}

/**
 * How the aliases share runs: those that are some alias's only run ("Trump", "Amazon", "AWS"),
 * and how many aliases hold each run (lower-cased).
 */
interface RunShares {
  sole: ReadonlySet<string>;
  holders: ReadonlyMap<string, number>;
}

/** Below this length a shared run is a function word ("and", "of", "US"), not a name's core. */
const SHARED_RUN_MIN_LENGTH = 4;

function runSharesOf(matcher: Matcher): RunShares {
  const sole = new Set<string>();
  const holders = new Map<string, number>();
  for (const entries of matcher.trie.aliases) {
    for (const entry of entries ?? []) {
      const { runs } = runsOf(entry);
      if (runs.length === 1) sole.add((runs[0] as Run).key);
      for (const key of new Set(runs.map((run) => run.key))) {
        holders.set(key, (holders.get(key) ?? 0) + 1);
      }
    }
  }
  return { sole, holders };
}

/**
 * The run the sieve looks for, as pattern units with a word boundary before or after it where it
 * starts or ends the alias, and whether it ends the alias; undefined when the alias has none (the
 * sieve then cannot vouch for it). Any run would do (each lies in every occurrence); the one
 * chosen is the one likely to hit least:
 * - a run that is another alias on its own ("Trump" in "President Trump", "Amazon" in "Amazon
 *   Web Services") adds no hit at all, where "President" or "Services" would send every page
 *   that says them to the careful pass;
 * - then a run several aliases share ("Homeland" in the names of DHS and HSI, not "Department"
 *   or "Investigations"), since one token then serves them all;
 * - then the longest.
 */
function chosenRun(
  entry: AliasEntry,
  anyCase: boolean,
  shares: RunShares,
): { units: string[]; endsAlias: boolean } | undefined {
  const { runs, length } = runsOf(entry);
  const rank = (run: Run): number => {
    const shared = run.key.length >= SHARED_RUN_MIN_LENGTH ? (shares.holders.get(run.key) ?? 1) : 1;
    // Lexicographic: sole run first, then holders, then length (no alias has 100 runs).
    return (shares.sole.has(run.key) ? 1_000_000 : 0) + shared * 1_000 + run.key.length;
  };
  let chosen: Run | undefined;
  for (const run of runs) if (!chosen || rank(run) > rank(chosen)) chosen = run;
  if (!chosen) return undefined;
  const units: string[] = [];
  for (const written of chosen.written) units.push(unitOf(written, anyCase));
  if (chosen.start === 0) units.splice(1, 0, NO_WORD_BEFORE_FIRST);
  const endsAlias = chosen.end === length;
  if (endsAlias && entry.endsWithWord) units.push(NO_WORD_AFTER);
  return { units, endsAlias };
}

/** The whole name in lower case ("elon musk" in a tag), the "also-lower" form. */
function lowerCaseName(entry: AliasEntry): string[] | undefined {
  if (!LOWER_NAME.test(entry.key)) return undefined;
  const units: string[] = [];
  for (const char of entry.key) {
    if (char === " ") units.push(BETWEEN_WORDS);
    // A name in lower case may be cut anywhere by inline elements ("el<b>on</b> musk"): its
    // letters may have node boundaries between them (text nodes are joined with a NUL). After
    // a space, BETWEEN_WORDS has taken them already.
    else if (units.length === 0 || units[units.length - 1] === BETWEEN_WORDS) units.push(char);
    else units.push(ACROSS_NODES, char);
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
function tokensOf(entry: AliasEntry, shares: RunShares): string[][] | undefined {
  const run = (anyCase: boolean) => chosenRun(entry, anyCase, shares);
  const asWritten = run(entry.declaredCase === "any")?.units;
  if (!asWritten) return undefined;
  if (entry.declaredCase === "also-lower") {
    const lower = lowerCaseName(entry) ?? run(true)?.units;
    return lower ? [asWritten, lower] : undefined;
  }
  if (entry.declaredCase === "also-domain") {
    const anyCase = run(true);
    if (!anyCase) return undefined;
    // The address must follow the name itself; otherwise any case, which is a superset.
    const domain = anyCase.endsAlias
      ? [...anyCase.units.filter((unit) => unit !== NO_WORD_AFTER), WEB_ADDRESS_AFTER]
      : anyCase.units;
    return [asWritten, domain];
  }
  return [asWritten];
}

type Token = readonly string[];

/**
 * Tokens as one pattern, factored by common prefixes ("Goo(?:gle|d)"), branches in the order
 * the tokens come: the engine then tests each position against a few first characters, not
 * against every name, so its cost does not grow with the number of names. `depth`: how many
 * units the tokens share already. Grouped without a trie of maps: most of its nodes would hold
 * one token (and every page built its sieve, on a cold engine, before decision 0009).
 */
function patternOf(tokens: readonly Token[], depth = 0): string {
  const groups = new Map<string, Token[]>();
  for (const token of tokens) {
    // A token that ends here needs nothing more: the shorter token already hits.
    if (token.length === depth) return "";
    const unit = token[depth] as string;
    const group = groups.get(unit);
    if (group) group.push(token);
    else groups.set(unit, [token]);
  }
  const branches: string[] = [];
  for (const [unit, group] of groups) {
    const only = group.length === 1 ? (group[0] as Token) : undefined;
    branches.push(unit + (only ? only.slice(depth + 1).join("") : patternOf(group, depth + 1)));
  }
  return branches.length === 1 ? (branches[0] as string) : `(?:${branches.join("|")})`;
}

/** A first unit that only a capital letter or a digit fits ("T", "N"; not "[tT]" or "e"). */
const CAPITAL_UNIT = /^[A-Z0-9]$/;

const LETTER_UNIT = /^(?:[A-Za-z0-9]|\[[A-Za-z0-9]+\])$/;

/** A token's letters, lower case ("[tT]rump" → "trump"); boundaries and separators have none. */
function keyOfUnits(units: readonly string[]): string {
  let key = "";
  for (const unit of units) {
    if (LETTER_UNIT.test(unit))
      key += (unit.length === 1 ? unit : (unit[1] as string)).toLowerCase();
  }
  return key;
}

/** Any character but a letter, digit or underscore: what may come before a word. */
const WORD_END = "[^A-Za-z0-9_]";

/**
 * The matcher's sieve (its patterns have the global flag; callers reset lastIndex), or null
 * when some alias has no ASCII token and every block must be read. Built once per matcher,
 * unless one was adopted (`adoptSieve`).
 */
export function sieveFor(matcher: Matcher): Sieve | null {
  const known = sieveOf(matcher);
  if (known !== undefined) return known;
  const capitals: Token[] = [];
  const others: Token[] = [];
  // The forms that may start lower case, as `Sieve.others` reads them: after a word's end, or
  // anywhere for those inside their alias.
  const othersAtWordStart: Token[] = [];
  const othersAnywhere: Token[] = [];
  const entitiesByToken = new Map<string, Set<number>>();
  let complete = true;
  const shares = runSharesOf(matcher);
  for (const entries of matcher.trie.aliases) {
    for (const entry of entries ?? []) {
      const tokens = tokensOf(entry, shares);
      if (!tokens) {
        complete = false;
        continue;
      }
      for (const token of tokens) {
        if (CAPITAL_UNIT.test(token[0] as string)) {
          capitals.push(token);
        } else {
          others.push(token);
          if (token[1] === NO_WORD_BEFORE_FIRST) {
            othersAtWordStart.push(token.filter((_, index) => index !== 1));
          } else {
            othersAnywhere.push(token);
          }
        }
        const key = keyOfUnits(token);
        let entities = entitiesByToken.get(key);
        if (!entities) entitiesByToken.set(key, (entities = new Set()));
        entities.add(entry.entity);
      }
    }
  }
  let sieve: Sieve | null = null;
  if (complete && capitals.length + others.length > 0) {
    const othersSources = [
      ...(othersAtWordStart.length > 0 ? [`${WORD_END}${patternOf(othersAtWordStart)}`] : []),
      ...(othersAnywhere.length > 0 ? [patternOf(othersAnywhere)] : []),
    ];
    const [capitalsSource, othersSource] = [capitals, others].map((tokens) =>
      tokens.length > 0 ? patternOf(tokens) : "(?!)",
    ) as [string, string];
    sieve = {
      // An empty pattern would hit everywhere: a sieve with no capital tokens never hits there.
      capitals: new RegExp(capitalsSource, "g"),
      others: othersSources.length > 0 ? new RegExp(othersSources.join("|"), "g") : null,
      tokenSources: [capitalsSource, othersSource],
      entitiesByToken,
      entitiesByHit: new Map(),
      reachByHit: new Map(),
    };
  }
  setSieve(matcher, sieve);
  return sieve;
}

/** A matcher with its sieve built: what tests, the bench and the tools give a page pass. */
export function compileMatcherWithSieve(index: MatchIndex): Matcher {
  const matcher = compileMatcher(index);
  sieveFor(matcher);
  return matcher;
}
