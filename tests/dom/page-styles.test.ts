/**
 * Our marks' stylesheet in the page (lib/dom/page-styles.ts): adopted by the document where the
 * browser allows it, a `<style>` where it does not (Firefox's content scripts), and in either
 * case put back after the page took it, and taken out leaving the page's own sheets as they were.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPageStyles } from "../../lib/dom/page-styles";

const CSS = "receipts-mark { cursor: help; }";

function pageSheet(): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync("p { color: red; }");
  return sheet;
}

const rulesOf = (sheets: readonly CSSStyleSheet[]) =>
  sheets.map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText.replace(/\s+/g, " ")));

afterEach(() => {
  vi.restoreAllMocks();
  document.adoptedStyleSheets = [];
  document.head.replaceChildren();
});

describe("the marks' stylesheet where the document adopts it", () => {
  it("is adopted after the page's own sheets, once however often it is applied", () => {
    const own = pageSheet();
    document.adoptedStyleSheets = [own];
    const styles = createPageStyles(CSS);
    styles.apply();
    styles.apply();
    expect(document.adoptedStyleSheets[0]).toBe(own);
    expect(rulesOf(document.adoptedStyleSheets)).toEqual([
      ["p { color: red; }"],
      ["receipts-mark { cursor: help; }"],
    ]);
    expect(document.head.querySelector("style")).toBeNull();
  });

  it("is adopted again after the page set its own list, and removed leaving the page's", () => {
    const styles = createPageStyles(CSS);
    styles.apply();
    const own = pageSheet();
    document.adoptedStyleSheets = [own];
    styles.apply();
    expect(rulesOf(document.adoptedStyleSheets)).toHaveLength(2);

    styles.remove();
    expect(document.adoptedStyleSheets).toEqual([own]);
    styles.remove();
    expect(document.adoptedStyleSheets).toEqual([own]);
  });
});

describe("the marks' stylesheet where a content script cannot adopt one (Firefox)", () => {
  function refuseAdoption() {
    vi.spyOn(document, "adoptedStyleSheets", "set").mockImplementation(() => {
      throw new Error("Accessing from Xray wrapper is not supported.");
    });
  }

  it("is one <style> in the head, with its text, however often it is applied", () => {
    refuseAdoption();
    const styles = createPageStyles(CSS);
    styles.apply();
    styles.apply();
    const elements = document.querySelectorAll("style");
    expect(elements).toHaveLength(1);
    expect(elements[0]!.parentNode).toBe(document.head);
    expect(elements[0]!.textContent).toBe(CSS);
  });

  it("is put back after the page took it, and removed exactly", () => {
    refuseAdoption();
    const styles = createPageStyles(CSS);
    styles.apply();
    document.head.replaceChildren();
    styles.apply();
    expect(document.head.querySelectorAll("style")).toHaveLength(1);

    styles.remove();
    expect(document.querySelectorAll("style")).toHaveLength(0);
  });

  it("goes into <html> on a page without a <head>", () => {
    refuseAdoption();
    const head = document.head;
    head.remove();
    try {
      createPageStyles(CSS).apply();
      expect(document.documentElement.lastElementChild?.localName).toBe("style");
    } finally {
      document.documentElement.lastElementChild?.remove();
      document.documentElement.prepend(head);
    }
  });
});
