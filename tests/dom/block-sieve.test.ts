import { describe, expect, it } from "vitest";
import { createBlockSieve, type BlockSieve } from "../../lib/dom/block-sieve";
import { REGION_LIMITS, type RegionLimits } from "../../lib/dom/text-regions";
import type { Sieve } from "../../lib/matching/sieve";
import { compileMatcherWithSieve, sieveFor } from "../../lib/matching/sieve-build";
import { fixtureIndex, loadHtml } from "./support/pages";

/*
 * The block sieve through its own interface: which blocks it hands out, when, once, and with
 * which entities. The page pass's tests hold that reading only these marks what reading every
 * block marks; these hold that the blocks are the nearest ones, and that none is read twice.
 */

const matcher = compileMatcherWithSieve(fixtureIndex());
const sieve = sieveFor(matcher) as Sieve;
/** Every text node read one by one, as on a small page. */
const NODE_BY_NODE: RegionLimits = { ...REGION_LIMITS, minElements: Number.POSITIVE_INFINITY };

/** The ids of the blocks, `body` for the body, to read them at a glance. */
function ids(blocks: readonly Node[]): string[] {
  return blocks.map((block) => (block as Element).id || (block as Element).localName);
}

/** Reads the whole body at once and hands out every block found. */
function blocksOf(html: string): { blocks: Node[]; blockSieve: BlockSieve } {
  loadHtml(`<body>${html}</body>`);
  const blockSieve = createBlockSieve(document.body, sieve, NODE_BY_NODE);
  while (!blockSieve.done) blockSieve.next(1_000);
  return { blocks: blockSieve.takeReady(), blockSieve };
}

describe("createBlockSieve", () => {
  it("hands out the nearest block of each hit once, in document order", () => {
    const { blocks, blockSieve } = blocksOf(
      "<main><p id='a'>Tim <b>Cook</b> said</p><p>Filler.</p>" +
        "<section id='b'><span>Palantir</span></section><p id='c'>Elon Musk</p></main>",
    );
    expect(ids(blocks)).toEqual(["a", "b", "c"]);
    expect([...blockSieve.taken]).toEqual(blocks);
    expect(blockSieve.takeReady()).toEqual([]);
  });

  it("hands out the root for text of its own, and nothing in a skipped region, not even a block", () => {
    expect(ids(blocksOf("Tim Cook <b>said</b>").blocks)).toEqual(["body"]);
    expect(
      blocksOf("<p><code>Tim Cook</code></p><div contenteditable><p>Palantir</p></div>").blocks,
    ).toEqual([]);
  });

  it("takes a custom element for inline, whatever its style: the block around it is read", () => {
    const { blocks } = blocksOf(
      "<style>x-card{display:block}</style><div id='a'><x-card>Tim Cook</x-card></div>",
    );
    expect(ids(blocks)).toEqual(["a"]);
  });

  it("replaces the inner blocks found first by the outer one, with all their entities", () => {
    const { blocks, blockSieve } = blocksOf(
      "<p id='first'>Elon Musk</p><div id='outer'><p id='inner'>Tim Cook</p>Palantir</div>",
    );
    expect(ids(blocks)).toEqual(["first", "outer"]);
    const first = blockSieve.entitiesIn(blocks[0]!);
    const outer = blockSieve.entitiesIn(blocks[1]!);
    expect(first.size).toBe(1);
    expect(outer.size).toBe(2);
    expect([...outer].some((entity) => first.has(entity))).toBe(false);
    expect(blockSieve.entitiesIn(document.body).size).toBe(0);
  });

  it("adds to a found block the entities of every other hit in it", () => {
    const { blocks, blockSieve } = blocksOf("<p id='a'>Tim Cook <b>and</b> Palantir</p>");
    expect(ids(blocks)).toEqual(["a"]);
    expect(blockSieve.entitiesIn(blocks[0]!).size).toBe(2);
  });

  it("hands out a block only once the walk has left it, and the last one when done", () => {
    loadHtml("<body><p id='a'>Tim <b>Cook</b> said</p><p id='b'>more <i>Palantir</i></p></body>");
    const blockSieve = createBlockSieve(document.body, sieve, NODE_BY_NODE);
    const handedOut: string[][] = [];
    while (!blockSieve.done) {
      blockSieve.next(1);
      handedOut.push(ids(blockSieve.takeReady()));
    }
    expect(handedOut.flat()).toEqual(["a", "b"]);
    // "a" once the walk reads "more", in the second paragraph.
    expect(handedOut.findIndex((taken) => taken.includes("a"))).toBe(3);
    expect(blockSieve.textsRead).toBe(5);
  });

  it("drops a found block the page removed before it was handed out", () => {
    loadHtml("<body><p id='a'>Tim Cook</p><p id='b'>Palantir</p></body>");
    const blockSieve = createBlockSieve(document.body, sieve, NODE_BY_NODE);
    blockSieve.next(1_000);
    document.getElementById("a")!.remove();
    expect(ids(blockSieve.takeReady())).toEqual(["b"]);
  });

  it("never reads a script's text, nor counts it toward the nodes asked for", () => {
    loadHtml("<body><script>Tim Cook</script><p id='a'>Palantir</p></body>");
    const blockSieve = createBlockSieve(document.body, sieve, NODE_BY_NODE);
    blockSieve.next(1);
    expect(ids(blockSieve.takeReady())).toEqual([]);
    expect(blockSieve.textsRead).toBe(2);
  });

  it("hands out nothing for a text it carried over that the page took out", () => {
    loadHtml("<body><p id='a'><b>Pa</b><i>lan</i>tir</p></body>");
    const blockSieve = createBlockSieve(document.body, sieve, NODE_BY_NODE);
    // "Pa" and "lan" are read and carried over to the next step, where "tir" completes the
    // name; by then the page took "Pa" out.
    blockSieve.next(2);
    document.querySelector("b")!.firstChild!.remove();
    while (!blockSieve.done) blockSieve.next(1_000);
    expect(ids(blockSieve.takeReady())).toEqual(["a"]);
  });

  it("hands out a block once, though a hit carried over to the next step lies in it too", () => {
    // "Pa" ends the first block, handed out once the walk is in the second; the step after
    // completes "Palantir" across both.
    loadHtml("<body><div id='a'>Tim Cook Pa</div><p id='c'><b>lan</b>tir</p></body>");
    const blockSieve = createBlockSieve(document.body, sieve, NODE_BY_NODE);
    blockSieve.next(2);
    const handedOut = ids(blockSieve.takeReady());
    expect(handedOut).toEqual(["a"]);
    while (!blockSieve.done) blockSieve.next(1);
    expect([...handedOut, ...ids(blockSieve.takeReady())]).toEqual(["a", "c"]);
  });

  it("reads a block inside a found one with it, adding its entities", () => {
    const { blocks, blockSieve } = blocksOf("<div id='outer'>Tim Cook <p>Palantir</p></div>");
    expect(ids(blocks)).toEqual(["outer"]);
    expect(blockSieve.entitiesIn(blocks[0]!).size).toBe(2);
  });

  it("counts the text it searched whole toward a step's characters", () => {
    const paragraphs = Array.from(
      { length: 50 },
      (_, index) => `<p>Filler paragraph ${index}.</p>`,
    );
    paragraphs[10] = "<p id='named'>Tim Cook signed nothing.</p>";
    loadHtml(`<body><main>${paragraphs.join("")}</main></body>`);
    const limits = { ...REGION_LIMITS, leafChars: 0, minElements: 0 };
    const blockSieve = createBlockSieve(document.body, sieve, limits);
    // The first step plans; the second searches the page whole, far more than 100 characters:
    // it reads no node.
    blockSieve.next(1_000, 100);
    blockSieve.next(1_000, 100);
    expect(blockSieve.textsRead).toBe(0);
    while (!blockSieve.done) blockSieve.next(1_000, 100);
    expect(blockSieve.textsRead).toBe(1);
    expect(ids(blockSieve.takeReady())).toEqual(["named"]);
  });

  it("plans a large root in a step of its own, searching and reading nothing in it", () => {
    const paragraphs = Array.from({ length: 50 }, (_, index) => `<p>Paragraph ${index}.</p>`);
    paragraphs[0] = "<p id='named'>Tim Cook signed nothing.</p>";
    loadHtml(`<body><main>${paragraphs.join("")}</main></body>`);
    // Planning finds the root's script-like elements with one query over all of it (10 to 17 ms
    // on the 6.5 MB synthetic article): the page pass ends its task after a step that long.
    const limits = { ...REGION_LIMITS, minElements: 0 };
    const textContent = Object.getOwnPropertyDescriptor(Element.prototype, "textContent")!;
    let textsSearched = 0;
    Object.defineProperty(Element.prototype, "textContent", {
      configurable: true,
      get(this: Element) {
        textsSearched += 1;
        return textContent.get!.call(this) as string | null;
      },
    });
    const blockSieve = createBlockSieve(document.body, sieve, limits);
    try {
      blockSieve.next(1_000);
      expect([textsSearched, blockSieve.textsRead, blockSieve.done]).toEqual([0, 0, false]);
      blockSieve.next(1_000);
      expect(textsSearched).toBeGreaterThan(0);
    } finally {
      Object.defineProperty(Element.prototype, "textContent", textContent);
    }
    while (!blockSieve.done) blockSieve.next(1_000);
    expect(ids(blockSieve.takeReady())).toEqual(["named"]);
  });

  it("reads the rest of the root node by node when the page breaks the search part-way", () => {
    const paragraphs = Array.from(
      { length: 40 },
      (_, index) => `<p>Filler paragraph ${index}.</p>`,
    );
    paragraphs[35] = "<p id='named'>Tim Cook signed nothing.</p>";
    loadHtml(`<body>${paragraphs.join("")}</body>`);
    const limits = { ...REGION_LIMITS, minElements: 0, maxElements: 5, batchChars: 50 };
    const blockSieve = createBlockSieve(document.body, sieve, limits);
    blockSieve.next(1_000); // plans
    blockSieve.next(1_000); // searches the first stretch
    const textContent = Object.getOwnPropertyDescriptor(Element.prototype, "textContent")!;
    Object.defineProperty(Element.prototype, "textContent", {
      configurable: true,
      get() {
        throw new Error("textContent is sabotaged");
      },
    });
    try {
      while (!blockSieve.done) blockSieve.next(1_000);
    } finally {
      Object.defineProperty(Element.prototype, "textContent", textContent);
    }
    expect(ids(blockSieve.takeReady())).toEqual(["named"]);
  });
});
