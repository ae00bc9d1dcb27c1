/**
 * The compiled dataset (`data/dataset.json`) and the match index (`data/match-index.json`).
 *
 * These types are the contract between the data compiler (scripts/data), the background (which
 * answers card requests from the dataset) and the content script (which only ever sees the match
 * index). Pure types: no runtime code, no DOM, no browser.
 */

export type SourceId = string;
export type EntityId = string;

/** One of the five articles in `data/articles/`. Fields the text does not name stay absent. */
export interface ArticleSource {
  id: SourceId; // the file stem, e.g. "000_bfb5c102bb8fd280"
  kind: "article";
  file: string; // path relative to data/, e.g. "articles/000_bfb5c102bb8fd280.txt"
  headline: string; // the headline, or the first line where there is none
  publisher?: string;
  date?: string; // as the text states it, e.g. "January 27, 2026"
}

/** Public reporting from ../shared/research/ice-contracts.md: a separate, labelled layer. */
export interface FurtherReportingSource {
  id: SourceId; // e.g. "wired-2025-04-18-immigrationos"
  kind: "further-reporting";
  outlet: string;
  headline?: string;
  author?: string;
  date?: string; // as reported, e.g. "April 18, 2025" or "September 2025"
  url?: string;
}

export type Source = ArticleSource | FurtherReportingSource;

/**
 * How an alias may match, and so how a mark says it matched:
 * - full: the canonical full name ("Tim Cook", "Palantir", "Amazon Web Services");
 * - alias: another unambiguous name ("AWS", "IceOut.Tech", "ICEout.tech");
 * - surname: a person's surname alone, only after their full name appeared earlier on the page
 *   and only when no other person on the page shares it (unless declared `alone`, decision 0006);
 * - brand: a name that is also an ordinary word (Apple, Amazon, Oracle, Meta, Signal, Zoom),
 *   only in its proper-noun form and outside the phrases that give it another sense.
 */
export type MatchHow = "full" | "alias" | "surname" | "brand";

/**
 * Case rule: "as-written" matches the alias as written, or in ALL CAPS inside an all-caps run
 * (headlines); "any" matches regardless of case (names no ordinary word shares, "linkedin",
 * "iceout.tech"). The two "also" rules add one more form to "as-written" (docs/decisions/0002):
 * "also-lower" the alias all in lower case (a person's full name in tags, "elon musk"), and
 * "also-domain" any case as the name of a web address ("www.amazon.com", "@wired.com"), for a
 * company whose lower-case name is an ordinary word or verb elsewhere.
 */
export type CaseRule = "as-written" | "any" | "also-lower" | "also-domain";

export interface Alias {
  text: string;
  how: MatchHow;
  case: CaseRule;
  /** Entity ids that are declared to share this alias text (otherwise an alias is unique). */
  sharedWith?: EntityId[];
  /**
   * On a surname only: the news uses it alone for this person, so it matches even before the
   * full name appears on the page (namesake guards still apply; docs/decisions/0006).
   */
  alone?: true;
}

/** Whether every mention of an entity is marked, or only the first on the page (setting-ready). */
export type MarkMode = "every" | "first";

/** A sourced fact: the article it comes from and the article's own words (checked verbatim). */
export interface Sourced {
  source: SourceId;
  /** Verbatim excerpt from the article; absent only for further-reporting sources. */
  excerpt?: string;
}

export interface Role extends Sourced {
  text: string; // as the article states it, e.g. "Apple CEO"
}

export interface Affiliation extends Sourced {
  organization: EntityId;
  role?: string;
}

export type EntityKind = "person" | "organization";

export interface Entity {
  id: EntityId;
  name: string;
  kind: EntityKind;
  /**
   * Why the dataset holds this entity, e.g. "tech-leader", "company", "agency", "victim", "letter".
   */
  category: string;
  roles: Role[];
  affiliations: Affiliation[];
  aliases: Alias[];
  markMode: MarkMode;
}

export interface QuoteContext {
  to?: string; // to whom, e.g. "on X"
  where?: string; // where, e.g. "in a post on X"
  when?: string; // when, as stated, e.g. "Monday", "January 26, 2026"
  note?: string;
}

export interface Quote {
  id: string;
  speaker: EntityId;
  /** Exactly as the article prints it (typographic quotes, dashes and [sic] kept). */
  text: string;
  source: SourceId;
  /** Quotes reporting the same statement in different words share a statement id. */
  statement: string;
  /** The statement's leading version: the speaker's own words in full where printed. */
  lead?: true;
  context: QuoteContext;
  /** The surrounding sentence in the article, verbatim, for attribution. */
  excerpt: string;
}

export type AmountKind = "obligated" | "ceiling" | "potential" | "reported" | "outlay";

export interface Amount {
  text: string; // exactly as stated, e.g. "$30 million", "about $30 million"
  kind: AmountKind;
}

/** "article": stated in one of the five articles; "further-reporting": from public reporting. */
export type FactLayer = "article" | "further-reporting";

/**
 * Not contracts with ICE, though about its buying: "solicitation", a purchase ICE announced it
 * planned; "bid-protest", the vendor protested how ICE bought.
 */
export type ContractKind = "contract" | "solicitation" | "bid-protest";

export interface Contract {
  id: string;
  vendor: EntityId;
  kind: ContractKind;
  agency: string; // "ICE", "ICE-HSI", "DHS", ...
  program?: string; // program or product, e.g. "ImmigrationOS"
  description: string; // what it does
  amount?: Amount;
  date?: string; // year or date as stated
  layer: FactLayer;
  sources: Sourced[];
}

export interface Stance extends Sourced {
  id: string;
  entity: EntityId;
  kind: string; // e.g. "not-spoken", "attended-inauguration", "attended-screening", "signed-letter"
  /** Neutral wording for the card, e.g. "Named as not having publicly commented on the killing". */
  summary: string;
  excerpt: string;
}

export interface TimelineEvent extends Sourced {
  id: string;
  date: string; // as the source states it
  what: string;
  /** Entities the event is about (so a card can show its timeline); the compiler always sets it. */
  entities?: EntityId[];
  excerpt: string;
}

export interface ConflictSide extends Sourced {
  claim: string;
  excerpt: string;
}

export interface Conflict {
  id: string;
  topic: string; // e.g. "Number of signatories"
  /** Entities the disagreement is about (so a card can show it), may be empty. */
  entities: EntityId[];
  sides: ConflictSide[];
}

export interface Statement {
  id: string;
  speaker: EntityId;
  quotes: string[]; // quote ids: the lead first, then the others in source order
}

export interface Dataset {
  version: 1;
  sources: Source[];
  entities: Entity[];
  quotes: Quote[];
  statements: Statement[];
  contracts: Contract[];
  stances: Stance[];
  events: TimelineEvent[];
  conflicts: Conflict[];
}

/** What the content script receives: enough to match, nothing a card needs. */
export interface MatchIndexEntity {
  id: EntityId;
  name: string;
  aliases: Alias[];
  markMode: MarkMode;
}

export interface MatchIndex {
  version: 1;
  entities: MatchIndexEntity[];
}
