/**
 * Check 5: is every mark's text a name or alias of its entity? Pure: the match index comes in as
 * data, the marks as plain records read from the page.
 */
import type { MatchHow, MatchIndex } from "../../lib/dataset/types";

export const LEGAL_HOWS: readonly MatchHow[] = ["full", "alias", "surname", "brand"];

/** Invisible or spacing characters that a name may carry on a page without being another name. */
const INVISIBLE = /\s|\u00a0|\u00ad|\u200b|\u200c|\u200d|\u2060|\ufeff/gu;
const TYPOGRAPHIC_APOSTROPHES = /[\u2018\u2019\u02bc\u2032\uff07]/gu;
const TYPOGRAPHIC_HYPHENS = /[\u2010\u2011]/gu;
const COMBINING_MARK = /\p{M}/gu;

/** Whitespace, NBSP, soft hyphen and zero-width characters removed; quotes and hyphens folded. */
export function normalizeName(text: string): string {
  const composed = text
    .normalize("NFC")
    .replace(INVISIBLE, "")
    .replace(TYPOGRAPHIC_APOSTROPHES, "'")
    .replace(TYPOGRAPHIC_HYPHENS, "-");
  // A combining mark left after composition has no precomposed form: the matcher skips it.
  return composed.replace(COMBINING_MARK, "");
}

/** Has letters and none of them lower-case: a headline or label set in capitals. */
export function isAllCaps(text: string): boolean {
  return /\p{L}/u.test(text) && text === text.toUpperCase() && text !== text.toLowerCase();
}

export interface NamedMark {
  entity: string;
  how: string;
  /** The text the mark (or the marks of one split match, first to last) covers on the page. */
  text: string;
}

export interface NameProblem {
  what: string;
}

interface KnownName {
  normalized: string;
  lower: string;
  how: MatchHow;
  anyCase: boolean;
}

export type NameBook = Map<string, KnownName[]>;

/** Every entity's names, normalized once: its canonical name (as "full") and its aliases. */
export function buildNameBook(index: MatchIndex): NameBook {
  const book: NameBook = new Map();
  for (const entity of index.entities) {
    const names: KnownName[] = [];
    const add = (text: string, how: MatchHow, anyCase: boolean) => {
      const normalized = normalizeName(text);
      names.push({ normalized, lower: normalized.toLowerCase(), how, anyCase });
    };
    // "also-lower" and "also-domain" let lower case through too (in tags, in web addresses).
    for (const alias of entity.aliases) add(alias.text, alias.how, alias.case !== "as-written");
    // The canonical name counts as "full" unless an alias already says how it matches.
    if (!entity.aliases.some((alias) => alias.text === entity.name))
      add(entity.name, "full", false);
    book.set(entity.id, names);
  }
  return book;
}

/** Undefined when the mark is a legal name of its entity with the how it claims. */
export function checkMarkName(book: NameBook, mark: NamedMark): NameProblem | undefined {
  const label = `"${mark.text}" marked as ${mark.entity} (${mark.how})`;
  if (!LEGAL_HOWS.includes(mark.how as MatchHow)) return { what: `${label}: illegal how` };
  const names = book.get(mark.entity);
  if (!names) return { what: `${label}: entity not in the match index` };
  const normalized = normalizeName(mark.text);
  const capitals = isAllCaps(normalized);
  const same = names.filter((name) =>
    name.anyCase || capitals
      ? name.lower === normalized.toLowerCase()
      : name.normalized === normalized,
  );
  if (same.length === 0) return { what: `${label}: not a name or alias of the entity` };
  if (!same.some((name) => name.how === mark.how)) {
    const hows = [...new Set(same.map((name) => name.how))].join("/");
    return { what: `${label}: the index says ${hows}` };
  }
  return undefined;
}
