/**
 * What a card shows, built from the dataset by a pure function. The background owns the dataset
 * and answers card requests with this; the content script and the popup only render it.
 */
import type {
  Amount,
  ContractKind,
  Dataset,
  EntityId,
  EntityKind,
  FactLayer,
  QuoteContext,
  Source,
  SourceId,
} from "../dataset/types";

/** A source as a reader needs it to judge and cite a line. */
export interface SourceRef {
  id: SourceId;
  kind: Source["kind"];
  /** Headline, or for further reporting the outlet's headline when given. */
  title: string;
  publisher?: string;
  date?: string;
  url?: string;
}

export interface SourcedLine {
  text: string;
  source: SourceRef;
  excerpt?: string;
}

/** A fact stated the same way by several sources: one line, every source. */
export interface RoleLine {
  text: string;
  sources: SourceRef[];
}

export interface CardEvent {
  id: string;
  date: string;
  what: string;
  source: SourceRef;
  /** The article's own words behind `what`, which is the dataset's summary. */
  excerpt: string;
}

export interface QuoteVariant {
  quoteId: string;
  text: string;
  source: SourceRef;
  context: QuoteContext;
}

/** One statement, with each article's wording of it. */
export interface CardStatement {
  id: string;
  variants: QuoteVariant[];
}

export interface CardContract {
  id: string;
  vendor: { id: EntityId; name: string };
  agency: string;
  program?: string;
  description: string;
  amount?: Amount;
  date?: string;
  layer: FactLayer;
  kind: ContractKind;
  sources: SourcedLine[];
}

export interface CardConflict {
  id: string;
  topic: string;
  sides: { claim: string; source: SourceRef; excerpt: string }[];
}

export interface EntityRef {
  id: EntityId;
  name: string;
  role?: string;
}

export interface CardData {
  id: EntityId;
  name: string;
  kind: EntityKind;
  roles: RoleLine[];
  /** For a person: the organizations they belong to. */
  organizations: EntityRef[];
  /** For an organization: the people in the dataset who belong to it. */
  members: EntityRef[];
  /**
   * Whether ICE contracts mean anything for this entity: a company, or a person through their
   * company. Not an agency (the buyer), a person killed, the letter or a publisher.
   */
  showsContracts: boolean;
  /**
   * For a person: the companies whose contracts the card lists ("Known ICE contracts of Apple"),
   * so that none of them, nor their absence, reads as the person's own.
   */
  contractsOf?: string;
  /**
   * A person the news names by surname alone (decision 0006): their surname marks without a full
   * name first.
   */
  surnameAlone: boolean;
  statements: CardStatement[];
  stances: SourcedLine[];
  /** Article facts first, then further reporting; the layer is on each. Contracts only. */
  contracts: CardContract[];
  /**
   * Planned solicitations and bid protests: contracting facts that are not contracts, never counted
   * as one.
   */
  notContracts: CardContract[];
  conflicts: CardConflict[];
  /** The timeline events about this entity, in dataset order. */
  events: CardEvent[];
}

function sourceRef(source: Source): SourceRef {
  if (source.kind === "article") {
    return {
      id: source.id,
      kind: source.kind,
      title: source.headline,
      ...(source.publisher !== undefined && { publisher: source.publisher }),
      ...(source.date !== undefined && { date: source.date }),
    };
  }
  return {
    id: source.id,
    kind: source.kind,
    title: source.headline ?? source.outlet,
    publisher: source.outlet,
    ...(source.date !== undefined && { date: source.date }),
    ...(source.url !== undefined && { url: source.url }),
  };
}

const LAYER_ORDER: Record<FactLayer, number> = { article: 0, "further-reporting": 1 };

/** Builds card data for every entity at once: the background does this once per start. */
export function buildCards(dataset: Dataset): Map<EntityId, CardData> {
  const sources = new Map(dataset.sources.map((source) => [source.id, sourceRef(source)]));
  const entities = new Map(dataset.entities.map((entity) => [entity.id, entity]));
  const source = (id: SourceId): SourceRef => {
    const found = sources.get(id);
    // The compiler checked every reference; a miss here means a stale dataset, not bad input.
    if (!found) throw new Error(`dataset: unknown source "${id}"`);
    return found;
  };
  const sourced = (line: { text: string; source: SourceId; excerpt?: string }): SourcedLine => ({
    text: line.text,
    source: source(line.source),
    ...(line.excerpt !== undefined && { excerpt: line.excerpt }),
  });

  const quotesById = new Map(dataset.quotes.map((quote) => [quote.id, quote]));
  const membersOf = new Map<EntityId, EntityRef[]>();
  /** Organizations part of another (Amazon Web Services of Amazon), by the parent's id. */
  const partsOf = new Map<EntityId, EntityId[]>();
  for (const entity of dataset.entities) {
    for (const affiliation of entity.affiliations) {
      if (entity.kind === "organization") {
        partsOf.set(affiliation.organization, [
          ...(partsOf.get(affiliation.organization) ?? []),
          entity.id,
        ]);
        continue;
      }
      const list = membersOf.get(affiliation.organization) ?? [];
      if (!list.some((known) => known.id === entity.id)) {
        list.push({
          id: entity.id,
          name: entity.name,
          ...(affiliation.role !== undefined && { role: affiliation.role }),
        });
      }
      membersOf.set(affiliation.organization, list);
    }
  }

  /** "Apple", "Google and Google DeepMind": a person's companies, as their card names them. */
  const companyList = new Intl.ListFormat("en", { type: "conjunction" });
  const cards = new Map<EntityId, CardData>();
  for (const entity of dataset.entities) {
    const organizations: EntityRef[] = [];
    for (const affiliation of entity.affiliations) {
      const organization = entities.get(affiliation.organization);
      if (organization && !organizations.some((known) => known.id === organization.id)) {
        organizations.push({
          id: organization.id,
          name: organization.name,
          ...(affiliation.role !== undefined && { role: affiliation.role }),
        });
      }
    }
    // A person's contracts are their organizations'; an organization's include its parts'
    // (each shows under its own vendor name), never its parent's.
    const own = [entity.id, ...(entity.kind === "person" ? organizations.map(({ id }) => id) : [])];
    const vendorIds = new Set([...own, ...own.flatMap((id) => partsOf.get(id) ?? [])]);
    const isCompany = (id: EntityId) => entities.get(id)?.category === "company";

    const statements: CardStatement[] = dataset.statements
      .filter((statement) => statement.speaker === entity.id)
      .map((statement) => ({
        id: statement.id,
        variants: statement.quotes.flatMap((quoteId): QuoteVariant[] => {
          const quote = quotesById.get(quoteId);
          if (!quote) return [];
          return [
            {
              quoteId: quote.id,
              text: quote.text,
              source: source(quote.source),
              context: quote.context,
            },
          ];
        }),
      }));

    const contractingFacts: CardContract[] = dataset.contracts
      .filter((contract) => vendorIds.has(contract.vendor))
      .sort((a, b) => LAYER_ORDER[a.layer] - LAYER_ORDER[b.layer] || a.id.localeCompare(b.id))
      .map((contract) => ({
        id: contract.id,
        vendor: {
          id: contract.vendor,
          name: entities.get(contract.vendor)?.name ?? contract.vendor,
        },
        agency: contract.agency,
        ...(contract.program !== undefined && { program: contract.program }),
        description: contract.description,
        ...(contract.amount !== undefined && { amount: contract.amount }),
        ...(contract.date !== undefined && { date: contract.date }),
        layer: contract.layer,
        kind: contract.kind,
        sources: contract.sources.map((line) => ({
          text: line.excerpt ?? "",
          source: source(line.source),
          ...(line.excerpt !== undefined && { excerpt: line.excerpt }),
        })),
      }));

    const companies =
      entity.kind === "person" ? organizations.filter(({ id }) => isCompany(id)) : [];

    cards.set(entity.id, {
      id: entity.id,
      name: entity.name,
      kind: entity.kind,
      roles: mergeRoles(entity.roles.map(sourced)),
      organizations,
      members: membersOf.get(entity.id) ?? [],
      showsContracts: isCompany(entity.id) || organizations.some(({ id }) => isCompany(id)),
      ...(companies.length > 0 && {
        contractsOf: companyList.format(companies.map(({ name }) => name)),
      }),
      surnameAlone: entity.aliases.some((alias) => alias.how === "surname" && alias.alone),
      statements,
      stances: dataset.stances
        .filter((stance) => stance.entity === entity.id)
        .map((stance) => sourced({ ...stance, text: stance.summary })),
      contracts: contractingFacts.filter((fact) => fact.kind === "contract"),
      notContracts: contractingFacts.filter((fact) => fact.kind !== "contract"),
      conflicts: dataset.conflicts
        .filter((conflict) => conflict.entities.includes(entity.id))
        .map((conflict) => ({
          id: conflict.id,
          topic: conflict.topic,
          sides: conflict.sides.map((side) => ({
            claim: side.claim,
            source: source(side.source),
            excerpt: side.excerpt,
          })),
        })),
      events: dataset.events
        .filter((event) => event.entities?.includes(entity.id))
        .map((event) => ({
          id: event.id,
          date: event.date,
          what: event.what,
          source: source(event.source),
          excerpt: event.excerpt,
        })),
    });
  }
  return cards;
}

/** Roles worded identically by several articles become one line citing each of them. */
function mergeRoles(lines: readonly SourcedLine[]): RoleLine[] {
  const merged = new Map<string, RoleLine>();
  for (const line of lines) {
    const role = merged.get(line.text) ?? { text: line.text, sources: [] };
    if (!role.sources.some((known) => known.id === line.source.id)) role.sources.push(line.source);
    merged.set(line.text, role);
  }
  return [...merged.values()];
}
