/** The popup's view of a page: who is mentioned, grouped, with totals. Pure. */
import type { CardData } from "../cards/card-data";
import type { EntityCount } from "../messaging/protocol";

export interface SummaryEntry {
  card: CardData;
  count: number;
}

export interface PageSummaryView {
  people: SummaryEntry[];
  organizations: SummaryEntry[];
  totals: { people: number; organizations: number; quotes: number; contracts: number };
}

/**
 * Groups entities by kind, keeping the page's order of first appearance within each group.
 * Entities the dataset does not know (a stale page) are dropped rather than shown half-empty.
 */
export function summarizePage(
  counts: readonly EntityCount[],
  cards: readonly CardData[],
): PageSummaryView {
  const byId = new Map(cards.map((card) => [card.id, card]));
  const people: SummaryEntry[] = [];
  const organizations: SummaryEntry[] = [];
  const contractIds = new Set<string>();
  let quotes = 0;
  for (const { entity, count } of counts) {
    const card = byId.get(entity);
    if (!card || count <= 0) continue;
    (card.kind === "person" ? people : organizations).push({ card, count });
    quotes += card.statements.reduce((sum, statement) => sum + statement.variants.length, 0);
    for (const contract of card.contracts) contractIds.add(contract.id);
  }
  return {
    people,
    organizations,
    totals: {
      people: people.length,
      organizations: organizations.length,
      quotes,
      contracts: contractIds.size,
    },
  };
}
