import matchIndex from "~/data/match-index.json";
import type { MatchIndex } from "~/lib/dataset/types";
import { ignoreForgedStarts } from "~/lib/content/forged-start";
import { startReceipts } from "~/lib/content/receipts";
import { createTaskMeter } from "~/lib/content/task-meter";
import marksCss from "~/lib/ui/marks.css?inline";

export default defineContentScript({
  matches: ["http://*/*", "https://*/*"],
  runAt: "document_idle",
  // Frames get the script too, but it stops at once unless the reader turned frames on.
  allFrames: true,
  // WXT's started signal as a DOM event only, not also as a window message: every listener of
  // the page heard that message, with our extension's id in it (a reader of Receipts told apart
  // on every site), and with DevTools open the browser traced its stack in the script's first
  // task (17 ms on the huge article). WXT's next versions drop the message by default.
  noScriptStartedPostMessage: true,
  main(ctx) {
    ignoreForgedStarts(ctx);
    void startReceipts(ctx, {
      index: matchIndex as MatchIndex,
      marksCss,
      sieveKey: import.meta.env.RECEIPTS_SIEVE_KEY,
      // A constant of the build: the store build holds no meter at all, not one a page could
      // switch on (decision 0004).
      ...(import.meta.env.RECEIPTS_MEASURING_BUILD && {
        onTask: createTaskMeter(performance.now()),
      }),
    });
  },
});
