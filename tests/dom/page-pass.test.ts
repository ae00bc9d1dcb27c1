import { afterEach, describe, expect, it } from "vitest";
import type { MarkMode } from "../../lib/dataset/types";
import { observePage, type Scheduler } from "../../lib/dom/observer";
import { createPagePass } from "../../lib/dom/page-pass";
import { compileMatcher } from "../../lib/matching";
import { adoptSieve, sieveOf, specOfSieve } from "../../lib/matching/sieve";
import { compileMatcherWithSieve } from "../../lib/matching/sieve-build";
import { fixtureIndex, loadFixturePage, loadHtml, mentionsOnPage } from "./support/pages";
import { manualScheduler } from "./support/scheduler";

const matcher = compileMatcherWithSieve(fixtureIndex());

function serialised(): string {
  return new XMLSerializer().serializeToString(document.documentElement);
}

function paragraph(text: string): HTMLParagraphElement {
  const element = document.createElement("p");
  element.textContent = text;
  return element;
}

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
});

/**
 * The page's observer handing what changed to `pass`, counting its batches; stopped after each
 * test.
 */
function observeWithPass(pass: ReturnType<typeof createPagePass>, schedule: Scheduler) {
  const observed = { batches: 0 };
  stop = observePage(
    document.body,
    (roots) => {
      observed.batches += 1;
      pass.run(roots);
    },
    { schedule },
  );
  return observed;
}

describe("createPagePass", () => {
  it("needs the matcher's sieve built or adopted first, unless told to read every block", () => {
    loadHtml("<body><p>Palantir and Tim Cook.</p></body>");
    // The content script carries no sieve builder: a page that found no stored sieve says so.
    const withoutSieve = compileMatcher(fixtureIndex());
    expect(() => createPagePass({ root: document.body, matcher: withoutSieve }).run()).toThrow(
      /sieve/,
    );
    const pass = createPagePass({ root: document.body, matcher: withoutSieve, sieve: false });
    pass.run();
    expect(pass.counts()).toEqual([
      { entity: "palantir", count: 1 },
      { entity: "tim-cook", count: 1 },
    ]);
    pass.undo();
  });

  it("reads a block whose hits the sieve cannot tie to any entity", () => {
    loadHtml("<body><p>Palantir and Tim Cook.</p></body>");
    // A sieve that names no entity for its tokens: it can only say where to read.
    const unnamed = compileMatcher(fixtureIndex());
    adoptSieve(unnamed, { ...specOfSieve(sieveOf(matcher)!), entitiesByToken: [] });
    const pass = createPagePass({ root: document.body, matcher: unnamed });
    expect(pass.run().map((mark) => mark.textContent)).toEqual(["Palantir", "Tim Cook"]);
  });

  it("builds its matcher's trie only once the sieve finds a name to scan for", () => {
    // The index as the content script gets it, its aliases counted as the trie reads them.
    let aliasReads = 0;
    const counted = {
      ...fixtureIndex(),
      entities: fixtureIndex().entities.map((entity) => ({
        ...entity,
        get aliases() {
          aliasReads += 1;
          return entity.aliases;
        },
      })),
    };
    const adopting = compileMatcher(counted);
    adoptSieve(adopting, specOfSieve(sieveOf(matcher)!));
    loadHtml("<body><p>Nothing here names anyone.</p><p>Nor here, in any case.</p></body>");
    const pass = createPagePass({ root: document.body, matcher: adopting });
    expect(pass.run()).toEqual([]);
    expect(aliasReads, "a page the sieve finds no name on").toBe(0);
    document.body.append(paragraph("Tim Cook spoke."));
    expect(pass.run([document.body.lastChild!]).map((mark) => mark.textContent)).toEqual([
      "Tim Cook",
    ]);
    expect(aliasReads).toBeGreaterThan(0);
  });

  it("marks a fixture page as expected and undoes it exactly", () => {
    const expected = loadFixturePage("inline-splits");
    const before = serialised();
    const pass = createPagePass({ root: document.body, matcher });
    pass.run();
    expect(mentionsOnPage()).toEqual(expected.mentions);
    pass.undo();
    expect(serialised()).toBe(before);
  });

  it("counts marked mentions per entity in order of first appearance, a split one once", () => {
    loadHtml(
      "<body><p>Palantir and <b>Tim</b> Cook.</p><p>Tim Cook again; Palantir again.</p></body>",
    );
    const pass = createPagePass({ root: document.body, matcher });
    pass.run();
    expect(pass.counts()).toEqual([
      { entity: "palantir", count: 2 },
      { entity: "tim-cook", count: 2 },
    ]);
  });

  it("scans only new roots after the first run, keeping the page's state across runs", () => {
    loadHtml("<body><main><p>Tim Cook wrote a memo.</p></main></body>");
    const pass = createPagePass({ root: document.body, matcher });
    expect(pass.run()).toHaveLength(1);
    const later = paragraph("Cook did not name ICE.");
    document.querySelector("main")!.append(later);
    const created = pass.run([later]);
    // The surname counts because the full name appeared earlier on this page, in another run.
    expect(created.map((mark) => [mark.textContent, mark.dataset.receiptsHow])).toEqual([
      ["Cook", "surname"],
    ]);
    expect(pass.run([later])).toEqual([]);
  });

  it("marks the whole root on its first run, even when given new roots", () => {
    loadHtml("<body><p>Tim Cook wrote a memo.</p><p id='new'>Palantir replied.</p></body>");
    const pass = createPagePass({ root: document.body, matcher });
    const created = pass.run([document.getElementById("new")!]);
    expect(created.map((mark) => mark.textContent)).toEqual(["Tim Cook", "Palantir"]);
  });

  it("marks only the first mention of an entity in first-only mode, across runs", () => {
    loadHtml("<body><p>Palantir here. Palantir there.</p></body>");
    const pass = createPagePass({ root: document.body, matcher, markMode: () => "first" });
    pass.run();
    const later = paragraph("Palantir again.");
    document.body.append(later);
    pass.run([later]);
    expect(pass.counts()).toEqual([{ entity: "palantir", count: 1 }]);
  });

  /**
   * Marks the body with Palantir first-only; returns the marks' text and the paragraphs read
   * (each block read asks the style of its element once: what it asks shows what it read).
   */
  function markWithPalantirFirstOnly(): { marked: string[]; paragraphsRead: string[] } {
    const asked = new Set<Element>();
    const view = {
      getComputedStyle(element: Element) {
        asked.add(element);
        return window.getComputedStyle(element);
      },
    };
    const markMode = (entity: string): MarkMode => (entity === "palantir" ? "first" : "every");
    const pass = createPagePass({ root: document.body, matcher, view, markMode });
    const marked = pass.run().map((mark) => mark.textContent ?? "");
    const paragraphsRead = [...asked]
      .filter((element) => element.localName === "p")
      .map((element) => element.textContent ?? "");
    return { marked, paragraphsRead };
  }

  const palantirItems = Array.from({ length: 30 }, (_, item) => `<p>Palantir, item ${item}.</p>`);

  it("does not read blocks that can only name a first-only entity marked already", () => {
    loadHtml(`<body>${palantirItems.join("")}<p>Tim Cook closes.</p></body>`);
    expect(markWithPalantirFirstOnly()).toEqual({
      marked: ["Palantir", "Tim Cook"],
      paragraphsRead: ["Palantir, item 0.", "Tim Cook closes."],
    });
  });

  it("learns a first-only entity is marked from a block that also names others", () => {
    loadHtml(`<body><p>Palantir and Tim Cook.</p>${palantirItems.join("")}</body>`);
    expect(markWithPalantirFirstOnly()).toEqual({
      marked: ["Palantir", "Tim Cook"],
      paragraphsRead: ["Palantir and Tim Cook."],
    });
  });

  it("makes again the marks it did not make in what the page adds (a clone, a cached view)", () => {
    loadHtml("<body><p>Palantir said so.</p></body>");
    const pass = createPagePass({ root: document.body, matcher });
    pass.run();
    const clone = document.querySelector("p")!.cloneNode(true) as Element;
    document.body.append(clone);
    const created = pass.run([clone]);
    expect(created).toHaveLength(1);
    expect([...clone.querySelectorAll("receipts-mark")]).toEqual(created);
  });

  it("leaves the marks it did not make in its whole root to its caller, who checks them once", () => {
    // The query reads every element of the page: the content script asks it once per body.
    loadHtml("<body><p><receipts-mark>Palantir</receipts-mark> said so.</p></body>");
    const copy = document.querySelector("receipts-mark");
    createPagePass({ root: document.body, matcher }).run();
    expect(document.querySelector("receipts-mark")).toBe(copy);
  });

  it("leaves a root outside its own alone, even a mark in it that it did not make", () => {
    loadHtml(
      "<body><div id='root'><p>x</p></div>" +
        "<p id='outside'><receipts-mark>Palantir</receipts-mark> said so.</p></body>",
    );
    const pass = createPagePass({ root: document.getElementById("root")!, matcher });
    pass.run();
    const outside = document.getElementById("outside")!;
    const before = outside.outerHTML;
    expect(pass.run([outside])).toEqual([]);
    expect(outside.outerHTML).toBe(before);
  });

  it("ignores new roots inside excluded regions or outside its root", () => {
    loadHtml("<body><div id='root'><p>x</p></div><p id='outside'>Palantir</p></body>");
    const root = document.getElementById("root")!;
    const pass = createPagePass({ root, matcher });
    pass.run();
    const editor = document.createElement("div");
    editor.setAttribute("contenteditable", "true");
    const inside = paragraph("Palantir in a draft.");
    editor.append(inside);
    root.append(editor);
    expect(pass.run([inside, document.getElementById("outside")!])).toEqual([]);
    expect(document.querySelector("receipts-mark")).toBeNull();
  });

  /** What a page may add whole (an editor, a button, code, a drawing): never ours to mark. */
  const SKIPPED_ROOTS = [
    "<div contenteditable><p>Palantir in the reader's draft.</p></div>",
    "<div role='textbox'><p>Palantir in the reader's draft.</p></div>",
    "<div class='ProseMirror'><p>Palantir in the reader's draft.</p></div>",
    "<button><div>Palantir on a button.</div></button>",
    "<pre><div>Palantir in code.</div></pre>",
    "<svg><foreignObject><div>Palantir in a drawing.</div></foreignObject></svg>",
  ];

  for (const sieve of [true, false]) {
    const reading = sieve ? "with the sieve" : "reading every block";
    it(`never marks inside an editor, button or code the page adds, ${reading}`, async () => {
      loadHtml("<body><main id='feed'><p>Tim Cook wrote.</p></main></body>");
      const scheduler = manualScheduler();
      const pass = createPagePass({ root: document.body, matcher, sieve });
      pass.run();
      stop = observePage(document.body, (roots) => pass.run(roots), {
        schedule: scheduler.schedule,
      });
      const feed = document.getElementById("feed")!;
      for (const html of SKIPPED_ROOTS) {
        const added = new DOMParser().parseFromString(html, "text/html").body.firstElementChild!;
        feed.append(document.importNode(added, true));
        // Also as the only root of a run, as a batch of one would hand it over.
        expect(pass.run([feed.lastElementChild!]), html).toEqual([]);
      }
      await scheduler.runAll();
      feed.append(paragraph("Palantir replied."));
      await scheduler.runAll();
      expect(pass.counts()).toEqual([
        { entity: "tim-cook", count: 1 },
        { entity: "palantir", count: 1 },
      ]);
    });

    it(`never marks a <body contenteditable> (an editor's frame), ${reading}`, () => {
      loadHtml("<body contenteditable><p>Palantir and Tim Cook.</p></body>");
      const pass = createPagePass({ root: document.body, matcher, sieve });
      expect(pass.run()).toEqual([]);
      const later = paragraph("Palantir again.");
      document.body.append(later);
      expect(pass.run([later])).toEqual([]);
      expect(document.querySelector("receipts-mark")).toBeNull();
    });
  }

  it("marks the direct text of a flex or grid container only whole, never part of it", () => {
    loadHtml(
      "<body><a href='#' style='display: flex; gap: 8px'><svg></svg>Elon Musk says so</a>" +
        "<div style='display: inline-grid'>Tim Cook</div><p>Palantir said so.</p>" +
        "<div style='display: flex'><span>Palantir says so</span></div></body>",
    );
    const before = serialised();
    const pass = createPagePass({ root: document.body, matcher, view: window });
    pass.run();
    // A mark around part of the link's text would be a flex item of its own, with a gap.
    expect(pass.counts()).toEqual([
      { entity: "tim-cook", count: 1 },
      { entity: "palantir", count: 2 },
    ]);
    expect(document.querySelector("a")?.childNodes).toHaveLength(2);
    pass.undo();
    expect(serialised()).toBe(before);
  });

  it("hands out no batch of marks when what a task found could not be marked", () => {
    // The name is found, but only part of a flex item's text: it is left unmarked.
    loadHtml("<body><div style='display: flex'>Elon Musk says so</div></body>");
    const batches: HTMLElement[][] = [];
    const pass = createPagePass({
      root: document.body,
      matcher,
      view: window,
      onMarks: (marks) => batches.push(marks),
    });
    expect(pass.run()).toEqual([]);
    expect(batches).toEqual([]);
  });

  it("marks the direct text of a grid container, or a line-clamped box, only whole too", () => {
    // Headlines clamp their lines with `display: -webkit-box`, which happy-dom does not know:
    // the view reports the display an element asks for in its data-display attribute.
    loadHtml(
      "<body><div style='display: grid'>Elon Musk says so</div>" +
        "<h3 data-display='-webkit-box'>Jeff Bezos says so</h3><p>Palantir said so.</p></body>",
    );
    const view = {
      getComputedStyle: (element: Element) => ({
        display: element.getAttribute("data-display") ?? window.getComputedStyle(element).display,
      }),
    };
    const pass = createPagePass({ root: document.body, matcher, view });
    pass.run();
    expect(pass.counts()).toEqual([{ entity: "palantir", count: 1 }]);
  });

  it("scans several small blocks at once, each block's text apart from the next", () => {
    // One scan reads all four paragraphs: "Tim" ending one and "Cook" starting the next must not
    // make a name, nor run on into "Palantir" or glue "others." to "Tim Cook".
    loadHtml(
      "<body><p>Signed by Tim</p><p>Cook and others.</p><p>Palantir</p><p>Tim Cook.</p></body>",
    );
    const pass = createPagePass({ root: document.body, matcher });
    expect(pass.run().map((mark) => mark.textContent)).toEqual(["Palantir", "Tim Cook"]);
  });

  it("leaves text its view says is not rendered unmarked", () => {
    loadHtml(
      "<head><style>.folded { display: none }</style></head>" +
        "<body><p class='folded'>Palantir, hidden.</p><p>Tim Cook, shown.</p></body>",
    );
    const pass = createPagePass({ root: document.body, matcher, view: window });
    expect(pass.run().map((mark) => mark.textContent)).toEqual(["Tim Cook"]);
  });

  it("asks every style it needs to place marks before it puts any mark in", () => {
    // A style query after a mark went in makes the browser compute the page's styles again:
    // once per mark, when the queries and the marks take turns.
    const paragraphs = ["Elon Musk says so.", "Tim Cook says so.", "Palantir says so."];
    loadHtml(`<body>${paragraphs.map((text) => `<p>${text}</p>`).join("")}</body>`);
    let askedAfterAMark = 0;
    const view = {
      getComputedStyle(element: Element) {
        if (document.querySelector("receipts-mark")) askedAfterAMark += 1;
        return window.getComputedStyle(element);
      },
    };
    const pass = createPagePass({ root: document.body, matcher, view });
    expect(pass.run().map((mark) => mark.textContent)).toEqual([
      "Elon Musk",
      "Tim Cook",
      "Palantir",
    ]);
    expect(askedAfterAMark).toBe(0);
  });

  it("after an in-app navigation, keeps marks on screen but starts the page state afresh", () => {
    loadHtml("<body><p>Palantir.</p></body>");
    const pass = createPagePass({ root: document.body, matcher, markMode: () => "first" });
    pass.run();
    const sameView = paragraph("Palantir again.");
    document.body.append(sameView);
    expect(pass.run([sameView])).toEqual([]);
    pass.onNavigation();
    const newView = paragraph("Palantir in the next article.");
    document.body.append(newView);
    expect(pass.run([newView])).toHaveLength(1);
    expect(pass.counts()).toEqual([{ entity: "palantir", count: 2 }]);
  });

  it("starts afresh after undo, as after an in-app navigation", () => {
    loadHtml("<body><p>Palantir.</p></body>");
    const pass = createPagePass({ root: document.body, matcher, markMode: () => "first" });
    pass.run();
    pass.undo();
    expect(pass.counts()).toEqual([]);
    pass.run();
    expect(pass.counts()).toEqual([{ entity: "palantir", count: 1 }]);
  });

  it("after undo, marks the whole root again on its next run, even when given new roots", () => {
    loadHtml("<body><p>Tim Cook wrote a memo.</p><p id='new'>Palantir replied.</p></body>");
    const pass = createPagePass({ root: document.body, matcher });
    pass.run();
    pass.undo();
    const created = pass.run([document.getElementById("new")!]);
    expect(created.map((mark) => mark.textContent)).toEqual(["Tim Cook", "Palantir"]);
  });

  it("undoes its marks unseen by the page's observer, which would hand them back to be made again", async () => {
    loadHtml("<body><main id='feed'><p>Tim Cook wrote.</p><p>Palantir replied.</p></main></body>");
    const scheduler = manualScheduler();
    const pass = createPagePass({ root: document.body, matcher });
    pass.run();
    const observed = observeWithPass(pass, scheduler.schedule);
    pass.undo();
    await scheduler.runAll();
    expect(observed.batches).toBe(0);
    expect(document.querySelector("receipts-mark")).toBeNull();
  });

  it("makes again the copied marks of what the page adds unseen by the page's observer", async () => {
    loadHtml("<body><main id='feed'><p>Palantir said so.</p></main></body>");
    const scheduler = manualScheduler();
    const pass = createPagePass({ root: document.body, matcher });
    pass.run();
    const observed = observeWithPass(pass, scheduler.schedule);
    const feed = document.getElementById("feed")!;
    // A cached view put back: a copy of our mark in it, which the pass undoes and makes again.
    feed.append(feed.firstElementChild!.cloneNode(true));
    await scheduler.runAll();
    expect(observed.batches).toBe(1);
    expect(pass.counts()).toEqual([{ entity: "palantir", count: 2 }]);
  });

  it("when a page script rewrites a text node it holds that we split, shows only its new text", async () => {
    loadHtml("<body><p id='p'><b>Hi</b> Tim Cook is CEO of Apple.</p></body>");
    const paragraph = document.getElementById("p")!;
    // What a framework holds: the text node it created for `{name} is CEO...`.
    const held = paragraph.lastChild as Text;
    const queue: Array<() => void> = [];
    const pass = createPagePass({ root: document.body, matcher });
    pass.run();
    expect(paragraph.querySelectorAll("receipts-mark")).toHaveLength(1);
    stop = observePage(document.body, (roots) => pass.run(roots), {
      schedule: (run) => {
        queue.push(run);
        return () => queue.splice(queue.indexOf(run), 1);
      },
    });
    held.nodeValue = " Elon Musk replied.";
    await Promise.resolve();
    expect(paragraph.textContent).toBe("Hi Elon Musk replied.");
    while (queue.length > 0) queue.shift()?.();
    expect(paragraph.textContent).toBe("Hi Elon Musk replied.");
    expect(pass.counts()).toEqual([{ entity: "elon-musk", count: 1 }]);
  });

  it("with the observer, marks appended paragraphs and changed text, and settles", async () => {
    loadHtml("<body><main id='feed'><p>Tim Cook wrote.</p></main></body>");
    const queue: Array<() => void> = [];
    const schedule: Scheduler = (run) => {
      queue.push(run);
      return () => queue.splice(queue.indexOf(run), 1);
    };
    const settle = async () => {
      await Promise.resolve();
      while (queue.length > 0) queue.shift()?.();
      await Promise.resolve();
    };
    const pass = createPagePass({ root: document.body, matcher });
    pass.run();
    const observed = observeWithPass(pass, schedule);

    const feed = document.getElementById("feed")!;
    // Infinite scroll: two new paragraphs arrive together.
    feed.append(paragraph("Elon Musk posted."), paragraph("Amazon Web Services was named."));
    await settle();
    expect(observed.batches).toBe(1);
    // A page script rewrites text in place.
    const edited = paragraph("nobody");
    feed.append(edited);
    await settle();
    (edited.firstChild as Text).data = "Palantir replied.";
    await settle();
    expect(observed.batches).toBe(3);
    expect(pass.counts()).toEqual([
      { entity: "tim-cook", count: 1 },
      { entity: "elon-musk", count: 1 },
      { entity: "amazon-web-services", count: 1 },
      { entity: "palantir", count: 1 },
    ]);
    // Our marking caused no further batches.
    await settle();
    expect(observed.batches).toBe(3);
    expect(queue).toHaveLength(0);
  });
});
