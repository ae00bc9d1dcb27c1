/**
 * The match index: what the content script bundles. Only what matching and the page's summary
 * need (id, name, aliases, markMode); everything a card shows stays in the dataset, in the
 * background, and so does what only the options page reads (each entity's kind).
 */
import type { Dataset, Entity, MatchIndex } from "./types";

/** An entity with no printed name (the unnamed researcher) is a speaker, never a mark. */
export const isMarkable = (entity: Entity): boolean => entity.aliases.length > 0;

export function buildMatchIndex(dataset: Dataset): MatchIndex {
  return {
    version: 1,
    entities: dataset.entities.filter(isMarkable).map((entity) => ({
      id: entity.id,
      name: entity.name,
      aliases: entity.aliases.map((alias) => ({ ...alias })),
      markMode: entity.markMode,
    })),
  };
}
