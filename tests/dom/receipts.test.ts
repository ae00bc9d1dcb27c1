/**
 * The content script's adapter (lib/content/receipts.ts) on a happy-dom page with WXT's fake
 * browser: what it answers the popup, tells the badge, and which marks a keyboard reaches. It
 * runs without a stored sieve (every block read), its observer and slices on their real
 * schedulers, so each check waits for the page to settle.
 */
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { fakeBrowser } from "wxt/testing";
import { ContentScriptContext } from "wxt/utils/content-script-context";
import { startReceipts } from "../../lib/content/receipts";
import {
  parseBackgroundRequest,
  type EntityCount,
  type PageSummary,
} from "../../lib/messaging/protocol";
import { fixtureIndex, loadHtml } from "./support/pages";

/** The observer batches on idle time (at most 500 ms): room for a few batches. */
const SETTLE = { timeout: 5_000, interval: 20 };

let ctx: ContentScriptContext | null = null;
/** The counts each `page-counts` message told the background, in order. */
let reported: EntityCount[][] = [];

async function start(html: string): Promise<void> {
  loadHtml(html);
  ctx = new ContentScriptContext("receipts-test");
  await startReceipts(ctx, { index: fixtureIndex(), cardCss: "", sieveKey: "test" });
}

async function summary(): Promise<PageSummary | undefined> {
  const answers = await fakeBrowser.runtime.onMessage.trigger({ type: "page-summary" }, {});
  return answers.find((answer) => answer !== undefined) as PageSummary | undefined;
}

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

function append(html: string, body: HTMLElement = document.body): void {
  const paragraph = document.createElement("p");
  paragraph.textContent = html;
  body.append(paragraph);
}

/** A `<body>` holding one paragraph, as a Turbo-style navigation brings it. */
function bodyWith(text: string): HTMLElement {
  const body = document.createElement("body");
  append(text, body);
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
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    const request = parseBackgroundRequest(message);
    if (request?.type === "page-counts") reported.push(request.counts);
  });
});
afterEach(() => {
  ctx?.abort();
  ctx = null;
});

describe("startReceipts", () => {
  it("answers the popup from its first moment: starting, then marking until done", async () => {
    loadHtml("<body><p>Palantir and Tim Cook.</p></body>");
    ctx = new ContentScriptContext("receipts-test");
    const started = startReceipts(ctx, { index: fixtureIndex(), cardCss: "", sieveKey: "test" });
    // The settings are still being read.
    expect(await summary()).toEqual({
      url: location.href,
      title: document.title,
      enabled: true,
      progress: "starting",
      entities: [],
    });
    await started;
    await vi.waitFor(async () => expect((await summary())?.progress).toBe("done"), SETTLE);
    expect((await summary())?.entities).toEqual([
      { entity: "palantir", count: 1 },
      { entity: "tim-cook", count: 1 },
    ]);
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
    append("Tim Cook arrives.");
    await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(1), SETTLE);
    expect(tabbable().map((mark) => mark.parentElement?.id)).toEqual(["second"]);
    expect(tabbable()[0]?.getAttribute("role")).toBe("link");

    // An in-app navigation took it with the old view.
    document.getElementById("second")?.remove();
    navigate();
    await vi.waitFor(
      () => expect(tabbable().map((mark) => mark.parentElement?.id)).toEqual(["third"]),
      SETTLE,
    );
  });

  it("makes again a mark the page puts back after it was forgotten: one tab stop", async () => {
    await start("<body><p id='first'>Palantir one.</p><p id='second'>Palantir two.</p></body>");
    await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(2), SETTLE);
    const first = document.getElementById("first")!;
    const [old] = marksOf("palantir");
    // A view cached away; a batch of new content forgets its marks and moves the tab stop on.
    first.remove();
    append("Tim Cook arrives.");
    await vi.waitFor(() => expect(marksOf("tim-cook")).toHaveLength(1), SETTLE);
    expect(tabbable("palantir").map((mark) => mark.parentElement?.id)).toEqual(["second"]);

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
    append("Nothing to see.");
    await vi.waitFor(() => expect(reported).toHaveLength(2), SETTLE);
    expect(reported[1]).toEqual([{ entity: "palantir", count: 1 }]);

    window.dispatchEvent(pageshow(false));
    window.dispatchEvent(pageshow(true));
    expect(reported).toHaveLength(3);
    expect(reported[2]).toEqual([{ entity: "palantir", count: 1 }]);
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
      append(entity === "tim-cook" ? "Tim Cook said so." : "Elon Musk said so.");
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
        append(`${name} said so.`);
        await vi.waitFor(() => expect(marksOf(entity)).toHaveLength(1), SETTLE);
        // The page's own script takes our mark out as soon as it appears.
        marksOf(entity)[0]?.remove();
      };
      await fight("Palantir", "palantir");
      await fight("Tim Cook", "tim-cook");
      await fight("Elon Musk", "elon-musk");
      // The third batch in a row whose marks the page took: Receipts leaves the page alone.
      append("Palantir said so again.");
      // Time for that batch to run (the observer's longest wait is 500 ms), before navigating.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(marksOf("palantir")).toHaveLength(0);

      navigate();
      await new Promise((resolve) => setTimeout(resolve, LOCATION_WATCH_MS * 1.5));
      append("Elon Musk in the new view.");
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
        append(`${name} said so.`);
        await vi.waitFor(() => expect(marksOf(entity)).toHaveLength(1), SETTLE);
        // The ticker's next headline, a while later: it replaces the one we marked.
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        document.body.lastElementChild?.remove();
      }
      // Four batches in a row found their marks gone, none of them at once: still marking.
      append("Elon Musk in the next story.");
      await vi.waitFor(() => expect(marksOf("elon-musk")).toHaveLength(1), SETTLE);
    },
  );

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
      const counts = [
        { entity: "elon-musk", count: 1 },
        { entity: "palantir", count: 1 },
      ];
      await vi.waitFor(
        async () => expect(await summary()).toMatchObject({ progress: "done", entities: counts }),
        SETTLE,
      );
      await vi.waitFor(() => expect(reported.at(-1)).toEqual(counts), SETTLE);
      // The new page's first marks are its tab stops.
      expect(marksOf("palantir")[0]?.tabIndex).toBe(0);
      expect(marksOf("elon-musk")[0]?.tabIndex).toBe(0);
      // Nothing of ours is left in the tree that left the page, and its text is whole again.
      expect(old.querySelectorAll("receipts-mark")).toHaveLength(0);
      expect(old.firstElementChild?.childNodes).toHaveLength(1);
      expect(old.textContent).toBe("Palantir and Tim Cook.");

      // The observer follows: new text in the new body is marked, the old body is not watched.
      append("Tim Cook in the old body.", old);
      append("Tim Cook in the new one.");
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
      await vi.waitFor(
        () =>
          expect(reported.at(-1)).toEqual([
            { entity: "palantir", count: 1 },
            { entity: "tim-cook", count: 1 },
          ]),
        SETTLE,
      );
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
      append("Palantir three.");
      await vi.waitFor(() => expect(marksOf("palantir")).toHaveLength(3), SETTLE);
      expect(tabbable().map((mark) => mark.textContent)).toEqual(["Palantir", "Tim Cook"]);
      expect(tabbable("palantir")[0]).toBe(marksOf("palantir")[0]);
      expect(announced()).toEqual(tabbable());
      await vi.waitFor(
        () =>
          expect(reported.at(-1)).toEqual([
            { entity: "palantir", count: 3 },
            { entity: "tim-cook", count: 1 },
          ]),
        SETTLE,
      );
    });

    it("waits for a body on a page that has none yet, and stays on", async () => {
      loadHtml("<body></body>");
      document.body.remove();
      ctx = new ContentScriptContext("receipts-test");
      await startReceipts(ctx, { index: fixtureIndex(), cardCss: "", sieveKey: "test" });
      expect(await summary()).toMatchObject({ enabled: true, progress: "done", entities: [] });

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
      append("Tim Cook in the old body.", oldBody);
      append("Tim Cook in the new one.");
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
      append("Elon Musk said so.");
      await vi.waitFor(
        () => expect(document.querySelectorAll("receipts-mark")).toHaveLength(0),
        SETTLE,
      );
      expect(story.firstChild).toBe(text);
      expect(story.childNodes).toHaveLength(1);
      // Nothing watches the page any more.
      append("Elon Musk again.");
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
