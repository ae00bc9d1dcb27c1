/**
 * The dataset compiler: curated YAML files + the five articles in, `Dataset` (or every error) out.
 *
 * Pure: the caller reads the files and writes the output (scripts/data/compile.ts). Every error
 * names the curated file, the entry and the problem, e.g.
 * `data/quotes.yaml: quote "whittaker-000-courage": text not found verbatim in articles/000_….txt`.
 */
import { parseAllDocuments } from "yaml";
import type { z } from "zod";
import type {
  Alias,
  ArticleSource,
  Conflict,
  Contract,
  Dataset,
  Entity,
  Quote,
  Source,
  Stance,
  Statement,
  TimelineEvent,
} from "./types";
import {
  SOURCE_FILE_KINDS,
  type ConflictEntry,
  type ContractEntry,
  type EntityEntry,
  type EventEntry,
  type QuoteEntry,
  type SourceEntry,
  type SourceFileName,
  type StanceEntry,
} from "./schema";
import {
  collapseWhitespace,
  findVerbatim,
  prepareVerbatimText,
  type VerbatimText,
} from "./verbatim";

/** A curated source file; `path` is how errors name it, e.g. "data/quotes.yaml". */
export interface CuratedFile {
  path: string;
  text: string;
}

/** An article's text; `file` is relative to data/, e.g. "articles/000_bfb5c102bb8fd280.txt". */
export interface ArticleFile {
  file: string;
  text: string;
}

export type CompileResult = { ok: true; dataset: Dataset } | { ok: false; errors: string[] };

/** An entry that passed its schema, with the file it came from. */
interface Located<T> {
  path: string;
  value: T;
}

interface ParsedFiles {
  sources: Located<SourceEntry>[];
  entities: Located<EntityEntry>[];
  quotes: Located<QuoteEntry>[];
  contracts: Located<ContractEntry>[];
  stances: Located<StanceEntry>[];
  events: Located<EventEntry>[];
  conflicts: Located<ConflictEntry>[];
  /** Ids of entries that failed their schema: already reported, so references to them are not. */
  rejectedIds: Set<string>;
}

const FILE_NAMES = Object.keys(SOURCE_FILE_KINDS) as SourceFileName[];

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function isSourceFileName(name: string): name is SourceFileName {
  return (FILE_NAMES as string[]).includes(name);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join(".");
  const missing = issue.code === "invalid_type" && /received undefined$/.test(issue.message);
  if (missing) return `missing ${field}`;
  return field === "" ? issue.message : `${field}: ${issue.message}`;
}

function entryLabel(entryWord: string, raw: unknown, index: number): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === "string" ? `${entryWord} "${id}"` : `${entryWord} #${index + 1}`;
}

function parseFiles(files: CuratedFile[], errors: string[]): ParsedFiles {
  const parsed: ParsedFiles = {
    sources: [],
    entities: [],
    quotes: [],
    contracts: [],
    stances: [],
    events: [],
    conflicts: [],
    rejectedIds: new Set(),
  };
  const seen = new Set<string>();
  for (const file of files) {
    const name = baseName(file.path);
    if (!isSourceFileName(name)) {
      errors.push(`${file.path}: unknown curated file (expected one of ${FILE_NAMES.join(", ")})`);
      continue;
    }
    if (seen.has(name)) {
      errors.push(`${file.path}: a second ${name} (one file per kind)`);
      continue;
    }
    seen.add(name);
    const documentList = parseAllDocuments(file.text);
    const yamlErrors = documentList.flatMap((document) => document.errors);
    if (yamlErrors.length > 0 || documentList.length > 1) {
      const reason = yamlErrors[0]?.message.split("\n")[0] ?? "more than one YAML document";
      errors.push(`${file.path}: invalid YAML: ${reason}`);
      continue;
    }
    const content: unknown = documentList[0]?.toJS() ?? [];
    if (!Array.isArray(content)) {
      errors.push(`${file.path}: must be a YAML list of entries`);
      continue;
    }
    const { entry: entryWord, schema } = SOURCE_FILE_KINDS[name];
    const target = parsed[name.replace(".yaml", "") as keyof ParsedFiles] as Located<unknown>[];
    content.forEach((raw: unknown, index) => {
      const result = schema.safeParse(raw);
      if (!result.success) {
        const id = (raw as { id?: unknown } | null)?.id;
        if (typeof id === "string") parsed.rejectedIds.add(id);
        for (const issue of result.error.issues) {
          errors.push(
            `${file.path}: ${entryLabel(entryWord, raw, index)}: ${describeIssue(issue)}`,
          );
        }
        return;
      }
      target.push({ path: file.path, value: result.data });
    });
  }
  return parsed;
}

/** Reports duplicate ids within one kind and returns the entries by id (first wins). */
function indexById<T extends { id: string }>(
  entries: Located<T>[],
  entryWord: string,
  errors: string[],
): Map<string, Located<T>> {
  const byId = new Map<string, Located<T>>();
  for (const entry of entries) {
    if (byId.has(entry.value.id)) {
      errors.push(`${entry.path}: ${entryWord} "${entry.value.id}": duplicate id`);
      continue;
    }
    byId.set(entry.value.id, entry);
  }
  return byId;
}

/** Code-unit order, not locale order, so the output is the same on every machine. */
function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function byId<T extends { id: string }>(left: T, right: T): number {
  return compareText(left.id, right.id);
}

/** Words a summary puts in typographic quotation marks: “…”. */
const QUOTED_WORDS = /“([^”]+)”/g;

/** Lower-case key for alias uniqueness: case-insensitive, because `case: any` aliases match so. */
function aliasKey(text: string): string {
  return collapseWhitespace(text).toLowerCase();
}

export function compileDataset(files: CuratedFile[], articles: ArticleFile[]): CompileResult {
  const errors: string[] = [];
  const parsed = parseFiles(files, errors);

  const articleTexts = new Map<string, VerbatimText>();
  for (const article of articles) {
    articleTexts.set(article.file, prepareVerbatimText(article.file, article.text));
  }

  const sources = indexById(parsed.sources, "source", errors);
  const entities = indexById(parsed.entities, "entity", errors);
  const quotes = indexById(parsed.quotes, "quote", errors);
  const contracts = indexById(parsed.contracts, "contract", errors);
  const stances = indexById(parsed.stances, "stance", errors);
  const events = indexById(parsed.events, "event", errors);
  const conflicts = indexById(parsed.conflicts, "conflict", errors);

  /** The text of an article source by its id (undefined if it is not an article). */
  const articleOf = new Map<string, VerbatimText>();

  // Sources: articles name an existing file, with its stem as id, and state only what it says.
  const articleFilesWithSource = new Set<string>();
  for (const { path, value: source } of sources.values()) {
    if (source.kind !== "article") continue;
    const fail = (problem: string) => errors.push(`${path}: source "${source.id}": ${problem}`);
    const article = articleTexts.get(source.file);
    if (!article) {
      fail(`file ${source.file} is not one of the articles`);
      continue;
    }
    articleFilesWithSource.add(source.file);
    const stem = baseName(source.file).replace(/\.txt$/, "");
    if (stem !== source.id) fail(`id must be the file stem "${stem}"`);
    articleOf.set(source.id, article);
    for (const field of ["headline", "publisher", "date"] as const) {
      const value = source[field];
      if (value !== undefined && findVerbatim(article, value) === -1) {
        fail(`${field} not found verbatim in ${article.file}`);
      }
    }
  }
  for (const file of articleTexts.keys()) {
    if (!articleFilesWithSource.has(file)) {
      errors.push(`data/sources.yaml: article ${file} has no source entry`);
    }
  }

  /**
   * Checks an article-layer fact: its source is an article and its excerpt is in that article.
   * `field` prefixes the problem for nested facts, e.g. "roles[0]: ".
   */
  function checkArticleFact(
    fail: (problem: string) => void,
    field: string,
    fact: { source: string; excerpt?: string | undefined },
  ): VerbatimText | undefined {
    const source = sources.get(fact.source)?.value;
    if (!source) {
      if (!parsed.rejectedIds.has(fact.source))
        fail(`${field}source "${fact.source}" does not exist`);
      return undefined;
    }
    if (source.kind !== "article") {
      fail(
        `${field}source "${fact.source}" is further reporting; article facts must cite an article`,
      );
      return undefined;
    }
    // An article source whose file is missing is reported at its own entry.
    const article = articleOf.get(fact.source);
    if (!article) return undefined;
    if (fact.excerpt === undefined) {
      fail(`${field}missing excerpt (article facts quote the article)`);
      return undefined;
    }
    if (findVerbatim(article, fact.excerpt) === -1) {
      fail(`${field}excerpt not found verbatim in ${article.file}`);
      return undefined;
    }
    return article;
  }

  function checkInExcerpt(
    fail: (problem: string) => void,
    field: string,
    value: string,
    excerpt: string,
  ): void {
    if (findVerbatim(excerpt, value) === -1) fail(`${field} "${value}" is not in its excerpt`);
  }

  /**
   * A summary (a stance's, an event's, a conflict side's) is the dataset's wording, but whatever it
   * puts in quotation marks is the article's: those words must be in the excerpt as printed.
   */
  function checkQuotedWords(
    fail: (problem: string) => void,
    field: string,
    summary: string,
    excerpt: string,
  ): void {
    for (const [, words] of summary.matchAll(QUOTED_WORDS)) {
      checkInExcerpt(fail, `${field}: quoted words`, words!, excerpt);
    }
  }

  // Entities: sourced roles and affiliations, aliases that follow the policy.
  const aliasOwners = new Map<string, { entity: string; alias: Alias }[]>();
  for (const { path, value: entity } of entities.values()) {
    const fail = (problem: string) => errors.push(`${path}: entity "${entity.id}": ${problem}`);
    entity.roles.forEach((role, index) => {
      if (checkArticleFact(fail, `roles[${index}]: `, role)) {
        checkInExcerpt(fail, `roles[${index}]: role`, role.text, role.excerpt);
      }
    });
    entity.affiliations.forEach((affiliation, index) => {
      const field = `affiliations[${index}]: `;
      const organization = entities.get(affiliation.organization)?.value;
      if (!organization) {
        if (!parsed.rejectedIds.has(affiliation.organization)) {
          fail(`${field}organization "${affiliation.organization}" does not exist`);
        }
      } else if (organization.kind !== "organization") {
        fail(`${field}"${affiliation.organization}" is not an organization`);
      }
      if (checkArticleFact(fail, field, affiliation) && affiliation.role !== undefined) {
        checkInExcerpt(fail, `${field}role`, affiliation.role, affiliation.excerpt);
      }
    });
    const exactTexts = new Set<string>();
    const ownKeys = new Set<string>();
    for (const alias of entity.aliases) {
      if (alias.how === "surname" && entity.kind !== "person") {
        fail(`alias "${alias.text}": only a person has a surname`);
      }
      if (exactTexts.has(alias.text)) fail(`alias "${alias.text}" is listed twice`);
      exactTexts.add(alias.text);
      // Case variants ("ICEout.Tech", "ICEout.tech") are printed forms of one alias.
      const key = aliasKey(alias.text);
      if (ownKeys.has(key)) continue;
      ownKeys.add(key);
      const owners = aliasOwners.get(key) ?? [];
      owners.push({ entity: entity.id, alias });
      aliasOwners.set(key, owners);
    }
  }
  for (const owners of aliasOwners.values()) {
    for (const { entity: entityId, alias } of owners) {
      const { path } = entities.get(entityId)!;
      const fail = (problem: string) => errors.push(`${path}: entity "${entityId}": ${problem}`);
      const others = owners.filter((owner) => owner.entity !== entityId);
      const declared = new Set(alias.sharedWith);
      for (const sharedId of declared) {
        if (!entities.has(sharedId)) {
          if (!parsed.rejectedIds.has(sharedId)) {
            fail(`alias "${alias.text}": sharedWith "${sharedId}" does not exist`);
          }
        } else if (!others.some((other) => other.entity === sharedId)) {
          fail(`alias "${alias.text}": sharedWith "${sharedId}", which has no such alias`);
        }
      }
      for (const other of others) {
        if (!declared.has(other.entity)) {
          fail(
            `alias "${alias.text}" also belongs to entity "${other.entity}" ` +
              `(declare sharedWith on both, or remove one)`,
          );
        }
      }
    }
  }

  // Quotes: verbatim text inside a verbatim excerpt, a speaker, one speaker per statement.
  const quoteOffsets = new Map<string, number>();
  const statementSpeakers = new Map<string, string>();
  for (const { path, value: quote } of quotes.values()) {
    const fail = (problem: string) => errors.push(`${path}: quote "${quote.id}": ${problem}`);
    if (!entities.has(quote.speaker) && !parsed.rejectedIds.has(quote.speaker))
      fail(`speaker "${quote.speaker}" does not exist`);
    const article = checkArticleFact(fail, "", quote);
    if (article) {
      const offset = findVerbatim(article, quote.text);
      if (offset === -1) fail(`text not found verbatim in ${article.file}`);
      else if (findVerbatim(quote.excerpt, quote.text) === -1) fail("text is not in its excerpt");
      quoteOffsets.set(quote.id, offset);
    }
    const speaker = statementSpeakers.get(quote.statement);
    if (speaker === undefined) statementSpeakers.set(quote.statement, quote.speaker);
    else if (speaker !== quote.speaker) {
      fail(
        `statement "${quote.statement}" belongs to speaker "${speaker}", not "${quote.speaker}"`,
      );
    }
  }

  // A statement reported in several wordings names the one that leads, exactly once.
  const statementQuotes = new Map<string, Located<QuoteEntry>[]>();
  for (const entry of quotes.values()) {
    const list = statementQuotes.get(entry.value.statement) ?? [];
    list.push(entry);
    statementQuotes.set(entry.value.statement, list);
  }
  for (const [statementId, versions] of statementQuotes) {
    const leads = versions.filter((entry) => entry.value.lead);
    if (versions.length < 2 || leads.length === 1) continue;
    // A statement shared by two speakers is already reported; its lead is not the problem.
    if (new Set(versions.map((entry) => entry.value.speaker)).size > 1) continue;
    const { path, value } = leads[1] ?? versions[0]!;
    errors.push(
      `${path}: quote "${value.id}": statement "${statementId}" has ${versions.length} ` +
        `versions and ${leads.length} marked lead: true (exactly one: the speaker's own words ` +
        `in full where an article prints them)`,
    );
  }

  // Contracts: a vendor, and sources of the fact's own layer.
  for (const { path, value: contract } of contracts.values()) {
    const fail = (problem: string) => errors.push(`${path}: contract "${contract.id}": ${problem}`);
    const vendor = entities.get(contract.vendor)?.value;
    if (!vendor) {
      if (!parsed.rejectedIds.has(contract.vendor))
        fail(`vendor "${contract.vendor}" does not exist`);
    } else if (vendor.kind !== "organization")
      fail(`vendor "${contract.vendor}" is not an organization`);
    contract.sources.forEach((fact, index) => {
      const field = `sources[${index}]: `;
      if (contract.layer === "article") {
        checkArticleFact(fail, field, fact);
        return;
      }
      const source = sources.get(fact.source)?.value;
      if (!source) {
        if (!parsed.rejectedIds.has(fact.source))
          fail(`${field}source "${fact.source}" does not exist`);
      } else if (source.kind !== "further-reporting") {
        fail(
          `${field}source "${fact.source}" is an article; further-reporting facts cite further reporting`,
        );
      } else if (fact.excerpt !== undefined) {
        fail(`${field}further-reporting facts are paraphrased: no excerpt`);
      }
    });
    if (contract.layer === "article" && contract.amount) {
      const amountText = contract.amount.text;
      const stated = contract.sources.some(
        (fact) => fact.excerpt !== undefined && findVerbatim(fact.excerpt, amountText) !== -1,
      );
      if (!stated) fail(`amount "${amountText}" is not in any of its excerpts`);
    }
  }

  for (const { path, value: stance } of stances.values()) {
    const fail = (problem: string) => errors.push(`${path}: stance "${stance.id}": ${problem}`);
    if (!entities.has(stance.entity) && !parsed.rejectedIds.has(stance.entity))
      fail(`entity "${stance.entity}" does not exist`);
    if (checkArticleFact(fail, "", stance)) {
      checkQuotedWords(fail, "summary", stance.summary, stance.excerpt);
    }
  }

  for (const { path, value: event } of events.values()) {
    const fail = (problem: string) => errors.push(`${path}: event "${event.id}": ${problem}`);
    for (const entityId of event.entities) {
      if (!entities.has(entityId) && !parsed.rejectedIds.has(entityId)) {
        fail(`entity "${entityId}" does not exist`);
      }
    }
    if (checkArticleFact(fail, "", event)) {
      checkInExcerpt(fail, "date", event.date, event.excerpt);
      checkQuotedWords(fail, "what", event.what, event.excerpt);
    }
  }

  for (const { path, value: conflict } of conflicts.values()) {
    const fail = (problem: string) => errors.push(`${path}: conflict "${conflict.id}": ${problem}`);
    for (const entityId of conflict.entities) {
      if (!entities.has(entityId) && !parsed.rejectedIds.has(entityId))
        fail(`entity "${entityId}" does not exist`);
    }
    conflict.sides.forEach((side, index) => {
      if (checkArticleFact(fail, `sides[${index}]: `, side)) {
        checkQuotedWords(fail, `sides[${index}]: claim`, side.claim, side.excerpt);
      }
    });
  }

  // An entity is in the dataset only because a sourced fact is about it. Checked once everything
  // else holds, so a broken reference does not also report its target as uncited.
  if (errors.length > 0) return { ok: false, errors };
  const cited = new Set<string>();
  for (const { value: entity } of entities.values()) {
    if (entity.roles.length > 0 || entity.affiliations.length > 0) cited.add(entity.id);
    for (const affiliation of entity.affiliations) cited.add(affiliation.organization);
  }
  for (const { value: quote } of quotes.values()) cited.add(quote.speaker);
  for (const { value: contract } of contracts.values()) cited.add(contract.vendor);
  for (const { value: stance } of stances.values()) cited.add(stance.entity);
  for (const { value: event } of events.values()) event.entities.forEach((id) => cited.add(id));
  for (const { value: conflict } of conflicts.values()) {
    conflict.entities.forEach((id) => cited.add(id));
  }
  for (const { path, value: entity } of entities.values()) {
    if (!cited.has(entity.id)) {
      errors.push(
        `${path}: entity "${entity.id}": no sourced fact is about it ` +
          `(add a role, quote, stance, contract, event or conflict)`,
      );
    }
  }

  if (errors.length > 0) return { ok: false, errors };

  return {
    ok: true,
    dataset: assemble({
      sources: [...sources.values()].map((entry) => entry.value),
      entities: [...entities.values()].map((entry) => entry.value),
      quotes: [...quotes.values()].map((entry) => entry.value),
      contracts: [...contracts.values()].map((entry) => entry.value),
      stances: [...stances.values()].map((entry) => entry.value),
      events: [...events.values()].map((entry) => entry.value),
      conflicts: [...conflicts.values()].map((entry) => entry.value),
      quoteOffsets,
    }),
  };
}

interface VerifiedEntries {
  sources: SourceEntry[];
  entities: EntityEntry[];
  quotes: QuoteEntry[];
  contracts: ContractEntry[];
  stances: StanceEntry[];
  events: EventEntry[];
  conflicts: ConflictEntry[];
  /** Where each quote's text is in its article, to list a statement's quotes in source order. */
  quoteOffsets: Map<string, number>;
}

/** Builds the output with a fixed key order and every list sorted by id, so output is stable. */
function assemble(entries: VerifiedEntries): Dataset {
  const sources: Source[] = entries.sources.map((source): Source => {
    if (source.kind === "article") {
      const article: ArticleSource = {
        id: source.id,
        kind: "article",
        file: source.file,
        headline: source.headline,
        publisher: source.publisher,
        date: source.date,
      };
      return article;
    }
    return {
      id: source.id,
      kind: "further-reporting",
      outlet: source.outlet,
      headline: source.headline,
      author: source.author,
      date: source.date,
      url: source.url,
    };
  });

  const entities: Entity[] = entries.entities.map((entity) => ({
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    category: entity.category,
    roles: entity.roles.map((role) => ({
      text: role.text,
      source: role.source,
      excerpt: role.excerpt,
    })),
    affiliations: entity.affiliations.map((affiliation) => ({
      organization: affiliation.organization,
      role: affiliation.role,
      source: affiliation.source,
      excerpt: affiliation.excerpt,
    })),
    aliases: entity.aliases.map((alias) => ({
      text: alias.text,
      how: alias.how,
      case: alias.case,
      sharedWith: alias.sharedWith ? [...alias.sharedWith].sort(compareText) : undefined,
      alone: alias.alone,
    })),
    markMode: entity.markMode,
  }));

  const quotes: Quote[] = entries.quotes.map((quote) => ({
    id: quote.id,
    speaker: quote.speaker,
    text: quote.text,
    source: quote.source,
    statement: quote.statement,
    lead: quote.lead,
    context: {
      to: quote.context.to,
      where: quote.context.where,
      when: quote.context.when,
      note: quote.context.note,
    },
    excerpt: quote.excerpt,
  }));

  const statementsById = new Map<string, Statement>();
  const leadThenSourceOrder = [...quotes].sort(
    (left, right) =>
      Number(right.lead ?? false) - Number(left.lead ?? false) ||
      compareText(left.source, right.source) ||
      (entries.quoteOffsets.get(left.id) ?? 0) - (entries.quoteOffsets.get(right.id) ?? 0) ||
      compareText(left.id, right.id),
  );
  for (const quote of leadThenSourceOrder) {
    const statement = statementsById.get(quote.statement) ?? {
      id: quote.statement,
      speaker: quote.speaker,
      quotes: [],
    };
    statement.quotes.push(quote.id);
    statementsById.set(quote.statement, statement);
  }

  const contracts: Contract[] = entries.contracts.map((contract) => ({
    id: contract.id,
    vendor: contract.vendor,
    kind: contract.kind,
    agency: contract.agency,
    program: contract.program,
    description: contract.description,
    amount: contract.amount
      ? { text: contract.amount.text, kind: contract.amount.kind }
      : undefined,
    date: contract.date,
    layer: contract.layer,
    sources: contract.sources.map((fact) => ({ source: fact.source, excerpt: fact.excerpt })),
  }));

  const stances: Stance[] = entries.stances.map((stance) => ({
    id: stance.id,
    entity: stance.entity,
    kind: stance.kind,
    summary: stance.summary,
    source: stance.source,
    excerpt: stance.excerpt,
  }));

  const events: TimelineEvent[] = entries.events.map((event) => ({
    id: event.id,
    date: event.date,
    what: event.what,
    entities: [...event.entities].sort(compareText),
    source: event.source,
    excerpt: event.excerpt,
  }));

  const conflicts: Conflict[] = entries.conflicts.map((conflict) => ({
    id: conflict.id,
    topic: conflict.topic,
    entities: [...conflict.entities].sort(compareText),
    sides: conflict.sides.map((side) => ({
      claim: side.claim,
      source: side.source,
      excerpt: side.excerpt,
    })),
  }));

  return {
    version: 1,
    sources: sources.sort(byId),
    entities: entities.sort(byId),
    quotes: quotes.sort(byId),
    statements: [...statementsById.values()].sort(byId),
    contracts: contracts.sort(byId),
    stances: stances.sort(byId),
    events: events.sort(byId),
    conflicts: conflicts.sort(byId),
  };
}

/** The committed JSON form: 2-space indentation and a trailing newline. */
export function serializeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
