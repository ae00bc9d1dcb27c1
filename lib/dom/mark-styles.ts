/**
 * DOM adapter: each mark wears our style (lib/ui/marks.css, `:host` rules) from a closed shadow
 * root of its own, holding one slot for its text. The document's style sheets stay the page's:
 * any change to them, even an empty sheet adopted, has Chromium match every element of the page
 * again, 50 to 90 ms on the bench's huge article (120,000 elements), in whichever task next reads
 * a style or draws; 500 marks given a root each cost about what 500 plain marks cost, in Chromium
 * (decision 0011).
 *
 * One sheet, adopted by every root where the browser lets a content script adopt one (Chrome);
 * else a `<style>` a root, its text set before it goes in, as Mozilla advises so that the page's
 * `style-src` does not apply (bug 1706787). The root goes with its mark: the highlighter's undo
 * is this change's inverse too.
 *
 * Not a stylesheet in the manifest: Chrome injects those at document start, so on a site the
 * reader set to "on click" it counted as work only a reload can run (decision 0003, addendum).
 */
export type MarkStyler = (mark: HTMLElement, inControl: boolean) => void;

export function createMarkStyler(cssText: string): MarkStyler {
  // Undefined until the first mark; null where adopting failed once (Firefox's Xray wrappers).
  let sheet: CSSStyleSheet | null | undefined;
  return (mark, inControl) => {
    let root: ShadowRoot;
    try {
      root = mark.attachShadow({ mode: "closed" });
    } catch {
      // A page that defined its own `receipts-mark` may forbid a root: that mark stays plain.
      return;
    }
    // In a link or button, the control's own cursor comes through: a click there is the page's.
    root.appendChild(document.createElement("slot")).className = inControl ? "control" : "";
    if (sheet !== null) {
      try {
        if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(cssText);
        root.adoptedStyleSheets = [sheet];
        return;
      } catch {
        sheet = null;
      }
    }
    const style = document.createElement("style");
    style.textContent = cssText;
    root.append(style);
  };
}
