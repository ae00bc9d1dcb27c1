import matchIndex from "~/data/match-index.json";
import type { MatchIndex } from "~/lib/dataset/types";
import { startReceipts } from "~/lib/content/receipts";
import cardCss from "~/lib/ui/card.css?inline";
import marksCss from "~/lib/ui/marks.css?inline";

export default defineContentScript({
  matches: ["http://*/*", "https://*/*"],
  runAt: "document_idle",
  // Frames get the script too, but it stops at once unless the reader turned frames on.
  allFrames: true,
  main(ctx) {
    void startReceipts(ctx, {
      index: matchIndex as MatchIndex,
      marksCss,
      cardCss,
      sieveKey: import.meta.env.RECEIPTS_SIEVE_KEY,
    });
  },
});
