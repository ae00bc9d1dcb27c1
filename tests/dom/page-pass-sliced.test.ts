import { afterEach, describe, expect, it, vi } from "vitest";
import { createTextCollector } from "../../lib/dom/collect";
import { outermost } from "../../lib/dom/observer";
import { createPagePass, type PagePassOptions } from "../../lib/dom/page-pass";
import { REGION_LIMITS, type RegionLimits } from "../../lib/dom/text-regions";
import { compileMatcherWithSieve } from "../../lib/matching/sieve-build";
import { appendParagraph, fixtureIndex, loadHtml, mentionsOnPage } from "./support/pages";
import { manualScheduler } from "./support/scheduler";

const matcher = compileMatcherWithSieve(fixtureIndex());

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * The sieve reading the whole page node by node, as on small pages: these tests cut that walk
 * into slices (searched whole, their filler would never be walked at all).
 */
const NODE_BY_NODE: RegionLimits = { ...REGION_LIMITS, minElements: Number.POSITIVE_INFINITY };

/**
 * A pass over the test document whose tasks each stop after one piece, so the page is cut into
 * many slices; the tasks are run by hand.
 */
function slicedPass(
  scheduler: ReturnType<typeof manualScheduler>,
  options: Partial<PagePassOptions> = {},
) {
  return createPagePass({
    root: document.body,
    matcher,
    schedule: scheduler.schedule,
    sliceBudgetMs: 0,
    regionLimits: NODE_BY_NODE,
    ...options,
  });
}

/** A long page: the full name at the top, the surname alone far below, many filler blocks. */
function longPage(fillerParagraphs: number): string {
  const filler = Array.from(
    { length: fillerParagraphs },
    (_, index) => `<p>Filler <b>paragraph</b> number ${index} about the letter.</p>`,
  ).join("");
  return (
    `<body><p>Tim Cook signed nothing.</p>${filler}` +
    `<p>Later, <b>Cook</b> said more.</p><p>Palantir was named.</p></body>`
  );
}

describe("the sliced page pass", () => {
  it("marks in several tasks, exactly as one whole pass, with the surname rule across slices", async () => {
    loadHtml(longPage(1500));
    const whole = createPagePass({ root: document.body, matcher });
    whole.run();
    const expected = mentionsOnPage();
    whole.undo();
    expect(expected.map((mention) => mention.how)).toEqual(["full", "surname", "full"]);

    const scheduler = manualScheduler();
    const batches: number[] = [];
    const pass = slicedPass(scheduler, {
      onMarks: (marks) => batches.push(marks.length),
    });
    let result: HTMLElement[] | null = null;
    void pass.runSliced().then((marks) => (result = marks));
    // The first task ran at once and marked the top of the page (what is in view on load).
    expect(mentionsOnPage().map((mention) => mention.text)).toEqual(["Tim Cook"]);
    const tasks = 1 + scheduler.runQueued();
    await Promise.resolve();
    expect(tasks).toBeGreaterThan(3);
    expect(mentionsOnPage()).toEqual(expected);
    expect(result).toHaveLength(3);
    expect(batches.reduce((sum, count) => sum + count, 0)).toBe(3);
  });

  it("searches a large page whole a stretch at a time, in several tasks, marking as one pass", () => {
    loadHtml(longPage(3000));
    const whole = createPagePass({ root: document.body, matcher, sieve: false });
    whole.run();
    const expected = mentionsOnPage();
    whole.undo();
    const scheduler = manualScheduler();
    // Default region limits: 3,000 paragraphs are searched 16 K characters at a time.
    const pass = slicedPass(scheduler, { regionLimits: REGION_LIMITS });
    void pass.runSliced();
    const tasks = 1 + scheduler.runQueued();
    expect(tasks).toBeGreaterThan(2);
    expect(mentionsOnPage()).toEqual(expected);
  });

  it("undo() during a running pass cancels it: no task left, no mark, the page restored", async () => {
    loadHtml(longPage(1500));
    const before = document.body.innerHTML;
    const scheduler = manualScheduler();
    const pass = slicedPass(scheduler);
    const done = pass.runSliced();
    expect(scheduler.scheduled).toBe(1);
    expect(document.querySelectorAll("receipts-mark")).toHaveLength(1);
    pass.undo();
    expect(scheduler.scheduled).toBe(0);
    await expect(done).resolves.toEqual([]);
    expect(document.querySelectorAll("receipts-mark")).toHaveLength(0);
    expect(document.body.innerHTML).toBe(before);
    // The next run starts afresh and completes.
    expect(pass.run().map((mark) => mark.textContent)).toEqual(["Tim Cook", "Cook", "Palantir"]);
  });

  for (const sieve of [true, false]) {
    const reading = sieve ? "with the sieve" : "reading every block";
    it(`goes on after the page removes the part it was walking, ${reading}`, () => {
      loadHtml(
        "<body><div id='gone'>" +
          Array.from({ length: 600 }, (_, index) => `<p>Old ${index}</p>`).join("") +
          "</div><p>Elon Musk posted.</p></body>",
      );
      const scheduler = manualScheduler();
      const pass = slicedPass(scheduler, { sieve });
      void pass.runSliced();
      document.getElementById("gone")!.remove();
      while (scheduler.scheduled > 0) scheduler.runNext();
      expect(mentionsOnPage().map((mention) => mention.text)).toEqual(["Elon Musk"]);
    });
  }

  it("reports how long each task took, one report per task", () => {
    loadHtml(longPage(1500));
    const scheduler = manualScheduler();
    const durations: number[] = [];
    const pass = slicedPass(scheduler, {
      onTask: (ms) => durations.push(ms),
    });
    void pass.runSliced();
    const tasks = 1 + scheduler.runQueued();
    expect(durations).toHaveLength(tasks);
    for (const ms of durations) expect(ms).toBeGreaterThanOrEqual(0);
  });

  it("sizes its steps in characters too: a few huge text nodes take several tasks", () => {
    // One text node is one node however long: sized in nodes alone, the sieve read all four
    // megabyte-scale paragraphs in the first step, one long task.
    const hugeParagraph = `<p>${"plain words without any name in them. ".repeat(8_000)}</p>`;
    loadHtml(`<body>${hugeParagraph.repeat(4)}<p>Elon Musk posted.</p></body>`);
    const scheduler = manualScheduler();
    const pass = slicedPass(scheduler, { sliceBudgetMs: 0 });
    void pass.runSliced();
    const tasks = 1 + scheduler.runQueued();
    expect(tasks).toBeGreaterThan(4);
    expect(mentionsOnPage().map((mention) => mention.text)).toEqual(["Elon Musk"]);
  });

  it("cuts the text it collects by characters too: long paragraphs with names take a task each", () => {
    // Each paragraph holds more characters than a first piece may: cut by nodes alone, one
    // piece would read all six, and scan and wrap them in one long task.
    const named = `<p>Elon Musk posted ${"plain words without any name in them. ".repeat(100)}</p>`;
    loadHtml(`<body>${named.repeat(6)}</body>`);
    const scheduler = manualScheduler();
    const batches: number[] = [];
    const pass = slicedPass(scheduler, {
      regionLimits: REGION_LIMITS,
      onMarks: (marks) => batches.push(marks.length),
    });
    void pass.runSliced();
    scheduler.runQueued();
    expect(batches).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("scans early after at most eight blocks that may hold a first-only entity's first mark", () => {
    // "Cook" alone, with no full name before it, is never marked: each paragraph may still hold
    // the entity's first mark, and ends its piece early, up to eight times; the rest are one.
    const cooks = Array.from({ length: 20 }, (_, index) => `<p>Cook said ${index}.</p>`);
    loadHtml(`<body>${cooks.join("")}</body>`);
    const scheduler = manualScheduler();
    const pass = slicedPass(scheduler, { markMode: () => "first" });
    void pass.runSliced();
    // Eight tasks of one paragraph, one of the other twelve, one that finds the sieve done.
    expect(1 + scheduler.runQueued()).toBe(10);
    expect(mentionsOnPage()).toEqual([]);
    // Paragraphs that name only entities marked every time are one piece.
    loadHtml(`<body>${cooks.join("").replaceAll("Cook", "Palantir")}</body>`);
    void slicedPass(scheduler).runSliced();
    expect(1 + scheduler.runQueued()).toBe(2);
    expect(mentionsOnPage()).toHaveLength(20);
  });

  it("runs the first task of a new sliced pass at once, however the one before ended", () => {
    loadHtml("<body><p>Tim Cook wrote.</p></body>");
    const scheduler = manualScheduler();
    const pass = slicedPass(scheduler);
    const markedAtOnce = (text: string) => {
      const element = appendParagraph(text);
      void pass.runSliced([element]);
      return element.querySelector("receipts-mark") !== null;
    };
    // Each way a pass can end: by its tasks, by run(), by undo().
    void pass.runSliced();
    scheduler.runQueued();
    expect(markedAtOnce("Palantir replied.")).toBe(true);
    scheduler.runQueued();
    void pass.runSliced([appendParagraph("Elon Musk posted.")]);
    pass.run();
    expect(markedAtOnce("Jeff Bezos too.")).toBe(true);
    scheduler.runQueued();
    void pass.runSliced();
    pass.undo();
    void pass.runSliced();
    expect(document.querySelector("receipts-mark")).not.toBeNull();
    scheduler.runQueued();
    expect(mentionsOnPage()).toHaveLength(4);
  });

  it("queues a sliced run asked for while one is under way: one task scheduled at a time", () => {
    loadHtml(longPage(300));
    const scheduler = manualScheduler();
    const pass = slicedPass(scheduler);
    void pass.runSliced();
    const added = appendParagraph("Elon Musk replied.");
    void pass.runSliced([added]);
    // Its work waits for the tasks of the pass before it.
    expect(scheduler.scheduled).toBe(1);
    expect(added.querySelector("receipts-mark")).toBeNull();
    scheduler.runQueued();
    expect(mentionsOnPage().map((mention) => mention.text)).toEqual([
      "Tim Cook",
      "Cook",
      "Palantir",
      "Elon Musk",
    ]);
  });

  it("goes on with its other blocks when the page removes the block it was reading", () => {
    // "Cook" before the full name is not marked. Read again now that the page named Tim Cook,
    // it would be: what the page added is read, not the whole page again.
    loadHtml("<body><p>Cook said first.</p><p>Tim Cook said later.</p></body>");
    const scheduler = manualScheduler();
    const pass = slicedPass(scheduler, { slicing: { pieceNodes: 1, sieveNodes: 1_000 } });
    pass.run();
    // A paragraph of many inline elements: read in several pieces, one a task.
    const long = document.createElement("p");
    long.append("Elon Musk");
    for (let index = 0; index < 20; index++) {
      const word = document.createElement("b");
      word.textContent = `word ${index}`;
      long.append(" ", word);
    }
    const added = document.createElement("div");
    const reply = document.createElement("p");
    reply.textContent = "Palantir replied.";
    added.append(long, reply);
    document.body.append(added);
    void pass.runSliced([added]);
    // The first task read part of the long paragraph; the page then takes it away.
    expect(scheduler.scheduled).toBe(1);
    long.remove();
    scheduler.runQueued();
    expect(mentionsOnPage().map((mention) => mention.text)).toEqual(["Tim Cook", "Palantir"]);
  });

  for (const takenAway of ["moved out of its root", "taken off the page with its root"]) {
    it(`leaves unread the blocks still to read that the page ${takenAway}`, () => {
      loadHtml(
        "<body><div id='root'><p>Palantir one.</p><p>Palantir two.</p><p>Palantir three.</p></div></body>",
      );
      const root = document.getElementById("root")!;
      const [, second, third] = root.children;
      const scheduler = manualScheduler();
      const pass = slicedPass(scheduler, {
        root,
        regionLimits: REGION_LIMITS,
        slicing: { pieceNodes: 1, sieveNodes: 1_000 },
      });
      void pass.runSliced();
      // The first task marked the first paragraph; the page then takes the others away.
      expect(root.querySelectorAll("receipts-mark")).toHaveLength(1);
      if (takenAway === "moved out of its root") document.body.append(second!, third!);
      else root.remove();
      scheduler.runQueued();
      expect(second!.querySelector("receipts-mark")).toBeNull();
      expect(third!.querySelector("receipts-mark")).toBeNull();
    });
  }

  it("skips, in a block the sieve finds late, the blocks inside it read already", () => {
    // The section's own name is found after its paragraphs were handed out and read: read again
    // now that the page named Tim Cook, "Cook" before the full name would be marked, where
    // reading every block in order leaves it.
    const html =
      "<body><section><div>Cook said first.</div><p>Tim Cook said later.</p>" +
      "<p>Nothing here.</p> And Palantir.</section></body>";
    loadHtml(html);
    createPagePass({ root: document.body, matcher, sieve: false }).run();
    const expected = mentionsOnPage();
    expect(expected.map((mention) => mention.text)).toEqual(["Tim Cook", "Palantir"]);
    loadHtml(html);
    const scheduler = manualScheduler();
    void slicedPass(scheduler, { slicing: { pieceNodes: 50, sieveNodes: 1 } }).runSliced();
    scheduler.runQueued();
    expect(mentionsOnPage()).toEqual(expected);
  });

  it("run() finishes queued sliced work in the same task", () => {
    loadHtml(longPage(1500));
    const scheduler = manualScheduler();
    const pass = slicedPass(scheduler);
    void pass.runSliced();
    const added = appendParagraph("Elon Musk replied.");
    // The whole-page job still queued reaches the new paragraph first; the root job then finds
    // it marked already, and marks nothing twice.
    expect(pass.run([added])).toEqual([]);
    expect(scheduler.scheduled).toBe(0);
    expect(mentionsOnPage().map((mention) => mention.text)).toEqual([
      "Tim Cook",
      "Cook",
      "Palantir",
      "Elon Musk",
    ]);
  });
});

/** Paragraphs of the given texts, as a page's body. */
function paragraphsPage(texts: readonly string[]): string {
  return `<body>${texts.map((text) => `<p>${text}</p>`).join("")}</body>`;
}

/** `count` paragraphs that name no one, each `length` characters long. */
function fillerTexts(count: number, length: number): string[] {
  return Array.from({ length: count }, (_, index) => `Filler ${index}`.padEnd(length, "."));
}

/**
 * Runs a sliced pass, reading every block, under a clock that moves only as the pass reads: each
 * paragraph costs one millisecond (its style query moves the clock). Where each task stops then
 * follows from the budget and the pieces' sizes alone. Returns the paragraphs read in each task.
 */
function paragraphsReadPerTask(options: Partial<PagePassOptions>): number[] {
  let clock = 0;
  vi.spyOn(performance, "now").mockImplementation(() => clock);
  let read = 0;
  const perTask: number[] = [];
  const view = {
    getComputedStyle(element: Element) {
      if (element.localName === "p") {
        clock += 1;
        read += 1;
      }
      return { display: "block" };
    },
  };
  const scheduler = manualScheduler();
  const pass = createPagePass({
    root: document.body,
    matcher,
    view,
    sieve: false,
    schedule: scheduler.schedule,
    onTask: () => {
      perTask.push(read);
      read = 0;
    },
    ...options,
  });
  void pass.runSliced();
  scheduler.runQueued();
  return perTask;
}

describe("the sliced page pass's budget and sizes", () => {
  it("ends a task of 12 ms once the next piece, taking twice the last one, would overrun it", () => {
    loadHtml(paragraphsPage(fillerTexts(30, 20)));
    // Pieces of one paragraph, 1 ms each: after the tenth, 10 ms spent and 2 ms more foreseen
    // reach the budget. The last task finds the job done.
    expect(paragraphsReadPerTask({ slicing: { pieceNodes: 1, sieveNodes: 1 } })).toEqual([
      10, 10, 10, 0,
    ]);
  });

  it("starts each task with pieces of 50 text nodes, doubled up to 800, each of 64 characters a node at most", () => {
    // Paragraphs of 65 characters: each piece ends at the paragraph that brings it to 64 a
    // node (50, 99, 197, 394, 788 and 788 paragraphs: 2,316 ms). After the fifth, 1,528 ms spent
    // and twice 788 foreseen fit a budget of 3,500 ms; after the sixth they do not.
    loadHtml(paragraphsPage(fillerTexts(2_400, 65)));
    expect(paragraphsReadPerTask({ sliceBudgetMs: 3_500 })).toEqual([2_316, 84]);
  });

  it("sieves four times a first piece a step, in text nodes or characters, or the nodes asked for", () => {
    // A task per step: 200 text nodes of 20 characters (1,000 paragraphs: 5 steps), or 12,800
    // characters of 128-character nodes (10 steps); then a step that finds the sieve done, and
    // one that finds no root left.
    const tasksFor = (options: Partial<PagePassOptions>) => {
      const scheduler = manualScheduler();
      void slicedPass(scheduler, options).runSliced();
      return 1 + scheduler.runQueued();
    };
    loadHtml(paragraphsPage(fillerTexts(1_000, 20)));
    expect(tasksFor({})).toBe(5 + 2);
    expect(tasksFor({ slicing: { pieceNodes: 1, sieveNodes: 100 } })).toBe(10 + 2);
    loadHtml(paragraphsPage(fillerTexts(1_000, 128)));
    expect(tasksFor({})).toBe(10 + 2);
  });
});

describe("pieces of collected text", () => {
  it("end at block boundaries, so a name never spans two pieces", () => {
    loadHtml("<body>" + "<p>a <b>Tim</b> <i>Cook</i> b</p>".repeat(50) + "<p>end</p></body>");
    const collector = createTextCollector(document.body);
    const pieces: string[][] = [];
    while (!collector.done) {
      const piece = collector.next(7);
      if (piece.segments.length > 0) pieces.push(piece.segments.map((segment) => segment.text));
    }
    expect(pieces.length).toBeGreaterThan(10);
    for (const piece of pieces.slice(0, -1)) {
      // Each paragraph gives five segments ("a ", "Tim", " ", "Cook", " b"): cuts fall between.
      expect(piece.length % 5).toBe(0);
      expect(piece[piece.length - 1]).toBe(" b");
    }
  });

  it("also end once they hold the asked-for characters, at the next block boundary", () => {
    const paragraph = `<p>${"x".repeat(60)}</p>`;
    loadHtml(`<body>${paragraph.repeat(10)}</body>`);
    const collector = createTextCollector(document.body);
    const first = collector.next(1000, 100);
    // Two paragraphs reach 100 characters; the cut falls at the block boundary after them.
    expect(first.segments).toHaveLength(2);
    expect(collector.done).toBe(false);
  });
});

describe("outermost", () => {
  it("keeps every root of a big batch that no other root contains, never the whole page", () => {
    loadHtml("<body><main id='main'></main></body>");
    const main = document.getElementById("main")!;
    const roots: Node[] = [];
    for (let index = 0; index < 1000; index += 1) {
      const paragraph = document.createElement("p");
      const bold = document.createElement("b");
      paragraph.append(bold);
      main.append(paragraph);
      roots.push(paragraph, bold);
    }
    const detached = document.createElement("p");
    const result = outermost([...roots, detached], document.body);
    expect(result).toHaveLength(1000);
    expect(result.every((node) => (node as Element).localName === "p")).toBe(true);
    expect(result).not.toContain(document.body);
  });
});
