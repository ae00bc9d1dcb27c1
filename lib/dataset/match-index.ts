/**
 * The match index: what the content script bundles. Only what matching needs (id, name, kind,
 * aliases, markMode); everything a card shows stays in the dataset, in the background.
 */
import type { Dataset, MatchIndex } from "./types";

export function buildMatchIndex(dataset: Dataset): MatchIndex {
  return {
    version: 1,
    entities: dataset.entities
      // An entity with no printed name (the unnamed researcher) is a speaker, never a mark.
      .filter((entity) => entity.aliases.length > 0)
      .map((entity) => ({
        id: entity.id,
        name: entity.name,
        kind: entity.kind,
        aliases: entity.aliases.map((alias) => ({ ...alias })),
        markMode: entity.markMode,
      })),
  };
}
