/** Completeness report for `npm run data -- --report`: counts per article and per kind. */
import type { Dataset } from "./types";

export interface ArticleCounts {
  quotes: number;
  stances: number;
  events: number;
  conflictSides: number;
  contractFacts: number;
  entityFacts: number; // roles and affiliations citing the article
}

export interface DatasetReport {
  articles: Record<string, ArticleCounts>;
  sources: Record<string, number>; // by kind
  entities: Record<string, number>; // by "kind/category"
  quotes: number;
  statements: number;
  statementsInSeveralArticles: number;
  contracts: Record<string, number>; // by layer; other kinds (bid-protest) by kind
  stances: Record<string, number>; // by stance kind
  events: number;
  conflicts: number;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).sort(([left], [right]) => (left < right ? -1 : 1)),
  );
}

export function buildReport(dataset: Dataset): DatasetReport {
  const articles: Record<string, ArticleCounts> = {};
  for (const source of dataset.sources) {
    if (source.kind !== "article") continue;
    articles[source.id] = {
      quotes: 0,
      stances: 0,
      events: 0,
      conflictSides: 0,
      contractFacts: 0,
      entityFacts: 0,
    };
  }
  const count = (sourceId: string, field: keyof ArticleCounts) => {
    const counts = articles[sourceId];
    if (counts) counts[field] += 1;
  };
  for (const quote of dataset.quotes) count(quote.source, "quotes");
  for (const stance of dataset.stances) count(stance.source, "stances");
  for (const event of dataset.events) count(event.source, "events");
  for (const conflict of dataset.conflicts) {
    for (const side of conflict.sides) count(side.source, "conflictSides");
  }
  for (const contract of dataset.contracts) {
    for (const fact of contract.sources) count(fact.source, "contractFacts");
  }
  for (const entity of dataset.entities) {
    for (const fact of [...entity.roles, ...entity.affiliations]) count(fact.source, "entityFacts");
  }

  const sources: Record<string, number> = {};
  for (const source of dataset.sources) increment(sources, source.kind);
  const entities: Record<string, number> = {};
  for (const entity of dataset.entities) increment(entities, `${entity.kind}/${entity.category}`);
  const contracts: Record<string, number> = {};
  // A bid protest is not a contract: counted apart, so the totals count contracts only.
  for (const contract of dataset.contracts) {
    increment(contracts, contract.kind === "contract" ? contract.layer : contract.kind);
  }
  const stances: Record<string, number> = {};
  for (const stance of dataset.stances) increment(stances, stance.kind);
  const sourceOf = new Map(dataset.quotes.map((quote) => [quote.id, quote.source]));

  return {
    articles,
    sources: sortedRecord(sources),
    entities: sortedRecord(entities),
    quotes: dataset.quotes.length,
    statements: dataset.statements.length,
    statementsInSeveralArticles: dataset.statements.filter(
      (statement) => new Set(statement.quotes.map((id) => sourceOf.get(id))).size > 1,
    ).length,
    contracts: sortedRecord(contracts),
    stances: sortedRecord(stances),
    events: dataset.events.length,
    conflicts: dataset.conflicts.length,
  };
}

export function formatReport(report: DatasetReport): string {
  const lines: string[] = [
    "Per article (quotes, stances, events, conflict sides, contract facts, entity facts):",
  ];
  for (const [id, counts] of Object.entries(report.articles)) {
    lines.push(
      `  ${id}: ${counts.quotes} quotes, ${counts.stances} stances, ${counts.events} events, ` +
        `${counts.conflictSides} conflict sides, ${counts.contractFacts} contract facts, ` +
        `${counts.entityFacts} entity facts`,
    );
  }
  const list = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([key, value]) => `${key} ${value}`)
      .join(", ");
  lines.push(
    "Per kind:",
    `  sources: ${list(report.sources)}`,
    `  entities: ${list(report.entities)}`,
    `  quotes: ${report.quotes}`,
    `  statements: ${report.statements} (${report.statementsInSeveralArticles} reported by several articles)`,
    `  contracts: ${list(report.contracts)}`,
    `  stances: ${list(report.stances)}`,
    `  events: ${report.events}`,
    `  conflicts: ${report.conflicts}`,
  );
  return `${lines.join("\n")}\n`;
}
