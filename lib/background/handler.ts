/**
 * The background's answers: only from the dataset, only to messages that parse. Browser calls
 * are injected so the logic is tested with plain objects.
 */
import type { CardData } from "../cards/card-data";
import type { EntityId } from "../dataset/types";
import {
  parseBackgroundRequest,
  type CardsResponse,
  type EntityCount,
} from "../messaging/protocol";

export interface BadgeSink {
  setBadge(tabId: number, text: string): void;
}

/** Text for the toolbar badge: distinct entities on the tab, nothing when there are none. */
export function badgeText(counts: readonly EntityCount[]): string {
  const distinct = new Set(counts.filter((item) => item.count > 0).map((item) => item.entity)).size;
  return distinct === 0 ? "" : String(distinct);
}

export function createBackgroundHandler(cards: ReadonlyMap<EntityId, CardData>, badge: BadgeSink) {
  return function handle(message: unknown, senderTabId: number | undefined): CardsResponse | null {
    const request = parseBackgroundRequest(message);
    if (!request) return null;
    switch (request.type) {
      case "cards":
        return {
          cards: request.entities.flatMap((entity) => {
            const card = cards.get(entity);
            return card ? [card] : [];
          }),
        };
      case "page-counts":
        // Only a tab's own content script reports its counts; anything else has no tab to badge.
        if (senderTabId !== undefined) {
          const known = request.counts.filter((item) => cards.has(item.entity));
          badge.setBadge(senderTabId, badgeText(known));
        }
        return null;
    }
  };
}
