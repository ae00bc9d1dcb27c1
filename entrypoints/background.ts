import { browser } from "wxt/browser";
import dataset from "~/data/dataset.json";
import matchIndex from "~/data/match-index.json";
import { createBackgroundHandler } from "~/lib/background/handler";
import { buildCards } from "~/lib/cards/card-data";
import type { Dataset, MatchIndex } from "~/lib/dataset/types";
import { TOP_FRAME_ID, type TabRequest } from "~/lib/messaging/protocol";
import type { SieveSpec } from "~/lib/matching/sieve";
import { keepSieve, sieveSpecOf } from "~/lib/settings/sieve-store";
import cardCss from "~/lib/ui/card.css?inline";

/** The icon's red (assets/icon.svg): the count reads as part of the icon. */
const BADGE_COLOR = "#8a1c1c";

/** A badge call fails once its tab has closed: nothing is left to badge. */
const tabGone = () => undefined;

export default defineBackground(() => {
  // MV3 has `action`, Firefox MV2 `browserAction`.
  const action = browser.action ?? browser.browserAction;
  // Built for the first page that asks (plain http, which cannot check the stored one), then kept.
  let sieveSpec: SieveSpec | null | undefined;
  const handle = createBackgroundHandler(
    buildCards(dataset as Dataset),
    {
      setBadge(tabId, text) {
        void action.setBadgeText({ tabId, text }).catch(tabGone);
        void action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR }).catch(tabGone);
      },
    },
    () => (sieveSpec ??= sieveSpecOf(matchIndex as MatchIndex)),
    cardCss,
  );

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // Messages from other extensions or web pages are never ours.
    if (sender.id !== browser.runtime.id) return undefined;
    const response = handle(message, { tabId: sender.tab?.id, frameId: sender.frameId });
    return response ? Promise.resolve(response) : undefined;
  });

  // Once per build (a stored one is kept): pages adopt this sieve; they never build one.
  void keepSieve(matchIndex as MatchIndex, import.meta.env.RECEIPTS_SIEVE_KEY);

  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new page starts with no count; its content script reports again once it has marked.
    if (change.status === "loading") {
      void action.setBadgeText({ tabId, text: "" }).catch(tabGone);
    }
    // A page back from the back/forward cache has its marks but runs no content script again;
    // a prerendered one reported while it was not yet the tab's page (not frame 0), unheard.
    if (change.status === "complete") {
      const request: TabRequest = { type: "page-summary" };
      void browser.tabs.sendMessage(tabId, request, { frameId: TOP_FRAME_ID }).then(
        (answer: unknown) => handle.badgeFromSummary(tabId, answer),
        () => undefined, // No content script there (a browser page, a store): nothing to badge.
      );
    }
  });
});
