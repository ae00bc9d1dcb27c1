import { describe, expect, it, onTestFinished, vi } from "vitest";
import { createBlockSieve } from "../../lib/dom/block-sieve";
import { createPagePass } from "../../lib/dom/page-pass";
import {
  planRegions,
  REGION_LIMITS,
  textRegions,
  type TextRegion,
} from "../../lib/dom/text-regions";
import { compileMatcherWithSieve } from "../../lib/matching/sieve-build";
import type { Sieve } from "../../lib/matching/sieve";
import { sieveFor } from "../../lib/matching/sieve-build";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { MatchIndex } from "../../lib/dataset/types";
import { fixtureIndex, loadHtml, mentionsOnPage } from "./support/pages";

const matcher = compileMatcherWithSieve(fixtureIndex());
/** The dataset's own index: unlike the fixture's, it has names that may be written lower case. */
const datasetIndex = () =>
  JSON.parse(readFileSync(resolve("data/match-index.json"), "utf8")) as MatchIndex;
const sieve = sieveFor(matcher) as Sieve;
/** Trace every hit to its text nodes, so small test pages show where each one is found. */
const TO_TEXT_NODES = { ...REGION_LIMITS, leafChars: 0, minElements: 0 };

const filler = (count: number) =>
  Array.from({ length: count }, (_, index) => `<p>Filler paragraph ${index} of the letter.</p>`);

/** Each region as the text it covers, for readable expectations. */
function described(regions: readonly TextRegion[] | null): string[] | null {
  if (!regions) return null;
  return regions.map(({ first, last }) => {
    let text = "";
    for (let node: Node | null = first; node; node = node.nextSibling) {
      text += node.textContent ?? "";
      if (node === last) break;
    }
    return text;
  });
}

describe("textRegions: where the sieve reads node by node", () => {
  it("is empty on a page that names no one: nothing is read node by node", () => {
    loadHtml(`<body><main>${filler(50).join("")}</main></body>`);
    expect(textRegions(document.body, sieve, TO_TEXT_NODES)).toEqual([]);
  });

  it("reads only the text nodes that hold hits, in document order", () => {
    const paragraphs = filler(40);
    paragraphs[3] = "<p>Later, <b>Tim Cook</b> said nothing.</p>";
    paragraphs[30] = "<p>Palantir was named.</p>";
    loadHtml(`<body><header>Menu</header><main><div>${paragraphs.join("")}</div></main></body>`);
    const regions = textRegions(document.body, sieve, TO_TEXT_NODES);
    expect(described(regions)).toEqual(["Tim Cook", "Palantir was named."]);
    expect(regions?.[0]?.first.nodeType).toBe(Node.TEXT_NODE);
  });

  it("searches a page of a thousand paragraphs in one stretch and walks to each hit's nodes", () => {
    // The default limits: one subtree, one stretch, and in it only the text nodes of the hits
    // are read again (not the paragraph or the subtree of 2 K characters around them).
    const paragraphs = filler(1_100);
    paragraphs[200] = "<p>Later, <b>Tim Cook</b> said nothing.</p>";
    paragraphs[900] = "<p>They named Pala<b>nt</b>ir too.</p>";
    loadHtml(`<body><main><div>${paragraphs.join("")}</div></main></body>`);
    const planner = planRegions(document.body, sieve);
    const stretch = planner?.next();
    expect(planner?.next()).toBeNull();
    expect(described(stretch?.regions ?? null)).toEqual(["Tim Cook", "They named Palantir too."]);
    expect(stretch?.regions.map((region) => region.first.nodeType)).toEqual([
      Node.TEXT_NODE,
      Node.TEXT_NODE,
    ]);
  });

  it("reads children together where a name runs across them", () => {
    loadHtml(`<body><div>${filler(5).join("")}<p>They named Pala<b>nt</b>ir too.</p></div></body>`);
    expect(described(textRegions(document.body, sieve, TO_TEXT_NODES))).toEqual([
      "They named Palantir too.",
    ]);
    // The region holds the three nodes of the name: "They named Pala", <b>nt</b>, "ir too.".
    const [region] = textRegions(document.body, sieve, TO_TEXT_NODES) ?? [];
    expect(region?.first.textContent).toBe("They named Pala");
    expect(region?.chars).toBe("They named Palantir too.".length);
  });

  it("never looks into text the page pass does not read", () => {
    loadHtml(
      "<body><script>var ceo = 'Tim Cook';</script><code>Palantir</code>" +
        "<p hidden>Elon Musk</p><p>Nothing here.</p></body>",
    );
    expect(textRegions(document.body, sieve, TO_TEXT_NODES)).toEqual([]);
  });

  it("reads the stretch around an accented name, and a name far from any accent alone", () => {
    loadHtml(`<body><p>Palantír</p>${filler(4).join("")}<p>Tim Cook</p></body>`);
    const regions = described(textRegions(document.body, sieve, TO_TEXT_NODES)) ?? [];
    expect(regions).toHaveLength(2);
    expect(regions[0]).toMatch(/^Palantír/);
    expect(regions[1]).toBe("Tim Cook");
  });

  it("leaves roots too small to gain to be read node by node", () => {
    loadHtml(`<body>${filler(30).join("")}<p>Tim Cook</p></body>`);
    // Small roots: reading node by node costs less than searching their text whole.
    expect(textRegions(document.body, sieve, { ...TO_TEXT_NODES, minElements: 100 })).toBeNull();
    expect(textRegions(document.body, sieve, TO_TEXT_NODES)).toHaveLength(1);
  });

  it("counts a subtree's elements only as far as its limit, never all of them", () => {
    const paragraphs = filler(60);
    paragraphs[40] = "<p>Tim Cook signed nothing.</p>";
    loadHtml(`<body><article>${paragraphs.join("")}</article></body>`);
    // A collection's length, or an index (which the browser checks against the length first),
    // walks every element of the subtree: 7 ms for the whole 6.5 MB synthetic article each time.
    const wholeCounts: string[] = [];
    const ownCollection = Element.prototype.getElementsByTagName;
    const spy = vi.spyOn(Element.prototype, "getElementsByTagName").mockImplementation(function (
      this: Element,
      name: string,
    ) {
      const collection = ownCollection.call(this, name);
      return new Proxy(collection, {
        get: (target, key) => {
          if (key === "length" || (typeof key === "string" && /^\d+$/.test(key))) {
            wholeCounts.push(String(key));
          }
          const value: unknown = Reflect.get(target, key);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    });
    onTestFinished(() => spy.mockRestore());
    const limits = { ...TO_TEXT_NODES, minElements: 50, maxElements: 5 };
    expect(described(textRegions(document.body, sieve, limits))).toEqual([
      "Tim Cook signed nothing.",
    ]);
    expect(spy).toHaveBeenCalled();
    expect(wholeCounts).toEqual([]);
  });

  it("searches a large root a stretch at a time, each ending before a block", () => {
    const paragraphs = filler(60);
    paragraphs[10] = "<p>Tim Cook signed nothing.</p>";
    paragraphs[50] = "<p>Palantir was named.</p>";
    loadHtml(`<body><article>${paragraphs.join("")}</article></body>`);
    const limits = { ...TO_TEXT_NODES, maxElements: 5, batchChars: 200 };
    const planner = planRegions(document.body, sieve, limits);
    const stretches: string[][] = [];
    for (let stretch = planner?.next(); stretch; stretch = planner?.next()) {
      expect(stretch.chars).toBeGreaterThan(0);
      stretches.push(described(stretch.regions) ?? []);
    }
    // 60 paragraphs of about 35 characters, 200 a stretch: each stretch is 6 paragraphs.
    expect(stretches).toHaveLength(10);
    expect(stretches.flat()).toEqual(["Tim Cook signed nothing.", "Palantir was named."]);
    expect(textRegions(document.body, sieve, limits)).toEqual(
      textRegions(document.body, sieve, { ...TO_TEXT_NODES, batchChars: 1e9 }),
    );
  });

  it("ends a stretch inside inline text only when long, overlapping the next one", () => {
    // Stretches of 2 characters, cut inside this inline text every 8 or so: wherever the name
    // lies, "Pala" and "ntir" fall in different stretches somewhere, and the overlap finds it.
    const limits = { ...TO_TEXT_NODES, maxElements: 1, batchChars: 2 };
    for (let at = 10; at < 20; at++) {
      const spans = Array.from({ length: 40 }, (_, index) => `<span>w${index} </span>`);
      spans.splice(at, 0, "<span>Pala</span>", "<span>ntir</span>");
      loadHtml(`<body><p>${spans.join("")}</p></body>`);
      const planner = planRegions(document.body, sieve, limits);
      let stretches = 0;
      while (planner?.next()) stretches += 1;
      expect(stretches).toBeGreaterThan(10);
      expect(described(textRegions(document.body, sieve, limits)), `at ${at}`).toEqual([
        "Palantir",
      ]);
    }
  });

  it("searches again only the tail of what it overlaps, not the whole text node", () => {
    // One long text node ends the first stretch; the next stretch starts with it again (regions
    // are found by subtree) but searches only its last characters.
    const long = `${"word ".repeat(2_000)}Pala`;
    loadHtml(`<body><p><span>${long}</span><span>ntir</span><span> was named.</span></p></body>`);
    const limits = { ...TO_TEXT_NODES, maxElements: 1, batchChars: 2_500 };
    const planner = planRegions(document.body, sieve, limits);
    let searched = 0;
    for (let stretch = planner?.next(); stretch; stretch = planner?.next()) {
      searched += stretch.chars;
    }
    const total = (document.body.textContent ?? "").length;
    expect(searched).toBeGreaterThanOrEqual(total);
    expect(searched).toBeLessThan(total + 200);
    // One region, from the long text node to "ntir" (a name across nodes is read together).
    const regions = described(textRegions(document.body, sieve, limits)) ?? [];
    expect(regions).toHaveLength(1);
    expect(regions[0]?.endsWith(" Palantir")).toBe(true);
  });

  it("keeps in the overlap a name whose words lie any whitespace apart", () => {
    // The matcher takes "elon" and "musk" 300 spaces apart for one name; stretches cut inside
    // those spaces must still find it. The tail searched again is the last 64 characters other
    // than whitespace, reaching back into subtrees the stretch before had overlapped.
    const matcher = compileMatcherWithSieve(datasetIndex());
    const limits = { ...TO_TEXT_NODES, maxElements: 1, batchChars: 2 };
    const spans = Array.from({ length: 12 }, (_, index) => `<span>w${index} </span>`).join("");
    const gap = `<span>${" ".repeat(300)}</span>`;
    loadHtml(
      `<body><p>${spans}<span>said elon</span>${gap}<span>musk and sam</span>${gap}` +
        `<span>altman said</span>${spans}</p></body>`,
    );
    const marked = (options: { sieve?: boolean; regionLimits?: typeof limits }) => {
      const pass = createPagePass({ root: document.body, matcher, ...options });
      const marks = pass.run().map((mark) => mark.textContent?.trim() || "(space)");
      pass.undo();
      return marks;
    };
    expect(marked({ sieve: false })).toEqual([
      "elon",
      "(space)",
      "musk",
      "sam",
      "(space)",
      "altman",
    ]);
    expect(marked({ regionLimits: limits })).toEqual(marked({ sieve: false }));
  });

  it("folds far enough around an accent for a name in lower case spread by whitespace", () => {
    // "renée", 100 spaces, "good" is one name to the matcher; searched whole, the text around the
    // accent is folded 64 characters other than whitespace each way, so it reaches "good".
    const matcher = compileMatcherWithSieve(datasetIndex());
    const paragraphs = filler(40);
    paragraphs[20] = `<p>Tagged renée${" ".repeat(100)}good and nothing else.</p>`;
    loadHtml(`<body><main>${paragraphs.join("")}</main></body>`);
    const marked = (options: { sieve?: boolean; regionLimits?: typeof REGION_LIMITS }) => {
      const pass = createPagePass({ root: document.body, matcher, ...options });
      const marks = pass.run().map((mark) => mark.textContent?.replace(/\s+/g, " "));
      pass.undo();
      return marks;
    };
    expect(marked({ sieve: false })).toEqual(["renée good"]);
    expect(marked({ regionLimits: { ...REGION_LIMITS, minElements: 0 } })).toEqual(["renée good"]);
  });

  it("lets the page pass read only the regions' text nodes, and mark what it always did", () => {
    const paragraphs = filler(300);
    paragraphs[150] = "<p>Tim Cook signed nothing.</p>";
    loadHtml(`<body><main>${paragraphs.join("")}</main></body>`);
    // Searched whole, and a stretch at a time (as pages larger than maxElements are).
    for (const limits of [
      { ...REGION_LIMITS, minElements: 0 },
      { ...REGION_LIMITS, minElements: 0, maxElements: 20, batchChars: 500 },
    ]) {
      const blockSieve = createBlockSieve(document.body, sieve, limits);
      while (!blockSieve.done) blockSieve.next(1_000);
      // 301 text nodes on the page; the paragraph naming him is all that is read one by one.
      expect(blockSieve.textsRead).toBe(1);
    }
    const pass = createPagePass({ root: document.body, matcher, regionLimits: TO_TEXT_NODES });
    pass.run();
    expect(mentionsOnPage().map((mention) => mention.text)).toEqual(["Tim Cook"]);
  });

  it("plans a root of as many elements as minElements, and leaves one of fewer whole", () => {
    loadHtml(`<body>${filler(3).join("")}</body>`);
    expect(planRegions(document.body, sieve, { ...TO_TEXT_NODES, minElements: 3 })).not.toBeNull();
    expect(planRegions(document.body, sieve, { ...TO_TEXT_NODES, minElements: 4 })).toBeNull();
  });

  it("leaves a root that is not an element to be read whole", () => {
    // A text node the page added, or the document itself: nothing to count or to split.
    loadHtml("<body><p>Tim Cook</p></body>");
    const added = document.createTextNode("Tim Cook said so");
    document.body.append(added);
    expect(textRegions(added, sieve, TO_TEXT_NODES)).toBeNull();
    expect(textRegions(document, sieve, TO_TEXT_NODES)).toBeNull();
  });

  it("reads nothing past the root, though the root has siblings", () => {
    loadHtml("<body><main><p>Nothing here.</p></main><footer>Palantir was named.</footer></body>");
    const main = document.querySelector("main") as Element;
    expect(textRegions(main, sieve, TO_TEXT_NODES)).toEqual([]);
  });

  it("never looks into the text of a script-like element, split into its children or the root", () => {
    // A noscript the page filled with elements (a parser with scripting off makes them of its
    // markup): split like any large subtree, its elements are searched, and its own text nodes,
    // before, between and after them, are not; nor when it is the root.
    loadHtml("<body><noscript>Tim Cook<i>one</i>Elon Musk<i>two</i>Palantir</noscript></body>");
    const noscript = document.querySelector("noscript") as Element;
    expect(noscript.childNodes).toHaveLength(5);
    const limits = { ...TO_TEXT_NODES, maxElements: 1 };
    expect(textRegions(document.body, sieve, limits)).toEqual([]);
    expect(textRegions(noscript, sieve, limits)).toEqual([]);
    expect(textRegions(noscript, sieve, { ...limits, maxElements: 2 })).toEqual([]);
  });

  it("never looks into a comment beside a script", () => {
    loadHtml("<body><!-- Tim Cook --><script>var x;</script><p>Nothing here.</p></body>");
    expect(textRegions(document.body, sieve, TO_TEXT_NODES)).toEqual([]);
  });

  it("splits only subtrees of more than maxElements elements", () => {
    // One div of three paragraphs, stretches of one character: each subtree ends a stretch.
    loadHtml(`<body><div>${filler(3).join("")}</div></body>`);
    const stretches = (maxElements: number) => {
      const planner = planRegions(document.body, sieve, {
        ...TO_TEXT_NODES,
        maxElements,
        batchChars: 1,
      });
      const chars: number[] = [];
      for (let stretch = planner?.next(); stretch; stretch = planner?.next())
        chars.push(stretch.chars);
      return chars;
    };
    const div = (document.querySelector("div")?.textContent ?? "").length;
    expect(stretches(3)).toEqual([div]);
    expect(stretches(2)).toHaveLength(3);
  });

  it("ends a stretch before the first block once it holds batchChars characters", () => {
    loadHtml(
      "<body><p>0123456789</p><p>0123456789</p><p>0123456789</p><p>0123456789</p>" +
        "<p>Palantir!!</p></body>",
    );
    const planner = planRegions(document.body, sieve, {
      ...TO_TEXT_NODES,
      maxElements: 1,
      batchChars: 20,
    });
    const stretches: [number, string[]][] = [];
    for (let stretch = planner?.next(); stretch; stretch = planner?.next()) {
      stretches.push([stretch.chars, described(stretch.regions) ?? []]);
    }
    expect(stretches).toEqual([
      [20, []],
      [20, []],
      [10, ["Palantir!!"]],
    ]);
  });

  it("cuts inline text with no block once a stretch holds four times batchChars", () => {
    const spans = Array.from({ length: 12 }, () => "<span>123456789 </span>");
    loadHtml(`<body><p>${spans.join("")}</p></body>`);
    const planner = planRegions(document.body, sieve, {
      ...TO_TEXT_NODES,
      maxElements: 0,
      batchChars: 10,
    });
    expect(planner?.next()?.chars).toBe(40);
  });

  it("takes at least one subtree a stretch, even with no characters to a batch", () => {
    loadHtml("<body><p>Nothing here.</p><p>Palantir was named.</p></body>");
    const limits = { ...TO_TEXT_NODES, maxElements: 0, batchChars: 0 };
    expect(described(textRegions(document.body, sieve, limits))).toEqual(["Palantir was named."]);
  });

  it("reads a subtree of at most leafChars characters whole, and walks to the hit's node in a larger one", () => {
    loadHtml(`<body>${filler(3).join("")}<p>Later, <b>Tim Cook</b> said nothing.</p></body>`);
    const chars = "Later, Tim Cook said nothing.".length;
    const firstRead = (leafChars: number) =>
      textRegions(document.body, sieve, { ...TO_TEXT_NODES, maxElements: 1, leafChars })?.map(
        (region) => region.first.nodeName,
      );
    expect(firstRead(chars)).toEqual(["P"]);
    expect(firstRead(chars - 1)).toEqual(["#text"]);
  });

  it("ends a region at the text node where its hit ends", () => {
    loadHtml("<body><p>Later, <b>Tim Cook</b> said nothing.</p></body>");
    const [region, ...more] = textRegions(document.body, sieve, TO_TEXT_NODES) ?? [];
    const name = document.querySelector("b")?.firstChild;
    expect(more).toEqual([]);
    expect(region).toEqual({ first: name, last: name, chars: "Tim Cook".length });
  });

  it("reads a subtree holding two hits once", () => {
    loadHtml("<body><p>Palantir and Palantir.</p><p>Nothing here.</p></body>");
    const limits = { ...TO_TEXT_NODES, maxElements: 0, leafChars: 1_000 };
    expect(described(textRegions(document.body, sieve, limits))).toEqual([
      "Palantir and Palantir.",
    ]);
  });
});
