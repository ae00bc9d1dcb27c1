import type { ContentScriptContext } from "wxt/utils/content-script-context";

/**
 * WXT's context stops an older copy of our content script when a newer one starts (the popup's
 * `startPage` relies on it), on a DOM event whose type holds our extension id. Any page that knows
 * the id (a store's ids are public) could dispatch that event too and switch Receipts off on
 * itself; WXT's own threads call such a page "rogue". A newer copy of our script runs in the same
 * isolated world as the older one, so its event's detail is an object of this world; a page's is
 * not (Chromium hands another world's detail over as a fresh copy at each read, Firefox as a
 * wrapper whose constructor is the page's `Object`). Listening on `window` in the capture phase
 * runs before the context's own listener on `document`, and stopping the event there keeps it
 * from it.
 */
export function ignoreForgedStarts(ctx: ContentScriptContext): void {
  ctx.addEventListener(
    window,
    "wxt:content-script-started",
    (event) => {
      const detail = () => (event as CustomEvent<unknown>).detail;
      // Read twice: a fresh copy each time is another world's. And `constructor` is this
      // world's Object only for an object made in this world.
      if (detail() !== detail() || detail()?.constructor !== Object) {
        // Before it reaches `document`, where the context listens.
        event.stopPropagation();
      }
    },
    { capture: true },
  );
}
