/**
 * The copy and drag cleaners (lib/dom/copy.ts) on their own, with marks made by the highlighter.
 * The content script's copy listener is tested in receipts.test.ts, and what a browser's
 * clipboard receives in the e2e tests.
 */
import { describe, expect, it } from "vitest";
import { collectText } from "../../lib/dom/collect";
import { stripMarksForCopy, stripMarksFromDragData } from "../../lib/dom/copy";
import { markMatches } from "../../lib/dom/highlighter";
import { loadHtml, testSession } from "./support/pages";

/** Marks the page, then gives each mark the tab stop and role the content script gives some. */
function markPage(): HTMLElement[] {
  const { nodes, segments } = collectText(document.body);
  const marks = markMatches(nodes, segments, testSession().scan(segments));
  for (const mark of marks) {
    mark.setAttribute("tabindex", "0");
    mark.setAttribute("role", "link");
  }
  return marks;
}

const attributesOf = (element: Element) =>
  Array.from(element.attributes, ({ name, value }) => `${name}=${value}`);

function rangeOver(start: Node, startOffset: number, end: Node, endOffset: number): Range {
  const range = document.createRange();
  range.setStart(start, startOffset);
  range.setEnd(end, endOffset);
  return range;
}

/** A selection of several ranges, as Firefox makes with Ctrl (happy-dom holds one range only). */
function selectionOf(...ranges: Range[]): Selection {
  return {
    rangeCount: ranges.length,
    getRangeAt: (index: number) => ranges[index],
  } as unknown as Selection;
}

describe("stripMarksForCopy", () => {
  it("strips only the marks the selection reaches, not others in the same paragraph", () => {
    loadHtml("<body><p>Tim Cook met Elon Musk at Palantir.</p></body>");
    const [cook, musk, palantir] = markPage() as [HTMLElement, HTMLElement, HTMLElement];
    const before = [cook, musk, palantir].map(attributesOf);
    // From " met" (the text after Tim Cook's mark) into the middle of Elon Musk.
    const range = rangeOver(cook.nextSibling as Text, 0, musk.firstChild as Text, 4);

    const restore = stripMarksForCopy(selectionOf(range));
    expect([cook, musk, palantir].map(attributesOf)).toEqual([before[0], [], before[2]]);
    restore?.();
    expect([cook, musk, palantir].map(attributesOf)).toEqual(before);
  });

  it("strips every mark of a range over the whole document, which has no element above it", () => {
    loadHtml("<body><p>Tim Cook met Elon Musk.</p></body>");
    const marks = markPage();
    const before = marks.map(attributesOf);
    const range = document.createRange();
    range.selectNodeContents(document);

    const restore = stripMarksForCopy(selectionOf(range));
    expect(marks.map(attributesOf)).toEqual([[], []]);
    restore?.();
    expect(marks.map(attributesOf)).toEqual(before);
  });

  it("strips nothing for a caret, which copies nothing", () => {
    loadHtml("<body><p>Tim Cook spoke.</p></body>");
    const [mark] = markPage() as [HTMLElement];
    const before = attributesOf(mark);
    const caret = rangeOver(mark.firstChild as Text, 2, mark.firstChild as Text, 2);
    expect(stripMarksForCopy(selectionOf(caret))).toBeNull();
    expect(stripMarksForCopy(null)).toBeNull();
    expect(attributesOf(mark)).toEqual(before);
  });

  it("gives a mark two ranges of one selection share all its attributes back", () => {
    loadHtml("<body><p>Tim Cook spoke.</p></body>");
    const [mark] = markPage() as [HTMLElement];
    const before = attributesOf(mark);
    const text = mark.firstChild as Text;
    // "Tim" and "Cook" selected apart: the second range finds the mark stripped already.
    const restore = stripMarksForCopy(
      selectionOf(rangeOver(text, 0, text, 3), rangeOver(text, 4, text, 8)),
    );
    expect(attributesOf(mark)).toEqual([]);
    restore?.();
    expect(attributesOf(mark)).toEqual(before);
  });

  it("strips the marks of every range, each range's own", () => {
    loadHtml("<body><p>Tim Cook spoke.</p><p>Nobody else.</p><p>Palantir did not.</p></body>");
    const [cook, palantir] = markPage() as [HTMLElement, HTMLElement];
    const before = [cook, palantir].map(attributesOf);
    const [first, , third] = [...document.querySelectorAll("p")] as HTMLElement[];
    const ranges = [first, third].map((paragraph) => {
      const range = document.createRange();
      range.selectNodeContents(paragraph as HTMLElement);
      return range;
    });
    const restore = stripMarksForCopy(selectionOf(...ranges));
    expect([cook, palantir].map(attributesOf)).toEqual([[], []]);
    restore?.();
    expect([cook, palantir].map(attributesOf)).toEqual(before);
  });
});

describe("stripMarksFromDragData", () => {
  const dragged = (html: string) => {
    const data = new DataTransfer();
    data.setData("text/plain", "Tim Cook met Elon Musk");
    data.setData("text/html", html);
    stripMarksFromDragData(data);
    return [data.getData("text/html"), data.getData("text/plain")];
  };

  it("rewrites every mark's start tag in the dragged HTML to a bare one, text and end tags kept", () => {
    const html =
      '<p><receipts-mark data-receipts-entity="tim-cook" tabindex="0" role="link" ' +
      'style="all: unset; text-decoration: underline dotted">Tim Cook</receipts-mark> met ' +
      '<b><receipts-mark data-receipts-entity="elon-musk">Elon Musk</receipts-mark></b></p>';
    expect(dragged(html)).toEqual([
      "<p><receipts-mark>Tim Cook</receipts-mark> met <b><receipts-mark>Elon Musk</receipts-mark></b></p>",
      "Tim Cook met Elon Musk",
    ]);
  });

  it("leaves dragged HTML without our marks as it was", () => {
    const html =
      '<p class="x"><receipts-mark>Tim Cook</receipts-mark> met <mark id="y">Elon</mark></p>';
    expect(dragged(html)).toEqual([html, "Tim Cook met Elon Musk"]);
    expect(() => stripMarksFromDragData(null)).not.toThrow();
  });
});
