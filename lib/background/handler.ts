/**
 * The background's answers: only from the dataset, only to messages that parse. Browser calls
 * are injected so the logic is tested with plain objects.
 */
import type { CardData } from "../cards/card-data";
import type { EntityId } from "../dataset/types";
import {
  parseBackgroundRequest,
  parsePageSummary,
  TOP_FRAME_ID,
  type CardStyleResponse,
  type CardsResponse,
  type EntityCount,
  type SieveResponse,
} from "../messaging/protocol";
import type { SieveSpec } from "../matching/sieve";

export interface BadgeSink {
  setBadge(tabId: number, text: string): void;
}

/** Where a message came from: its tab and frame, when it came from a page. */
export interface MessageOrigin {
  tabId: number | undefined;
  frameId: number | undefined;
}

/**
 * Text for the toolbar badge: the entities counted on the tab, nothing when there are none. Each
 * is there once: the protocol refuses counts that name an entity twice.
 */
export function badgeText(counts: readonly EntityCount[]): string {
  const counted = counts.filter((item) => item.count > 0).length;
  return counted === 0 ? "" : String(counted);
}

/**
 * `sieveSpec` gives the page sieve this build makes (built when first asked, then kept), for the
 * pages that cannot check the stored one; `cardCss` is the card's style sheet (lib/ui/card.css),
 * for the first card each page opens.
 */
export function createBackgroundHandler(
  cards: ReadonlyMap<EntityId, CardData>,
  badge: BadgeSink,
  sieveSpec: () => SieveSpec | null,
  cardCss: string,
) {
  const badgeTab = (tabId: number, counts: readonly EntityCount[]) => {
    const known = counts.filter((item) => cards.has(item.entity));
    badge.setBadge(tabId, badgeText(known));
  };

  function handle(
    message: unknown,
    origin: MessageOrigin,
  ): CardsResponse | SieveResponse | CardStyleResponse | null {
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
        // Only a tab's own page reports its counts: a frame's (an ad, an embed) are not the
        // page's, and one without names would clear the page's badge.
        if (origin.tabId !== undefined && origin.frameId === TOP_FRAME_ID) {
          badgeTab(origin.tabId, request.counts);
        }
        return null;
      case "sieve":
        return { spec: sieveSpec() };
      case "card-style":
        return { css: cardCss };
    }
  }

  /**
   * Badges a tab from its top frame's answer to "page-summary", asked when a load completes: a
   * page restored from the back/forward cache runs no content script again, and a prerendered
   * page reported its counts before it was the tab's page (from another frame id, so unheard):
   * nothing else would report their marks after the load cleared the badge. Partial counts
   * ("starting", "marking") are left to the content script, which reports once its pass is done.
   */
  function badgeFromSummary(tabId: number, answer: unknown): void {
    const summary = parsePageSummary(answer);
    if (summary?.progress === "done") badgeTab(tabId, summary.entities);
  }

  return Object.assign(handle, { badgeFromSummary });
}
