/**
 * DOM adapter for our marks' stylesheet in the page (lib/ui/marks.css), put in by the content
 * script, not listed in the manifest: Chrome injects a manifest stylesheet at document start, so
 * on a site the reader set to "on click" it counts as work that needs a reload, and the toolbar
 * click asked for one instead of running Receipts (decision 0003, addendum).
 *
 * Adopted by the document where the browser lets a content script do so (Chrome): no element
 * in the page's tree, nothing for its scripts or hydration to trip on. Firefox's content scripts
 * cannot adopt a sheet: there a `<style>`, its text set before it is inserted, as Mozilla advises
 * so that a page's `style-src` does not apply to it (bug 1706787; tests/e2e/strict-csp.test.ts).
 */
export interface PageStyles {
  /** Puts the sheet in the page, or back after the page took it (document.open()); idempotent. */
  apply(): void;
  /** The exact inverse: our sheet out, the page's own sheets as they were. */
  remove(): void;
}

export function createPageStyles(cssText: string): PageStyles {
  let sheet: CSSStyleSheet | null = null;
  let element: HTMLStyleElement | null = null;
  return {
    apply() {
      if (sheet ? document.adoptedStyleSheets.includes(sheet) : element?.isConnected) return;
      try {
        sheet ??= new CSSStyleSheet();
        sheet.replaceSync(cssText);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      } catch {
        sheet = null;
        element ??= document.createElement("style");
        element.textContent = cssText;
        // None while document.open() has emptied the document: `start` runs again after.
        (document.head ?? document.documentElement)?.append(element);
      }
    },
    remove() {
      if (sheet)
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
      element?.remove();
    },
  };
}
