/**
 * The content script's adapter (lib/content/receipts.ts) on a happy-dom page with WXT's fake
 * browser: what it answers the popup, tells the badge, and which marks a keyboard reaches. It
 * runs without a stored sieve (every block read), its observer and slices on their real
 * schedulers, so each check waits for the page to settle.
 */
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { fakeBrowser } from "wxt/testing";
import { ContentScriptContext } from "wxt/utils/content-script-context";
import { buildCards } from "../../lib/cards/card-data";
import { startReceipts } from "../../lib/content/receipts";
import {
  createTaskMeter,
  LONGEST_TASK_ATTRIBUTE,
  STARTED_AT_ATTRIBUTE,
} from "../../lib/content/task-meter";
import {
  parseBackgroundRequest,
  type EntityCount,
  type PageSummary,
} from "../../lib/messaging/protocol";
import { markInFrames, setMarkMode, setSiteEnabled } from "../../lib/settings/settings";
import { miniDataset } from "../fixtures/mini-dataset";
import { appendParagraph, fixtureIndex, loadHtml } from "./support/pages";

/** The observer batches on idle time (at most 500 ms): room for a few batches. */
const SETTLE = { timeout: 5_000, interval: 20 };
/** Our marks' style, as the entrypoint passes lib/ui/marks.css. */
const MARKS_CSS = ":host([data-receipts-entity]) { cursor: help; }";
const CARD_CSS = ".card { position: fixed; }";
/** The document's own style sheets and `<style>` elements: the page's only, always. */
const documentSheets = () => [
  ...document.adoptedStyleSheets,
  ...document.querySelectorAll("style"),
];
/** The marks on the page that wear our style (lib/dom/mark-styles.ts: a closed root each). */
let styledMarks = new WeakSet<Element>();
const unstyledMarks = () =>
  [...document.querySelectorAll("receipts-mark")].filter((mark) => !styledMarks.has(mark));

let ctx: ContentScriptContext | null = null;
/** The counts each `page-counts` message told the background, in order. */
let reported: EntityCount[][] = [];

/** Waits until the last counts told to the background (the badge's) are `counts`. */
async function badgeSays(counts: EntityCount[]): Promise<void> {
  await vi.waitFor(() => expect(reported.at(-1)).toEqual(counts), SETTLE);
}

async function start(html: string): Promise<void> {
  loadHtml(html);
  ctx = new ContentScriptContext("receipts-test");
  await startReceipts(ctx, {
    index: fixtureIndex(),
    marksCss: MARKS_CSS,
    sieveKey: "test",
  });
}

async function summary(): Promise<PageSummary | undefined> {
  const answers = await fakeBrowser.runtime.onMessage.trigger({ type: "page-summary" }, {});
  return answers.find((answer) => answer !== undefined) as PageSummary | undefined;
}

const nameOf = { "tim-cook": "Tim Cook", "elon-musk": "Elon Musk" };
const marksOf = (entity: string) => [
  ...document.querySelectorAll<HTMLElement>(`receipts-mark[data-receipts-entity="${entity}"]`),
];
/** The marks a keyboard reaches (all entities', or one's). */
const tabbable = (entity?: string) =>
  [...document.querySelectorAll<HTMLElement>("receipts-mark")].filter(
    (mark) => mark.tabIndex === 0 && (!entity || mark.dataset.receiptsEntity === entity),
  );
/** The marks announced as links or labelled: only the tab stops may be. */
const announced = () => [
  ...document.querySelectorAll<HTMLElement>(
    "receipts-mark[role], receipts-mark[aria-label], receipts-mark[aria-description]",
  ),
];

/** A `pageshow` event, from the back/forward cache (`persisted`) or not. */
function pageshow(persisted: boolean): Event {
  return Object.assign(new Event("pageshow"), { persisted });
}

/** A `<body>` holding one paragraph, as a Turbo-style navigation brings it. */
function bodyWith(text: string): HTMLElement {
  const body = document.createElement("body");
  appendParagraph(text, body);
  return body;
}

/** The card's dialog once it is on screen. */
async function openCard(): Promise<HTMLElement> {
  return vi.waitFor(() => {
    const card = document.querySelector("receipts-ui")?.shadowRoot?.querySelector("[role=dialog]");
    if (!(card instanceof HTMLElement)) throw new Error("no card yet");
    return card;
  }, SETTLE);
}

function pressEscape(target: Element): void {
  target.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
}

/**
 * WXT's location watcher checks the address this often where the Navigation API is missing
 * (happy-dom); waiting a little longer, the content script has heard of a navigation.
 */
const LOCATION_WATCH_MS = 1_000;
let views = 0;
/** An in-app navigation (the content script hears of it within LOCATION_WATCH_MS). */
function navigate(): void {
  views += 1;
  history.pushState({}, "", `/view-${views}`);
}

beforeEach(() => {
  fakeBrowser.reset();
  reported = [];
  styledMarks = new WeakSet();
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, "attachShadow").mockImplementation(function (
    this: Element,
    init: ShadowRootInit,
  ) {
    styledMarks.add(this);
    return attach.call(this, init);
  });
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    const request = parseBackgroundRequest(message);
    if (request?.type === "page-counts") reported.push(request.counts);
    // The card's sheet, as the background gives it: without one no card is built.
    if (request?.type === "card-style") return Promise.resolve({ css: CARD_CSS });
    return undefined;
  });
});
afterEach(() => {
  ctx?.abort();
  ctx = null;
  vi.mocked(Element.prototype.attachShadow).mockRestore();
});

describe("startReceipts", () => {
  it("answers the popup from its first moment: starting, then marking until done", async () => {
    loadHtml("<body><p>Palantir and Tim Cook.</p></body>");
    ctx = new ContentScriptContext("receipts-test");
    const started = startReceipts(ctx, {
      index: fixtureIndex(),
      marksCss: MARKS_CSS,
      sieveKey: "test",
    });
    // The settings are still being read.
    expect(await summary()).toEqual({
      url: location.href,
      title: document.title,
      enabled: true,
      progress: "starting",
      entities: [],
    });
    await started;
    // The pass runs in slices after the settings are read: its counts so far are partial.
    expect((await summary())?.progress).toBe("marking");
    await vi.waitFor(async () => expect((await summary())?.progress).toBe("done"), SETTLE);
    expect((await summary())?.entities).toEqual([
      { entity: "palantir", count: 1 },
      { entity: "tim-cook", count: 1 },
    ]);
  });

  it("starts marking the page in a task after the one that compiled the matcher and set up", async () => {
    await start("<body><p>Palantir said so.</p></body>");
    // Still the task the settings' answer resumed: the page's first slice has not run in it.
    expect(marksOf("palantir")).toEqual([]);
    expect((await summary())?.progress).toBe("marking");
    await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(1), SETTLE);
  });

  it("says marking, not done, while a site turned back on waits for its first slice", async () => {
    await start("<body><p>Palantir said so.</p></body>");
    await vi.waitFor(async () => expect((await summary())?.progress).toBe("done"), SETTLE);
    await setSiteEnabled(location.hostname, false);
    await vi.waitFor(() => expect(marksOf("palantir")).toEqual([]), SETTLE);
    await setSiteEnabled(location.hostname, true);
    // The pass of before had finished: the new one has marked nothing yet.
    expect(await summary()).toMatchObject({ enabled: true, progress: "marking", entities: [] });
    await vi.waitFor(async () => expect((await summary())?.progress).toBe("done"), SETTLE);
    expect(marksOf("palantir")).toHaveLength(1);
  });

  it("announces as links only the marks a keyboard reaches, and keeps the page's names", async () => {
    await start(
      "<body><h1>Tim Cook on the letter</h1>" +
        "<p><a href='/musk'>Elon Musk says</a> and Elon Musk again; Tim Cook too.</p></body>",
    );
    await vi.waitFor(() => expect(marksOf("elon-musk")).toHaveLength(2), SETTLE);
    const [headline, cook] = marksOf("tim-cook");
    const [inLink, musk] = marksOf("elon-musk");
    // In a link: the link is what the keyboard reaches, and its name stays its text.
    expect([
      inLink?.tabIndex,
      inLink?.getAttribute("role"),
      inLink?.hasAttribute("aria-label"),
    ]).toEqual([-1, null, false]);
    expect(musk?.tabIndex).toBe(0);
    expect(musk?.getAttribute("role")).toBe("link");
    expect(musk?.getAttribute("aria-label")).toBe(
      "Elon Musk: what the sources say about Elon Musk (Enter to read)",
    );
    // In a heading: a link, described, so the heading's name stays its text.
    expect(headline?.tabIndex).toBe(0);
    expect(headline?.getAttribute("role")).toBe("link");
    expect(headline?.hasAttribute("aria-label")).toBe(false);
    expect(headline?.getAttribute("aria-description")).toBe(
      "what the sources say about Tim Cook (Enter to read)",
    );
    // Not in the tab order: no link that does nothing, no label in place of its text.
    expect([cook?.tabIndex, cook?.getAttribute("role"), cook?.hasAttribute("aria-label")]).toEqual([
      -1,
      null,
      false,
    ]);
  });

  it("hands an entity's tab stop to its next mark when the page removes it", async () => {
    await start(
      "<body><p id='first'>Palantir one.</p><p id='second'>Palantir two.</p>" +
        "<p id='third'>Palantir three.</p></body>",
    );
    await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(3), SETTLE);
    const tabbable = () => marksOf("palantir").filter((mark) => mark.tabIndex === 0);
    expect(tabbable().map((mark) => mark.parentElement?.id)).toEqual(["first"]);

    // New marks are labelled: the lost tab stop passes on.
    document.getElementById("first")?.remove();
    appendParagraph("Tim Cook arrives.");
    await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(1), SETTLE);
    // The lost tab stop passes on once the batch is done, a moment after its marks appear.
    await vi.waitFor(
      () => expect(tabbable().map((mark) => mark.parentElement?.id)).toEqual(["second"]),
      SETTLE,
    );
    expect(tabbable()[0]?.getAttribute("role")).toBe("link");

    // An in-app navigation took it with the old view.
    document.getElementById("second")?.remove();
    navigate();
    await vi.waitFor(
      () => expect(tabbable().map((mark) => mark.parentElement?.id)).toEqual(["third"]),
      SETTLE,
    );
  });

  it("keeps one tab stop per entity while the page takes marks away and brings new ones", async () => {
    await start(
      "<body><p id='first'>Palantir one.</p><p id='second'>Palantir two.</p>" +
        "<p id='third'>Palantir three.</p></body>",
    );
    await badgeSays([{ entity: "palantir", count: 3 }]);
    for (const [id, entity] of [
      ["first", "tim-cook"],
      ["third", "elon-musk"],
    ] as const) {
      const count = reported.length;
      document.getElementById(id)?.remove();
      appendParagraph(`${nameOf[entity]} and Palantir arrive.`);
      await vi.waitFor(() => expect(reported).toHaveLength(count + 1), SETTLE);
      expect(marksOf(entity)).toHaveLength(1);
      expect(tabbable("palantir")).toHaveLength(1);
      expect(announced()).toEqual(tabbable());
    }
  });

  it("makes again a mark the page puts back after it was forgotten: one tab stop", async () => {
    await start("<body><p id='first'>Palantir one.</p><p id='second'>Palantir two.</p></body>");
    await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(2), SETTLE);
    const first = document.getElementById("first")!;
    const [old] = marksOf("palantir");
    // A view cached away; a batch of new content forgets its marks and moves the tab stop on.
    first.remove();
    appendParagraph("Tim Cook arrives.");
    await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(1), SETTLE);
    // The lost tab stop passes on once the batch is done, a moment after its marks appear.
    await vi.waitFor(
      () => expect(tabbable("palantir").map((mark) => mark.parentElement?.id)).toEqual(["second"]),
      SETTLE,
    );

    // The cached view comes back: its mark is made again, and is no second tab stop.
    document.body.prepend(first);
    await vi.waitFor(() => expect(marksOf("palantir")[0]).not.toBe(old), SETTLE);
    expect(marksOf("palantir")).toHaveLength(2);
    expect(tabbable("palantir").map((mark) => mark.parentElement?.id)).toEqual(["second"]);
    expect(announced()).toEqual(tabbable());
    expect(first.querySelectorAll("receipts-mark receipts-mark")).toHaveLength(0);
  });

  it("tells the badge when the page removed marks, and after a back/forward cache restore", async () => {
    await start("<body><p id='story'>Palantir and Tim Cook.</p><p>Palantir again.</p></body>");
    await vi.waitFor(async () => expect((await summary())?.progress).toBe("done"), SETTLE);
    await vi.waitFor(() => expect(reported).toHaveLength(1), SETTLE);
    // A new view without names replaces a story: the badge's count of Tim Cook is gone.
    document.getElementById("story")?.remove();
    appendParagraph("Nothing to see.");
    await vi.waitFor(() => expect(reported).toHaveLength(2), SETTLE);
    expect(reported[1]).toEqual([{ entity: "palantir", count: 1 }]);

    window.dispatchEvent(pageshow(false));
    window.dispatchEvent(pageshow(true));
    expect(reported).toHaveLength(3);
    expect(reported[2]).toEqual([{ entity: "palantir", count: 1 }]);

    // New content that brings a name and takes none away.
    appendParagraph("Tim Cook is back.");
    await vi.waitFor(() => expect(reported).toHaveLength(4), SETTLE);
    expect(reported[3]).toEqual([
      { entity: "palantir", count: 1 },
      { entity: "tim-cook", count: 1 },
    ]);
  });

  it("keeps marking text the page rewrites: marks we removed ourselves are no fight", async () => {
    await start("<body><p id='live'><b>Live:</b> Palantir said so.</p></body>");
    await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(1), SETTLE);
    const live = document.getElementById("live")!;
    // The page's own node: marking split it, and it kept the text before the mark.
    const held = live.childNodes[1] as Text;
    const entities = ["tim-cook", "elon-musk", "palantir", "tim-cook", "elon-musk"];
    const names = ["Tim Cook", "Elon Musk", "Palantir", "Tim Cook", "Elon Musk"];
    for (const [index, entity] of entities.entries()) {
      // What a framework holding the node does: it believes the node holds all the text.
      held.data = ` ${names[index]} said so.`;
      await vi.waitFor(() => expect(marksOf(entity)).toHaveLength(1), SETTLE);
      expect(live.textContent).toBe(`Live: ${names[index]} said so.`);
    }
  });

  it("leaves text the page writes back unchanged at each render, rather than mark it again and again", async () => {
    await start("<body><p id='live'><b>Live:</b> Palantir said so.</p></body>");
    await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(1), SETTLE);
    const live = document.getElementById("live")!;
    // The page's own node: marking split it, and it kept the text before the mark.
    const held = live.childNodes[1] as Text;
    for (const entity of ["tim-cook", "elon-musk"]) {
      // A render: Svelte 3 writes the text again when `wholeText` differs, which our mark makes
      // it do at every render. Then new text, so we know the batch after the render has run.
      held.data = " Palantir said so.";
      appendParagraph(entity === "tim-cook" ? "Tim Cook said so." : "Elon Musk said so.");
      await vi.waitFor(() => expect(marksOf(entity)).toHaveLength(1), SETTLE);
      expect(marksOf("palantir")).toHaveLength(0);
      expect(live.textContent).toBe("Live: Palantir said so.");
    }
    // New text in that node is marked as ever.
    held.data = " Tim Cook said so.";
    await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(2), SETTLE);
    expect(live.textContent).toBe("Live: Tim Cook said so.");
  });

  it(
    "marks again after an in-app navigation on a page that fought its marks",
    { timeout: 20_000 },
    async () => {
      await start("<body><p>Nobody yet.</p></body>");
      const fight = async (name: string, entity: string) => {
        appendParagraph(`${name} said so.`);
        await vi.waitFor(() => expect(marksOf(entity)).toHaveLength(1), SETTLE);
        // The page's own script takes our mark out as soon as it appears.
        marksOf(entity)[0]?.remove();
      };
      await fight("Palantir", "palantir");
      await fight("Tim Cook", "tim-cook");
      await fight("Elon Musk", "elon-musk");
      // The third batch in a row whose marks the page took: Receipts leaves the page alone.
      appendParagraph("Palantir said so again.");
      // Time for that batch to run (the observer's longest wait is 500 ms), before navigating.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(marksOf("palantir")).toHaveLength(0);
      // Left alone: the page's next change is not marked either.
      appendParagraph("Tim Cook said so again.");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(marksOf("tim-cook")).toHaveLength(0);

      navigate();
      await new Promise((resolve) => setTimeout(resolve, LOCATION_WATCH_MS * 1.5));
      appendParagraph("Elon Musk in the new view.");
      await vi.waitFor(() => expect(marksOf("elon-musk")).toHaveLength(1), SETTLE);
    },
  );

  it(
    "keeps marking a page whose ticker rewrites a named headline every few seconds: no fight",
    { timeout: 20_000 },
    async () => {
      await start("<body><p>Nobody yet.</p></body>");
      for (const [name, entity] of [
        ["Palantir", "palantir"],
        ["Tim Cook", "tim-cook"],
        ["Elon Musk", "elon-musk"],
        ["Palantir", "palantir"],
      ] as const) {
        appendParagraph(`${name} said so.`);
        await vi.waitFor(() => expect(marksOf(entity)).toHaveLength(1), SETTLE);
        // The ticker's next headline, a while later: it replaces the one we marked.
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        document.body.lastElementChild?.remove();
      }
      // Four batches in a row found their marks gone, none of them at once: still marking.
      appendParagraph("Elon Musk in the next story.");
      await vi.waitFor(() => expect(marksOf("elon-musk")).toHaveLength(1), SETTLE);
    },
  );

  it("makes no tab stop of a mark in a disclosure's summary or a scripted button", async () => {
    await start(
      "<body><details><summary>Tim Cook</summary></details>" +
        "<p><span role='button'>Tim Cook</span> and Tim Cook.</p></body>",
    );
    await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(3), SETTLE);
    expect(marksOf("tim-cook").map((mark) => mark.tabIndex)).toEqual([-1, -1, 0]);
  });

  it("leaves its pass alone when the page adds to <html> beside the same <body>", async () => {
    await start("<body><p>Palantir said so.</p></body>");
    await vi.waitFor(() => expect(reported).toHaveLength(1), SETTLE);
    document.documentElement.append(document.createElement("script"));
    await quiet();
    expect(reported).toHaveLength(1);
    expect(marksOf("palantir")).toHaveLength(1);
  });

  it("undoes marks it did not make in the page as loaded: no card or count for a look-alike", async () => {
    await start(
      '<body><p><receipts-mark data-receipts-entity="tim-cook" tabindex="0" role="link">' +
        "Elon Musk</receipts-mark> said so.</p></body>",
    );
    await vi.waitFor(
      async () =>
        expect(await summary()).toMatchObject({
          progress: "done",
          entities: [{ entity: "elon-musk", count: 1 }],
        }),
      SETTLE,
    );
    expect(marksOf("tim-cook")).toEqual([]);
    expect(marksOf("elon-musk").map((mark) => mark.textContent)).toEqual(["Elon Musk"]);
    expect(document.body.querySelectorAll("receipts-mark")).toHaveLength(1);
  });

  it("leaves a page that names nobody as it was, and styles only the marks themselves", async () => {
    await start("<body><p>Nobody of note wrote this.</p></body>");
    await vi.waitFor(async () => expect((await summary())?.progress).toBe("done"), SETTLE);
    await quiet();
    // Nothing a page's script could tell a reader of Receipts by.
    expect(documentSheets()).toEqual([]);
    expect(document.querySelectorAll("receipts-mark, receipts-ui, style")).toHaveLength(0);

    appendParagraph("Palantir said so.");
    await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(1), SETTLE);
    // The mark wears its style itself; the document's sheets are still the page's.
    expect(unstyledMarks()).toEqual([]);
    expect(documentSheets()).toEqual([]);
  });

  describe("copying marked text", () => {
    const attributesOf = (element: Element) =>
      Array.from(element.attributes, ({ name, value }) => `${name}=${value}`);
    /** Selects `node`'s contents and copies, noting the attributes of every mark as copied. */
    const copy = (node: Node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      let copied: string[][] = [];
      // A page's own listener runs after ours, and the browser's copy after both.
      const onCopy = () => {
        copied = [...document.querySelectorAll("receipts-mark")].map(attributesOf);
      };
      document.addEventListener("copy", onCopy);
      document.body.dispatchEvent(new Event("copy", { bubbles: true }));
      document.removeEventListener("copy", onCopy);
      return copied;
    };

    it("gives the copy the marked words without our attributes, then puts them back as they were", async () => {
      await start("<body><p>Tim Cook spoke.</p><p>Palantir did not.</p></body>");
      await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(1), SETTLE);
      const before = [...document.querySelectorAll("receipts-mark")].map(attributesOf);
      expect(before[0]).toEqual(expect.arrayContaining(["role=link", "tabindex=0"]));

      // Only the selected paragraph's mark is stripped.
      const copied = copy(document.body.firstElementChild as Element);
      expect(copied).toEqual([[], before[1]]);
      await vi.waitFor(() => {
        expect([...document.querySelectorAll("receipts-mark")].map(attributesOf)).toEqual(before);
      }, SETTLE);
      // A selection inside one mark's text.
      expect(copy(marksOf("palantir")[0]?.firstChild as Node)).toEqual([before[0], []]);
    });

    it("leaves a focused mark its tab stop, so focus stays on it", async () => {
      await start("<body><p>Tim Cook spoke.</p></body>");
      await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(1), SETTLE);
      const mark = marksOf("tim-cook")[0] as HTMLElement;
      mark.focus();
      expect(copy(document.body)).toEqual([["tabindex=0"]]);
      expect(document.activeElement).toBe(mark);
    });
  });

  describe("a page that puts in a new <body> (Turbo, Hotwire)", () => {
    const swapBody = (next: HTMLElement) =>
      document.documentElement.replaceChild(next, document.body);

    it("marks the new body, counts it, and gives the old one back its own text", async () => {
      await start("<body><p>Palantir and Tim Cook.</p></body>");
      await vi.waitFor(async () => expect((await summary())?.progress).toBe("done"), SETTLE);
      const old = document.body;

      swapBody(bodyWith("Elon Musk and Palantir."));
      // Once the page's change is heard, the new body's counts are partial until its pass is done.
      await Promise.resolve();
      expect((await summary())?.progress).toBe("marking");
      const counts = [
        { entity: "elon-musk", count: 1 },
        { entity: "palantir", count: 1 },
      ];
      await vi.waitFor(
        async () => expect(await summary()).toMatchObject({ progress: "done", entities: counts }),
        SETTLE,
      );
      await badgeSays(counts);
      // The new page's first marks are its tab stops.
      expect(marksOf("palantir")[0]?.tabIndex).toBe(0);
      expect(marksOf("elon-musk")[0]?.tabIndex).toBe(0);
      // Nothing of ours is left in the tree that left the page, and its text is whole again.
      expect(old.querySelectorAll("receipts-mark")).toHaveLength(0);
      expect(old.firstElementChild?.childNodes).toHaveLength(1);
      expect(old.textContent).toBe("Palantir and Tim Cook.");

      // The observer follows: new text in the new body is marked, the old body is not watched.
      appendParagraph("Tim Cook in the old body.", old);
      appendParagraph("Tim Cook in the new one.");
      await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(1), SETTLE);
      expect(old.querySelectorAll("receipts-mark")).toHaveLength(0);
    });

    it("marks a body the page puts back (a framework's cached view) like any new one", async () => {
      await start("<body><p>Palantir and Tim Cook.</p></body>");
      await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(1), SETTLE);
      const old = document.body;
      swapBody(bodyWith("Elon Musk said so."));
      await vi.waitFor(() => expect(marksOf("elon-musk")).toHaveLength(1), SETTLE);

      swapBody(old);
      await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(1), SETTLE);
      expect(marksOf("palantir")).toHaveLength(1);
      expect(marksOf("elon-musk")).toHaveLength(0);
      await badgeSays([
        { entity: "palantir", count: 1 },
        { entity: "tim-cook", count: 1 },
      ]);
    });

    it("makes the marks of a cached snapshot put back again: one tab stop per entity", async () => {
      await start("<body><p>Palantir one.</p><p>Tim Cook and Palantir two.</p></body>");
      await vi.waitFor(async () => expect((await summary())?.progress).toBe("done"), SETTLE);
      // What Turbo caches on leaving a page: a copy of its body, our marks in it.
      const snapshot = document.body.cloneNode(true) as HTMLElement;
      swapBody(bodyWith("Elon Musk said so."));
      await vi.waitFor(() => expect(marksOf("elon-musk")).toHaveLength(1), SETTLE);

      // Back: Turbo puts the snapshot in, and the page goes on with it.
      swapBody(snapshot);
      appendParagraph("Palantir three.");
      await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(3), SETTLE);
      expect(tabbable().map((mark) => mark.textContent)).toEqual(["Palantir", "Tim Cook"]);
      expect(tabbable("palantir")[0]).toBe(marksOf("palantir")[0]);
      expect(announced()).toEqual(tabbable());
      await badgeSays([
        { entity: "palantir", count: 3 },
        { entity: "tim-cook", count: 1 },
      ]);
    });

    it("waits for a body on a page that has none yet, and stays on", async () => {
      loadHtml("<body></body>");
      document.body.remove();
      ctx = new ContentScriptContext("receipts-test");
      await startReceipts(ctx, {
        index: fixtureIndex(),
        marksCss: MARKS_CSS,
        sieveKey: "test",
      });
      expect(await summary()).toMatchObject({ enabled: true, progress: "done", entities: [] });
      // The badge the load left is cleared: there is nothing to count yet.
      await vi.waitFor(() => expect(reported).toEqual([[]]), SETTLE);

      document.documentElement.append(bodyWith("Palantir arrives."));
      await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(1), SETTLE);
      expect((await summary())?.entities).toEqual([{ entity: "palantir", count: 1 }]);
    });
  });

  describe("a page that puts in a whole new <html>", () => {
    it("marks the new document element's body, and leaves nothing on the old tree", async () => {
      await start("<body><p>Palantir and Tim Cook.</p></body>");
      await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(1), SETTLE);
      const oldBody = document.body;
      const html = document.createElement("html");
      html.append(bodyWith("Elon Musk said so."));

      // document.replaceChild(html, document.documentElement), as happy-dom can do it.
      document.documentElement.remove();
      document.append(html);
      await vi.waitFor(() => expect(marksOf("elon-musk")).toHaveLength(1), SETTLE);
      expect(oldBody.querySelectorAll("receipts-mark")).toHaveLength(0);
      expect(oldBody.textContent).toBe("Palantir and Tim Cook.");

      // New text in the new body is marked; the old tree is watched no more.
      appendParagraph("Tim Cook in the old body.", oldBody);
      appendParagraph("Tim Cook in the new one.");
      await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(1), SETTLE);
      expect(oldBody.querySelectorAll("receipts-mark")).toHaveLength(0);
      // A <body> put into the new <html> later is found too.
      html.replaceChild(bodyWith("Palantir once more."), document.body);
      await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(1), SETTLE);
    });

    it("starts again when the document is emptied and written afresh", async () => {
      await start("<body><p>Palantir and Tim Cook.</p></body>");
      await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(1), SETTLE);
      // What document.open() then document.write() do: the document loses its element, then
      // gets a new one whose body comes after it.
      document.documentElement.remove();
      await new Promise((resolve) => setTimeout(resolve, 0));
      const html = document.createElement("html");
      document.append(html);
      await new Promise((resolve) => setTimeout(resolve, 0));
      html.append(bodyWith("Elon Musk said so."));
      await vi.waitFor(() => expect(marksOf("elon-musk")).toHaveLength(1), SETTLE);
    });
  });

  describe("when the extension is reloaded or updated under the page", () => {
    it("stops and undoes its marks the next time the page changes", async () => {
      await start("<body><p id='story'>Palantir and Tim Cook.</p></body>");
      await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(1), SETTLE);
      const story = document.getElementById("story")!;
      const text = story.firstChild;
      // What an orphaned content script sees: no extension behind it any more. (The fake
      // browser's reset does not give the id back.)
      const runtime = fakeBrowser.runtime as { id?: string };
      const id = runtime.id;
      onTestFinished(() => void (runtime.id = id));
      runtime.id = undefined;
      // The first change it hears of: it stops there, before marking what the page added.
      const added: string[] = [];
      const watch = new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.addedNodes) {
            if (node instanceof Element && node.localName === "receipts-mark") {
              added.push(node.textContent ?? "");
            }
          }
        }
      });
      watch.observe(document.body, { childList: true, subtree: true });
      onTestFinished(() => watch.disconnect());
      appendParagraph("Elon Musk said so.");
      await vi.waitFor(
        () => expect(document.querySelectorAll("receipts-mark")).toHaveLength(0),
        SETTLE,
      );
      expect(story.firstChild).toBe(text);
      expect(story.childNodes).toHaveLength(1);
      expect(added).toEqual([]);
      // Nothing watches the page any more.
      appendParagraph("Elon Musk again.");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(marksOf("elon-musk")).toHaveLength(0);
    });
  });

  describe("focus when the card's mark leaves the page", () => {
    it("goes to the entity's next tab stop, not to the page's top", async () => {
      await start("<body><p id='first'>Palantir one.</p><p id='second'>Palantir two.</p></body>");
      await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(2), SETTLE);
      const [first, second] = marksOf("palantir");
      first?.focus();
      const card = await openCard();
      card.focus();

      document.getElementById("first")?.remove();
      pressEscape(card);
      expect(document.activeElement).toBe(second);
      expect(second?.tabIndex).toBe(0);
      // The badge hears of the mark the page took.
      await badgeSays([{ entity: "palantir", count: 1 }]);
    });

    it("is not handed to the removed mark when the entity has no other", async () => {
      await start("<body><p id='only'>Palantir once.</p><p>Nothing else.</p></body>");
      await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(1), SETTLE);
      const [mark] = marksOf("palantir");
      mark?.focus();
      const card = await openCard();
      card.focus();
      const focus = vi.spyOn(mark!, "focus");

      document.getElementById("only")?.remove();
      pressEscape(card);
      expect(focus).not.toHaveBeenCalled();
      expect(document.activeElement).not.toBe(mark);
    });
  });
});

/** Long enough for what must not happen (a card opening, a batch marking) to have happened. */
const QUIET_MS = 600;
const quiet = () => new Promise((resolve) => setTimeout(resolve, QUIET_MS));

/** The card's dialog, when one is shown. */
const shownCard = () =>
  document.querySelector("receipts-ui")?.shadowRoot?.querySelector<HTMLElement>("[role=dialog]") ??
  null;

function pointerOn(target: EventTarget, type: string, pointerType: string, relatedTarget?: Node) {
  target.dispatchEvent(new PointerEvent(type, { pointerType, bubbles: true, relatedTarget }));
}

/** A tap as a touch screen reports it: pointerdown, the focus it gives, then the click. */
function tap(mark: HTMLElement) {
  pointerOn(mark, "pointerdown", "touch");
  mark.focus();
  pointerOn(mark, "click", "touch");
}

function press(target: Element, key: string): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

describe("jump to a mention (the popup's list of names)", () => {
  async function jump(entity: string) {
    const answers = await fakeBrowser.runtime.onMessage.trigger({ type: "jump", entity }, {});
    return answers.find((answer) => answer !== undefined);
  }

  it(
    "scrolls to each of the entity's marks in turn, flashing it a moment, and starts over on a new view",
    { timeout: 20_000 },
    async () => {
      await start("<body><p>Palantir one.</p><p>Tim Cook.</p><p>Palantir two.</p></body>");
      await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(2), SETTLE);
      const scrolls: [Element, unknown][] = [];
      const scrollIntoView = vi
        .spyOn(HTMLElement.prototype, "scrollIntoView")
        .mockImplementation(function (this: HTMLElement, options) {
          scrolls.push([this, options]);
        });
      onTestFinished(() => scrollIntoView.mockRestore());
      const [first, second] = marksOf("palantir") as [HTMLElement, HTMLElement];

      for (let step = 0; step < 3; step++) expect(await jump("palantir")).toEqual({ found: true });
      expect(scrolls).toEqual([
        [first, { block: "center", behavior: "smooth" }],
        [second, { block: "center", behavior: "smooth" }],
        [first, { block: "center", behavior: "smooth" }],
      ]);
      expect(second.hasAttribute("data-receipts-flash")).toBe(true);
      await vi.waitFor(
        () => expect(second.hasAttribute("data-receipts-flash")).toBe(false),
        SETTLE,
      );
      expect(await jump("jeff-bezos")).toEqual({ found: false });

      // A reader who asked for less motion is taken there at once.
      const matchMedia = vi
        .spyOn(window, "matchMedia")
        .mockImplementation(
          (query) => ({ matches: query === "(prefers-reduced-motion: reduce)" }) as MediaQueryList,
        );
      onTestFinished(() => matchMedia.mockRestore());
      // A new view: the next jump is to the first mention again.
      navigate();
      await new Promise((resolve) => setTimeout(resolve, LOCATION_WATCH_MS * 1.5));
      await jump("palantir");
      expect(scrolls.at(-1)).toEqual([first, { block: "center", behavior: "auto" }]);
    },
  );
});

describe("jump after a new <body>", () => {
  it("starts from the new body's first mention", async () => {
    await start("<body><p>Palantir one.</p><p>Palantir two.</p></body>");
    await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(2), SETTLE);
    const scrolled: Element[] = [];
    const scrollIntoView = vi
      .spyOn(HTMLElement.prototype, "scrollIntoView")
      .mockImplementation(function (this: HTMLElement) {
        scrolled.push(this);
      });
    onTestFinished(() => scrollIntoView.mockRestore());
    await fakeBrowser.runtime.onMessage.trigger({ type: "jump", entity: "palantir" }, {});
    const body = bodyWith("Palantir three.");
    appendParagraph("Palantir four.", body);
    document.documentElement.replaceChild(body, document.body);
    await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(2), SETTLE);
    await vi.waitFor(() => expect(marksOf("palantir")[0]?.isConnected).toBe(true));
    await fakeBrowser.runtime.onMessage.trigger({ type: "jump", entity: "palantir" }, {});
    expect(scrolled.at(-1)).toBe(marksOf("palantir")[0]);
  });
});

describe("an in-app navigation", () => {
  it(
    "closes the card, and asks the new view for a full name before its surname alone",
    { timeout: 20_000 },
    async () => {
      await start("<body><p id='story'>Tim Cook spoke.</p></body>");
      await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(1), SETTLE);
      marksOf("tim-cook")[0]!.focus();
      await openCard();
      navigate();
      await vi.waitFor(() => expect(shownCard()).toBeNull(), SETTLE);
      document.getElementById("story")?.remove();
      appendParagraph("Palantir said so; Cook did not.");
      await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(1), SETTLE);
      expect(marksOf("tim-cook")).toHaveLength(0);
    },
  );
});

describe("the reader's settings", () => {
  it(
    "undoes every mark when the site is turned off, tells the popup and the badge, and marks again when it is on",
    { timeout: 20_000 },
    async () => {
      await start("<body><p>Palantir and Tim Cook.</p></body>");
      await vi.waitFor(async () => expect((await summary())?.progress).toBe("done"), SETTLE);
      expect(unstyledMarks()).toEqual([]);

      await setSiteEnabled(location.hostname, false);
      await badgeSays([]);
      expect(document.querySelectorAll("receipts-mark")).toHaveLength(0);
      expect(documentSheets()).toEqual([]);
      expect(document.body.firstElementChild?.childNodes).toHaveLength(1);
      expect(await summary()).toMatchObject({ enabled: false, progress: "done", entities: [] });
      // Off, the page's new content and new <body> are left alone.
      document.documentElement.replaceChild(bodyWith("Elon Musk said so."), document.body);
      appendParagraph("Tim Cook too.");
      await quiet();
      expect(document.querySelectorAll("receipts-mark")).toHaveLength(0);

      await setSiteEnabled(location.hostname, true);
      const counts = [
        { entity: "elon-musk", count: 1 },
        { entity: "tim-cook", count: 1 },
      ];
      await badgeSays(counts);
      expect(await summary()).toMatchObject({ enabled: true, progress: "done", entities: counts });
      expect(unstyledMarks()).toEqual([]);
    },
  );

  it("marks nothing on a site turned off before the page loaded, and clears the badge", async () => {
    await setSiteEnabled(location.hostname, false);
    await start("<body><p>Palantir and Tim Cook.</p></body>");
    expect(await summary()).toMatchObject({ enabled: false, progress: "done", entities: [] });
    await vi.waitFor(() => expect(reported).toEqual([[]]), SETTLE);
    await quiet();
    expect(document.querySelectorAll("receipts-mark")).toHaveLength(0);
    expect(documentSheets()).toEqual([]);
  });

  it("marks the mentions the dataset asks for, and marks again when the reader chooses otherwise", async () => {
    loadHtml("<body><p>Palantir one.</p><p>Palantir two.</p></body>");
    ctx = new ContentScriptContext("receipts-test");
    const index = fixtureIndex();
    for (const entity of index.entities) if (entity.id === "palantir") entity.markMode = "first";
    await startReceipts(ctx, { index, marksCss: MARKS_CSS, sieveKey: "test" });
    await badgeSays([{ entity: "palantir", count: 1 }]);
    expect(marksOf("palantir")).toHaveLength(1);

    await setMarkMode("palantir", "every");
    await badgeSays([{ entity: "palantir", count: 2 }]);
    expect(marksOf("palantir")).toHaveLength(2);
    await setMarkMode("palantir", "first");
    await badgeSays([{ entity: "palantir", count: 1 }]);
    expect(marksOf("palantir")).toHaveLength(1);
  });

  describe("in a frame", () => {
    const top = Object.getOwnPropertyDescriptor(window, "top")!;
    beforeEach(() => {
      Object.defineProperty(window, "top", { get: () => ({}), configurable: true });
    });
    afterEach(() => {
      Object.defineProperty(window, "top", top);
    });

    it("marks nothing and answers nothing, unless the reader asked for frames too", async () => {
      await start("<body><p>Palantir said so.</p></body>");
      expect(await summary()).toBeUndefined();
      await quiet();
      expect(marksOf("palantir")).toHaveLength(0);
      expect(reported).toEqual([]);
    });

    it("marks and answers when the reader asked for frames too", async () => {
      await markInFrames.setValue(true);
      await start("<body><p>Palantir said so.</p></body>");
      await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(1), SETTLE);
      expect((await summary())?.enabled).toBe(true);
    });
  });
});

describe("when its context is invalidated", () => {
  it("undoes its marks, clears the badge, and hears no more of the settings", async () => {
    await start("<body><p>Palantir and Tim Cook.</p></body>");
    await vi.waitFor(() => expect(reported).toHaveLength(1), SETTLE);
    expect(unstyledMarks()).toEqual([]);
    ctx!.abort();
    expect(document.querySelectorAll("receipts-mark")).toHaveLength(0);
    expect(documentSheets()).toEqual([]);
    await vi.waitFor(() => expect(reported).toEqual([expect.anything(), []]), SETTLE);

    await setSiteEnabled(location.hostname, false);
    await setSiteEnabled(location.hostname, true);
    await quiet();
    expect(reported).toHaveLength(2);
    expect(document.querySelectorAll("receipts-mark")).toHaveLength(0);
  });

  it("tells the badge once when invalidated before its first pass is done", async () => {
    loadHtml("<body><p>Palantir and Tim Cook.</p></body>");
    ctx = new ContentScriptContext("receipts-test");
    await startReceipts(ctx, {
      index: fixtureIndex(),
      marksCss: MARKS_CSS,
      sieveKey: "test",
    });
    // The pass runs in slices after this (almost always): it is cut short, and the badge hears
    // the page is clear once, not again when the cancelled pass settles.
    ctx.abort();
    await quiet();
    expect(reported.at(-1)).toEqual([]);
    expect(reported.filter((counts) => counts.length === 0)).toHaveLength(1);
  });

  it("notices the extension is gone when the page puts in a new <body>, and marks nothing", async () => {
    await start("<body><p>Palantir and Tim Cook.</p></body>");
    await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(1), SETTLE);
    const old = document.body;
    const runtime = fakeBrowser.runtime as { id?: string };
    const id = runtime.id;
    onTestFinished(() => void (runtime.id = id));
    runtime.id = undefined;
    document.documentElement.replaceChild(bodyWith("Elon Musk said so."), old);
    await vi.waitFor(() => expect(old.querySelectorAll("receipts-mark")).toHaveLength(0), SETTLE);
    await quiet();
    expect(document.querySelectorAll("receipts-mark")).toHaveLength(0);
  });
});

describe("opening and closing a card", () => {
  const page =
    "<body><p>Tim Cook spoke; <a href='/x'>read Palantir</a>.</p><p>Cook added.</p></body>";

  it(
    "opens on a mouse resting on a mark, never on a finger passing over it, and closes when it leaves",
    { timeout: 20_000 },
    async () => {
      await start(page);
      await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(2), SETTLE);
      const [mark] = marksOf("tim-cook") as [HTMLElement];
      pointerOn(mark, "pointerover", "touch");
      await quiet();
      expect(shownCard()).toBeNull();

      pointerOn(mark, "pointerover", "mouse");
      await openCard();
      // Onto the mark's own text: still on the mark.
      pointerOn(mark, "pointerout", "mouse", mark.firstChild!);
      await quiet();
      expect(shownCard()).not.toBeNull();
      // Off the mark and into the card, in time: the card stays.
      pointerOn(mark, "pointerout", "mouse", document.body);
      const cardBody = document.querySelector("receipts-ui")!.shadowRoot!.querySelector("body")!;
      cardBody.dispatchEvent(new PointerEvent("pointerenter", { pointerType: "mouse" }));
      await quiet();
      expect(shownCard()).not.toBeNull();
      // Out of the card: it closes.
      cardBody.dispatchEvent(new PointerEvent("pointerleave", { pointerType: "mouse" }));
      await vi.waitFor(() => expect(shownCard()).toBeNull(), SETTLE);
    },
  );

  it(
    "toggles on a tap of a bare mark, not of a marked link; a click of the mouse keeps it open",
    { timeout: 20_000 },
    async () => {
      await start(page);
      await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(2), SETTLE);
      const [mark] = marksOf("tim-cook") as [HTMLElement];
      const [inLink] = marksOf("palantir") as [HTMLElement];
      // A link's own click does not navigate happy-dom's page.
      tap(inLink);
      await quiet();
      expect(shownCard(), "in a link").toBeNull();

      tap(mark);
      await openCard();
      tap(mark);
      expect(shownCard(), "tapped again").toBeNull();
      // The keyboard's focus after the taps opens the card.
      mark.blur();
      mark.focus();
      await openCard();
      press(mark, "Escape");
      // A tap that became a scroll: the focus it gave opens the card as a keyboard's would.
      mark.blur();
      pointerOn(mark, "pointerdown", "touch");
      pointerOn(mark, "pointercancel", "touch");
      mark.focus();
      await openCard();
      press(mark, "Escape");
      mark.blur();
      // The mouse: the focus of its press opens the card, and its click leaves it open.
      pointerOn(mark, "pointerdown", "mouse");
      mark.focus();
      pointerOn(mark, "click", "mouse");
      await openCard();
    },
  );

  it("gives a mark's card its dataset name and what matched, whatever the mark's words", async () => {
    const [card] = buildCards(miniDataset).values();
    let answer: (cards: object) => void = () => undefined;
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      const request = parseBackgroundRequest(message);
      if (request?.type !== "cards") return undefined;
      return new Promise((resolve) => (answer = resolve));
    });
    await start(page);
    await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(2), SETTLE);
    const surname = marksOf("tim-cook")[1]!;
    expect(surname.textContent).toBe("Cook");
    surname.focus();
    const dialog = await openCard();
    // Its sheet is the background's, asked for alongside its data (none in the content script).
    expect((dialog.getRootNode() as ShadowRoot).querySelector("style")?.textContent).toBe(CARD_CSS);
    // While the card loads, its title is the mark's entity's name.
    expect(dialog.querySelector("h2")?.textContent).toBe("Tim Cook");
    answer({ cards: [{ ...card!, name: "Tim Cook", surnameAlone: false }] });
    await vi.waitFor(() =>
      expect(dialog.querySelector(".why")?.textContent).toBe(
        "Highlighted because the surname follows the full name earlier on this page.",
      ),
    );
  });

  it("keeps the card open while focus moves into it, and gives focus back to the mark on Escape there", async () => {
    await start(page);
    await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(2), SETTLE);
    const [mark] = marksOf("tim-cook") as [HTMLElement];
    mark.focus();
    const card = await openCard();
    // Focus leaving the mark for the card (happy-dom gives no relatedTarget of its own).
    const host = document.querySelector("receipts-ui")!;
    mark.dispatchEvent(new FocusEvent("focusout", { bubbles: true, relatedTarget: host }));
    await quiet();
    expect(shownCard()).toBe(card);

    card.focus();
    pressEscape(card);
    expect(document.activeElement).toBe(mark);
    expect(shownCard()).toBeNull();
    await quiet();
    expect(shownCard()).toBeNull();
  });

  it("gives focus back only to a mark that is a tab stop", async () => {
    await start(page);
    await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(2), SETTLE);
    const surname = marksOf("tim-cook")[1]!;
    expect(surname.tabIndex).toBe(-1);
    pointerOn(surname, "pointerover", "mouse");
    const card = await openCard();
    card.focus();
    const focus = vi.spyOn(surname, "focus");
    pressEscape(card);
    expect(shownCard()).toBeNull();
    expect(focus).not.toHaveBeenCalled();
  });

  it("leaves focus where it is when the card closes itself, its mark hidden by the page", async () => {
    await start(page);
    await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(2), SETTLE);
    const [mark] = marksOf("tim-cook") as [HTMLElement];
    const search = document.createElement("input");
    document.body.append(search);
    pointerOn(mark, "pointerover", "mouse");
    await openCard();
    search.focus();
    vi.spyOn(mark, "getClientRects").mockReturnValue([] as unknown as DOMRectList);
    window.dispatchEvent(new Event("resize"));
    await vi.waitFor(() => expect(shownCard()).toBeNull(), SETTLE);
    expect(document.activeElement).toBe(search);
  });

  it("takes its card away with the marks when the site is turned off, even one about to open", async () => {
    await start(page);
    await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(2), SETTLE);
    const [mark, surname] = marksOf("tim-cook") as [HTMLElement, HTMLElement];
    mark.focus();
    await openCard();
    // The pointer rests on another mark as the reader turns the site off.
    pointerOn(surname, "pointerover", "mouse");
    await setSiteEnabled(location.hostname, false);
    await badgeSays([]);
    expect(document.querySelector("receipts-ui")).toBeNull();
    await quiet();
    expect(document.querySelector("receipts-ui")).toBeNull();
  });

  it("closes on Escape in the page and leaves focus where the reader has it", async () => {
    await start(page + "");
    await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(2), SETTLE);
    const [mark] = marksOf("tim-cook") as [HTMLElement];
    const search = document.createElement("input");
    document.body.append(search);
    pointerOn(mark, "pointerover", "mouse");
    await openCard();
    search.focus();
    press(search, "Escape");
    expect(shownCard()).toBeNull();
    expect(document.activeElement).toBe(search);
  });

  it("takes the keyboard into the card on Enter, opening it first when it was closed", async () => {
    await start(page);
    await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(2), SETTLE);
    const [mark] = marksOf("tim-cook") as [HTMLElement];
    mark.focus();
    await openCard();
    press(mark, "Escape");
    expect(shownCard()).toBeNull();
    // Other keys on the mark are the page's.
    expect(press(mark, "a").defaultPrevented).toBe(false);
    await quiet();
    expect(shownCard()).toBeNull();

    expect(press(mark, "Enter").defaultPrevented).toBe(true);
    const card = await openCard();
    await vi.waitFor(() => expect(card.getRootNode()).toHaveProperty("activeElement", card));
  });

  it("closes when the page scrolls its mark out of view, above or below", async () => {
    await start(page);
    await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(2), SETTLE);
    const [mark] = marksOf("tim-cook") as [HTMLElement];
    const box = vi.spyOn(mark, "getBoundingClientRect");
    for (const [top, bottom, stays] of [
      [100, 120, true],
      [-30, -10, false],
      [innerHeight + 10, innerHeight + 30, false],
    ] as const) {
      box.mockReturnValue(new DOMRect(0, top, 50, bottom - top));
      mark.blur();
      mark.focus();
      await openCard();
      window.dispatchEvent(new Event("scroll"));
      expect(shownCard() !== null).toBe(stays);
    }
  });
});

describe("the page's messages to the background", () => {
  it("marks the page though the background cannot be reached", async () => {
    const sendMessage = vi
      .spyOn(fakeBrowser.runtime, "sendMessage")
      .mockRejectedValue(new Error("Could not establish connection"));
    onTestFinished(() => sendMessage.mockRestore());
    await start("<body><p>Palantir said so.</p></body>");
    await vi.waitFor(async () => expect((await summary())?.progress).toBe("done"), SETTLE);
    expect(sendMessage).toHaveBeenCalled();
    expect(marksOf("palantir")).toHaveLength(1);
  });
});

describe("the task meter for the bench", () => {
  const attributes = () =>
    [STARTED_AT_ATTRIBUTE, LONGEST_TASK_ATTRIBUTE].map((name) =>
      document.documentElement.getAttribute(name),
    );

  it("writes nothing without a meter (the store build), even on a page that asks for it", async () => {
    // The attribute the bench once set to switch the meter on: a page cannot switch it on now.
    await start("<html data-receipts-measure><body><p>Palantir said so.</p></body></html>");
    await vi.waitFor(async () => expect((await summary())?.progress).toBe("done"), SETTLE);
    expect(marksOf("palantir")).toHaveLength(1);
    expect(attributes()).toEqual([null, null]);
  });

  it("with the meter, writes when the script started and only ever a longer task than the last", async () => {
    loadHtml("<body><p>Palantir said so.</p></body>");
    const written: number[] = [];
    new MutationObserver((records) => {
      for (const record of records) {
        written.push(Number((record.target as Element).getAttribute(record.attributeName!)));
      }
    }).observe(document.documentElement, { attributeFilter: [LONGEST_TASK_ATTRIBUTE] });
    ctx = new ContentScriptContext("receipts-test");
    await startReceipts(ctx, {
      index: fixtureIndex(),
      marksCss: MARKS_CSS,
      sieveKey: "test",
      onTask: createTaskMeter(performance.now()),
    });
    await vi.waitFor(async () => expect((await summary())?.progress).toBe("done"), SETTLE);
    const [startedAt, longest] = attributes();
    // Milliseconds as performance.now() gives them, which the bench reads back with Number().
    expect(startedAt).toMatch(/^\d+(\.\d+)?$/);
    expect(longest).toMatch(/^\d+(\.\d+)?$/);
    expect(written.length).toBeGreaterThan(0);
    expect(written).toEqual([...written].sort((a, b) => a - b));
  });
});
