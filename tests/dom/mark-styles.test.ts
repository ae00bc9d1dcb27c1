/**
 * Our marks' style (lib/dom/mark-styles.ts): each mark wears it from a closed shadow root of its
 * own, holding one slot for the mark's text and one sheet shared by every root (a `<style>` a root
 * where a content script cannot adopt a sheet, as in Firefox); the document's own sheets and head
 * are never touched. Closed roots are caught as they are made.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMarkStyler } from "../../lib/dom/mark-styles";

const CSS = ":host([data-receipts-entity]) { cursor: help; }";

let roots: Map<Element, ShadowRoot>;
beforeEach(() => {
  roots = new Map();
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, "attachShadow").mockImplementation(function (
    this: Element,
    init: ShadowRootInit,
  ) {
    const root = attach.call(this, init);
    roots.set(this, root);
    return root;
  });
  document.body.replaceChildren();
  document.head.replaceChildren();
});
afterEach(() => {
  vi.restoreAllMocks();
});

function newMark(parent: Element = document.body): HTMLElement {
  const mark = document.createElement("receipts-mark");
  mark.dataset.receiptsEntity = "palantir";
  mark.textContent = "Palantir";
  parent.append(mark);
  return mark;
}

const rulesOf = (sheet: CSSStyleSheet) =>
  [...sheet.cssRules].map((rule) => rule.cssText.replace(/\s+/g, " "));

describe("a mark's own style", () => {
  it("comes from a closed root of the mark's own, with a slot for its text", () => {
    const styleMark = createMarkStyler(CSS);
    const mark = newMark();
    styleMark(mark, false);
    expect(Element.prototype.attachShadow).toHaveBeenCalledWith({ mode: "closed" });
    expect(mark.shadowRoot).toBeNull();
    const slots = roots.get(mark)!.querySelectorAll("slot");
    expect(slots).toHaveLength(1);
    expect(slots[0]!.className).toBe("");
    expect(mark.textContent).toBe("Palantir");
    expect(mark.childNodes).toHaveLength(1);
  });

  it("is one sheet, adopted by every mark's root; the document's sheets stay the page's", () => {
    const own = new CSSStyleSheet();
    own.replaceSync("p { color: red; }");
    document.adoptedStyleSheets = [own];
    const styleMark = createMarkStyler(CSS);
    const first = newMark();
    const second = newMark();
    styleMark(first, false);
    styleMark(second, false);
    const [sheet] = roots.get(first)!.adoptedStyleSheets;
    expect(rulesOf(sheet!)).toEqual([CSS]);
    expect(roots.get(second)!.adoptedStyleSheets).toEqual([sheet]);
    expect(document.adoptedStyleSheets).toEqual([own]);
    expect(document.querySelectorAll("style")).toHaveLength(0);
  });

  it("lets a link's or button's own cursor through its slot", () => {
    const styleMark = createMarkStyler(CSS);
    const link = document.createElement("a");
    link.href = "/elsewhere";
    document.body.append(link);
    const mark = newMark(link);
    styleMark(mark, true);
    expect(roots.get(mark)!.querySelector("slot")!.className).toBe("control");
  });

  it("leaves a mark plain, and the next styled, where the page forbids it a root", () => {
    const styleMark = createMarkStyler(CSS);
    const forbidden = newMark();
    const next = newMark();
    // As for an element of a custom element the page defined with `disabledFeatures: ["shadow"]`.
    vi.mocked(Element.prototype.attachShadow).mockImplementationOnce(() => {
      throw new DOMException("attachShadow() is disabled", "NotSupportedError");
    });
    expect(() => styleMark(forbidden, false)).not.toThrow();
    styleMark(next, false);
    expect(roots.has(forbidden)).toBe(false);
    expect(forbidden.textContent).toBe("Palantir");
    expect(roots.get(next)!.adoptedStyleSheets).toHaveLength(1);
  });
});

describe("a mark's own style where a content script cannot adopt a sheet (Firefox)", () => {
  it("is a <style> in each mark's root, with its text; adopting is tried once", () => {
    const refused = vi
      .spyOn(ShadowRoot.prototype, "adoptedStyleSheets", "set")
      .mockImplementation(() => {
        throw new Error("Accessing from Xray wrapper is not supported.");
      });
    const styleMark = createMarkStyler(CSS);
    const marks = [newMark(), newMark(), newMark()];
    for (const mark of marks) styleMark(mark, false);
    expect(refused).toHaveBeenCalledTimes(1);
    for (const mark of marks) {
      const root = roots.get(mark)!;
      expect([...root.children].map((child) => child.localName)).toEqual(["slot", "style"]);
      expect(root.querySelector("style")!.textContent).toBe(CSS);
    }
    expect(document.querySelectorAll("style")).toHaveLength(0);
  });
});
