import { render } from "preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildCards, type CardData } from "../../../lib/cards/card-data";
import type { PageSummary, TabRequest } from "../../../lib/messaging/protocol";
import { Popup } from "../../../lib/ui/Popup";
import {
  createPopupSession,
  MAX_PAGE_POLLS,
  NOTICE_COPIED,
  NOTICE_MENTION_GONE,
  NOTICE_NOT_COPIED,
  PAGE_POLL_INTERVAL_MS,
  type PopupPorts,
  type PopupTab,
  type PopupView,
} from "../../../lib/ui/popup-session";
import { miniDataset, miniPageSummary } from "../../fixtures/mini-dataset";

const cardsById = buildCards(miniDataset);

const DONE: PageSummary = miniPageSummary;
const MARKING: PageSummary = { ...DONE, progress: "marking", entities: [DONE.entities[0]!] };
const OFF: PageSummary = { ...DONE, enabled: false, entities: [] };

/**
 * A tab whose answers the test sets, timers the test runs by hand, and the popup rendered from
 * the session's views.
 */
function setup(options: { answer?: unknown; tab?: PopupTab | undefined } = {}) {
  let answer: unknown = "answer" in options ? options.answer : DONE;
  const tab = "tab" in options ? options.tab : { id: 7, loading: false };
  const timers: { run(): void; delayMs: number }[] = [];
  const asked: TabRequest[] = [];
  let jumpAnswer: unknown = { found: true };
  const ports: PopupPorts = {
    findTab: () => Promise.resolve(tab),
    askPage: (_tabId, request) => {
      asked.push(request);
      return Promise.resolve(request.type === "jump" ? jumpAnswer : answer);
    },
    // As where the browser refuses (its own pages), unless a test lets it start.
    startPage: vi.fn((_tabId: number) => Promise.resolve(false)),
    loadCards: vi.fn((entities: string[]) =>
      Promise.resolve(entities.flatMap((id) => cardsById.get(id) ?? [])),
    ),
    setSiteEnabled: vi.fn(() => Promise.resolve()),
    writeClipboard: vi.fn(() => Promise.resolve()),
    schedule(run, delayMs) {
      const timer = { run, delayMs };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer) >>> 0, 1);
    },
  };
  const root = document.createElement("div");
  document.body.append(root);
  let view: PopupView | null = null;
  const session = createPopupSession(ports, (next) => {
    view = next;
    render(
      <Popup
        state={next.state}
        notice={next.notice}
        onJump={(entity) => void session.jump(entity)}
        onToggleSite={(enabled) => void session.toggleSite(enabled)}
        onCopySummary={() => void session.copySummary()}
        onOpenSettings={() => undefined}
      />,
      root,
    );
  });
  return {
    session,
    ports,
    root,
    timers,
    asked,
    view: () => view!,
    setAnswer: (next: unknown) => (answer = next),
    setJumpAnswer: (next: unknown) => (jumpAnswer = next),
    /** Runs the one pending poll, and lets its answer arrive. */
    async tick() {
      expect(timers).toHaveLength(1);
      const [timer] = timers.splice(0, 1);
      expect(timer!.delayMs).toBe(PAGE_POLL_INTERVAL_MS);
      timer!.run();
      await settle();
    },
    text: () => root.querySelector("[role=status]")!.textContent,
    rows: () =>
      [...root.querySelectorAll("[data-entity]")].map((row) => row.getAttribute("data-entity")),
  };
}

/** Lets every resolved promise's callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A promise the test resolves when it chooses: an answer still on its way meanwhile. */
function later<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

const checkbox = (root: HTMLElement) =>
  root.querySelector("input[type=checkbox]") as HTMLInputElement;

afterEach(() => document.body.replaceChildren());

describe("the popup's session with its tab", () => {
  it("shows a finished page's entities and asks no more", async () => {
    const popup = setup();
    await popup.session.start();
    expect(popup.rows()).toEqual(["jane-roe", "acme"]);
    expect(popup.view().state).toMatchObject({ status: "ready", reading: "done" });
    expect(popup.timers).toEqual([]);
  });

  it.each([
    ["a malformed answer", { ...DONE, url: "javascript:alert(1)" }],
    ["an answer of the wrong shape", { entities: "all of them" }],
    ["no answer from a loaded tab", undefined],
  ])(
    "ends in the unavailable state on %s, never in an endless 'Reading this page…'",
    async (_, answer) => {
      const popup = setup({ answer });
      await popup.session.start();
      expect(popup.view().state).toEqual({ status: "unavailable" });
      expect(popup.text()).toContain("cannot read this page");
      expect(popup.timers).toEqual([]);
    },
  );

  it("starts Receipts once in a loaded tab where none answers, then shows what it marked", async () => {
    const popup = setup({ answer: undefined });
    vi.mocked(popup.ports.startPage).mockResolvedValue(true);
    await popup.session.start();
    expect(popup.ports.startPage).toHaveBeenCalledWith(7);
    expect(popup.view().state).toEqual({ status: "loading" });
    // Silent while it reads its settings: asked again, not started again.
    await popup.tick();
    expect(popup.view().state).toEqual({ status: "loading" });
    popup.setAnswer(MARKING);
    await popup.tick();
    expect(popup.view().state).toMatchObject({ status: "ready", reading: "asking" });
    popup.setAnswer(undefined);
    await popup.tick();
    popup.setAnswer(DONE);
    await popup.tick();
    expect(popup.rows()).toEqual(["jane-roe", "acme"]);
    expect(popup.ports.startPage).toHaveBeenCalledTimes(1);
  });

  it("starts nothing in a tab still loading: its own content script has yet to run", async () => {
    const popup = setup({ answer: undefined, tab: { id: 7, loading: true } });
    vi.mocked(popup.ports.startPage).mockResolvedValue(true);
    await popup.session.start();
    expect(popup.view().state).toEqual({ status: "page-loading", asking: true });
    expect(popup.ports.startPage).not.toHaveBeenCalled();
  });

  it("stops asking a tab it started Receipts in that never answers, and ends unavailable", async () => {
    const popup = setup({ answer: undefined });
    vi.mocked(popup.ports.startPage).mockResolvedValue(true);
    await popup.session.start();
    for (let poll = 0; poll < MAX_PAGE_POLLS; poll += 1) await popup.tick();
    expect(popup.timers).toEqual([]);
    expect(popup.view().state).toEqual({ status: "unavailable" });
    expect(popup.ports.startPage).toHaveBeenCalledTimes(1);
  });

  it("ends in the unavailable state when the background fails", async () => {
    const popup = setup();
    vi.mocked(popup.ports.loadCards).mockRejectedValue(new Error("no background"));
    await popup.session.start();
    expect(popup.view().state).toEqual({ status: "unavailable" });
  });

  it("ends in the unavailable state without a tab", async () => {
    const popup = setup({ tab: undefined });
    await popup.session.start();
    expect(popup.view().state).toEqual({ status: "unavailable" });
  });

  it("shows partial counts with a note while the page marks, and asks again until it is done", async () => {
    const popup = setup({ answer: { ...MARKING, progress: "starting", entities: [] } });
    await popup.session.start();
    expect(popup.text()).toBe("Reading this page…");
    popup.setAnswer(MARKING);
    await popup.tick();
    expect(popup.rows()).toEqual(["acme"]);
    expect(popup.text()).toContain("Still reading this page…");
    await popup.tick();
    popup.setAnswer(DONE);
    await popup.tick();
    expect(popup.rows()).toEqual(["jane-roe", "acme"]);
    expect(popup.text()).not.toContain("Still reading");
    expect(popup.timers).toEqual([]);
  });

  it("says a loading tab is still loading, and reads it once its content script answers", async () => {
    const popup = setup({ answer: undefined, tab: { id: 7, loading: true } });
    await popup.session.start();
    expect(popup.text()).toContain("This page is still loading");
    expect(popup.text()).not.toContain("off limits");
    popup.setAnswer(DONE);
    await popup.tick();
    expect(popup.rows()).toEqual(["jane-roe", "acme"]);
  });

  it("stops asking after its cap, and says to open it again", async () => {
    const popup = setup({ answer: MARKING });
    await popup.session.start();
    for (let poll = 0; poll < MAX_PAGE_POLLS; poll += 1) await popup.tick();
    expect(popup.timers).toEqual([]);
    expect(popup.view().state).toMatchObject({ status: "ready", reading: "gave-up" });
    expect(popup.text()).toContain("open Receipts again for the full count");
  });

  it("stops asking when the popup closes", async () => {
    const popup = setup({ answer: MARKING });
    await popup.session.start();
    expect(popup.timers).toHaveLength(1);
    popup.session.stop();
    expect(popup.timers).toEqual([]);
  });

  it("after the site switch, asks until the page's answer shows the new setting and is done", async () => {
    const popup = setup({ answer: OFF });
    await popup.session.start();
    expect(popup.text()).toContain("Receipts is off for this site.");

    (popup.root.querySelector("input[type=checkbox]") as HTMLInputElement).click();
    await settle();
    expect(popup.ports.setSiteEnabled).toHaveBeenCalledWith("news.test", true);
    // The page has not seen the setting yet: its answer is from before the switch.
    expect(popup.text()).toContain("Still reading this page…");
    expect((popup.root.querySelector("input[type=checkbox]") as HTMLInputElement).checked).toBe(
      true,
    );
    await popup.tick();
    popup.setAnswer(MARKING);
    await popup.tick();
    expect(popup.rows()).toEqual(["acme"]);
    popup.setAnswer(DONE);
    await popup.tick();
    expect(popup.rows()).toEqual(["jane-roe", "acme"]);
    expect(popup.view().state).toMatchObject({ enabled: true, reading: "done" });
    expect(popup.timers).toEqual([]);
  });

  it("says when a mention is no longer on the page, and refreshes the counts", async () => {
    const popup = setup();
    await popup.session.start();
    popup.setJumpAnswer({ found: false });
    popup.setAnswer({ ...DONE, entities: [{ entity: "acme", count: 2 }] });
    (popup.root.querySelector('[data-entity="jane-roe"] button') as HTMLButtonElement).click();
    await settle();
    expect(popup.asked).toContainEqual({ type: "jump", entity: "jane-roe" });
    expect(popup.root.querySelector("[role=status] [data-notice]")!.textContent).toBe(
      NOTICE_MENTION_GONE,
    );
    expect(popup.rows()).toEqual(["acme"]);
  });

  it("says nothing after a jump that found its mention", async () => {
    const popup = setup();
    await popup.session.start();
    await popup.session.jump("acme");
    expect(popup.root.querySelector("[data-notice]")).toBeNull();
  });

  it("confirms a copy in the live region, and says when the clipboard refused", async () => {
    const popup = setup();
    await popup.session.start();
    (popup.root.querySelector("button.copy") as HTMLButtonElement).click();
    await settle();
    expect(popup.ports.writeClipboard).toHaveBeenCalledWith(
      expect.stringContaining("## Jane Roe (1 mention)"),
    );
    expect(popup.root.querySelector("[role=status] [data-notice]")!.textContent).toBe(
      NOTICE_COPIED,
    );
    vi.mocked(popup.ports.writeClipboard).mockRejectedValue(new Error("denied"));
    (popup.root.querySelector("button.copy") as HTMLButtonElement).click();
    await settle();
    expect(popup.root.querySelector("[role=status] [data-notice]")!.textContent).toBe(
      NOTICE_NOT_COPIED,
    );
  });

  it("copies the page's title as plain text: no link, image, HTML or reversed line of the page's making", async () => {
    const title =
      "\u202eNews\u202c [Verified by Receipts](https://phish.test) ![](https://track.test/p.png) <img src=x> &#x202e;\nline";
    const popup = setup({ answer: { ...DONE, title, url: "https://news.test/a_(b)_[c]?q=<d> e" } });
    await popup.session.start();
    (popup.root.querySelector("button.copy") as HTMLButtonElement).click();
    await settle();
    const [text] = vi.mocked(popup.ports.writeClipboard).mock.calls[0]!;
    expect(text.split("\n").slice(0, 3)).toEqual([
      "# People and companies on “News \\[Verified by Receipts\\](https://phish.test) !\\[\\](https://track.test/p.png) \\<img src=x\\> \\&#x202e; line”",
      "",
      "<https://news.test/a_(b)_[c]?q=%3Cd%3E%20e>",
    ]);
  });

  it("copies the organizations with the people", async () => {
    const popup = setup();
    await popup.session.start();
    await popup.session.copySummary();
    const [text] = vi.mocked(popup.ports.writeClipboard).mock.calls[0]!;
    expect(text).toContain("## Jane Roe (1 mention)");
    expect(text).toMatch(/^## Acme/m);
  });

  it("switches the site by its host name, without the page's port", async () => {
    const popup = setup({ answer: { ...OFF, url: "https://news.test:8443/story" } });
    await popup.session.start();
    await popup.session.toggleSite(true);
    expect(popup.ports.setSiteEnabled).toHaveBeenCalledWith("news.test", true);
  });

  it("names the site in the switch's label, without www., and switches that site", async () => {
    const popup = setup({ answer: { ...OFF, url: "https://www.news.test/story" } });
    await popup.session.start();
    const label = popup.root.querySelector("label.switch")!;
    expect(label.textContent).toBe("Highlight names on news.test");
    (label.querySelector("input[type=checkbox]") as HTMLInputElement).click();
    await settle();
    expect(popup.ports.setSiteEnabled).toHaveBeenCalledWith("news.test", true);
  });

  it("names another host of the domain as its own site: www2., a section", async () => {
    for (const host of ["www2.news.test", "world.news.test"]) {
      const popup = setup({ answer: { ...OFF, url: `https://${host}/story` } });
      await popup.session.start();
      expect(popup.root.querySelector("label.switch")!.textContent).toBe(
        `Highlight names on ${host}`,
      );
      await popup.session.toggleSite(true);
      expect(popup.ports.setSiteEnabled).toHaveBeenCalledWith(host, true);
    }
  });

  it("says it cannot read the page when the switch could not be saved, and asks no more", async () => {
    const popup = setup({ answer: OFF });
    await popup.session.start();
    vi.mocked(popup.ports.setSiteEnabled).mockRejectedValue(new Error("no storage"));
    const askedBefore = popup.asked.length;
    await popup.session.toggleSite(true);
    await settle();
    expect(popup.view().state).toEqual({ status: "unavailable" });
    expect(popup.asked).toHaveLength(askedBefore);
    expect(popup.timers).toEqual([]);
  });

  it("shows nothing more once closed, even an answer already on its way, and asks no more", async () => {
    const popup = setup({ answer: MARKING });
    const started = popup.session.start();
    popup.session.stop();
    await started;
    expect(popup.view().state).toEqual({ status: "loading" });
    expect(popup.timers).toEqual([]);
  });

  it("once the page caught up with the switch, shows the setting changed later elsewhere", async () => {
    const popup = setup({ answer: OFF });
    await popup.session.start();
    popup.setAnswer(DONE);
    await popup.session.toggleSite(true);
    expect(popup.view().state).toMatchObject({ enabled: true, reading: "done" });
    // Turned off again from the options page; the popup reads the page again after a jump.
    popup.setAnswer(OFF);
    popup.setJumpAnswer({ found: false });
    await popup.session.jump("acme");
    expect(popup.view().state).toMatchObject({ enabled: false, reading: "done" });
    expect(popup.timers).toEqual([]);
  });

  it("ignores an answer from before the site switch that arrives while the switch is saved", async () => {
    // The page is off and still marking, so the popup asks again; that answer is on its way
    // (its cards still loading) when the reader switches the site on.
    const popup = setup({ answer: { ...OFF, progress: "marking" } });
    await popup.session.start();
    const staleCards = later<CardData[]>();
    vi.mocked(popup.ports.loadCards).mockImplementationOnce(() => staleCards.promise);
    popup.setAnswer(OFF);
    await popup.tick();
    const saved = later<void>();
    vi.mocked(popup.ports.setSiteEnabled).mockImplementationOnce(() => saved.promise);
    const switched = popup.session.toggleSite(true);
    staleCards.resolve([]);
    await settle();
    // The answer says "off, done": it must neither undo the switch nor end the wait for "on".
    expect(popup.view().state).toMatchObject({ enabled: true, reading: "asking" });
    expect(checkbox(popup.root).checked).toBe(true);
    saved.resolve();
    await switched;
    // The page has not caught up yet: still asking, and the switch still shows on.
    expect(popup.view().state).toMatchObject({ enabled: true, reading: "asking" });
    popup.setAnswer(DONE);
    await popup.tick();
    expect(popup.view().state).toMatchObject({ enabled: true, reading: "done" });
    expect(popup.rows()).toEqual(["jane-roe", "acme"]);
  });

  it("ignores an answer to an earlier question that arrives after the answer to a later one", async () => {
    const popup = setup({ answer: MARKING });
    await popup.session.start();
    // A poll's answer, partial counts, is on its way when a jump finds its mention gone and the
    // popup asks again; the page, done by then, answers that first.
    const staleCards = later<CardData[]>();
    vi.mocked(popup.ports.loadCards).mockImplementationOnce(() => staleCards.promise);
    await popup.tick();
    popup.setAnswer(DONE);
    popup.setJumpAnswer({ found: false });
    await popup.session.jump("acme");
    expect(popup.rows()).toEqual(["jane-roe", "acme"]);
    staleCards.resolve([cardsById.get("acme")!]);
    await settle();
    expect(popup.rows()).toEqual(["jane-roe", "acme"]);
    expect(popup.view().state).toMatchObject({ reading: "done" });
    expect(popup.timers).toEqual([]);
  });

  it("once it gave up waiting for the page to show the switch, shows what the page says next", async () => {
    // The reader switched the site on, and the page kept answering "off" until the popup gave
    // up; a later answer, still "off", is what the page is, not an answer from before the switch.
    const popup = setup({ answer: OFF });
    await popup.session.start();
    await popup.session.toggleSite(true);
    for (let poll = 0; poll < MAX_PAGE_POLLS; poll += 1) await popup.tick();
    expect(popup.timers).toEqual([]);
    expect(popup.view().state).toMatchObject({ enabled: true, reading: "gave-up" });
    popup.setJumpAnswer({ found: false });
    await popup.session.jump("acme");
    expect(popup.view().state).toMatchObject({ enabled: false, reading: "done" });
    expect(checkbox(popup.root).checked).toBe(false);
    expect(popup.timers).toEqual([]);
  });

  it("keeps the counts on screen when the page answers that its pass starts again", async () => {
    const popup = setup({ answer: MARKING });
    await popup.session.start();
    popup.setAnswer({ ...MARKING, progress: "starting", entities: [] });
    await popup.tick();
    expect(popup.rows()).toEqual(["acme"]);
    expect(popup.text()).toContain("Still reading this page…");
    expect(popup.timers).toHaveLength(1);
  });

  it("after a jump, asks again for as long as a newly opened popup would", async () => {
    const popup = setup({ answer: MARKING });
    await popup.session.start();
    for (let poll = 0; poll < MAX_PAGE_POLLS; poll += 1) await popup.tick();
    expect(popup.view().state).toMatchObject({ reading: "gave-up" });
    popup.setJumpAnswer({ found: false });
    await popup.session.jump("acme");
    expect(popup.view().state).toMatchObject({ reading: "asking" });
    for (let poll = 0; poll < MAX_PAGE_POLLS; poll += 1) await popup.tick();
    expect(popup.timers).toEqual([]);
    expect(popup.view().state).toMatchObject({ reading: "gave-up" });
  });

  it("a jump while a poll waits replaces it: one poll at a time", async () => {
    const popup = setup({ answer: MARKING });
    await popup.session.start();
    expect(popup.timers).toHaveLength(1);
    popup.setJumpAnswer({ found: false });
    await popup.session.jump("acme");
    expect(popup.timers).toHaveLength(1);
  });

  it("stops asking a page that stays loading after its cap, and says to open it again", async () => {
    const popup = setup({ answer: undefined, tab: { id: 7, loading: true } });
    await popup.session.start();
    for (let poll = 0; poll < MAX_PAGE_POLLS; poll += 1) await popup.tick();
    expect(popup.timers).toEqual([]);
    expect(popup.view().state).toEqual({ status: "page-loading", asking: false });
    expect(popup.text()).toContain("Open Receipts again once it has.");
  });

  it("stops asking a page whose pass never gets past starting, and ends unavailable", async () => {
    const popup = setup({ answer: { ...DONE, progress: "starting", entities: [] } });
    await popup.session.start();
    for (let poll = 0; poll < MAX_PAGE_POLLS; poll += 1) await popup.tick();
    expect(popup.timers).toEqual([]);
    expect(popup.view().state).toEqual({ status: "unavailable" });
  });

  it("announces nothing for a copy that finishes after the popup closed", async () => {
    const popup = setup();
    await popup.session.start();
    const written = later<void>();
    vi.mocked(popup.ports.writeClipboard).mockImplementationOnce(() => written.promise);
    const copied = popup.session.copySummary();
    popup.session.stop();
    written.resolve();
    await copied;
    expect(popup.view().notice).toBeNull();
    expect(popup.root.querySelector("[data-notice]")).toBeNull();
  });

  it("switched off and on again at once, waits for the page to be on and done", async () => {
    // The page is on and marking. The reader switches it off and at once on again: the page's
    // answers may still say "on, marking" from before both switches, then "off" once it saw the
    // first; only "on" and done ends the wait.
    const popup = setup({ answer: MARKING });
    await popup.session.start();
    await popup.session.toggleSite(false);
    await popup.session.toggleSite(true);
    expect(popup.view().state).toMatchObject({ enabled: true, reading: "asking" });
    popup.setAnswer({ ...OFF, progress: "done" });
    await popup.tick();
    expect(popup.view().state).toMatchObject({ enabled: true, reading: "asking" });
    expect(checkbox(popup.root).checked).toBe(true);
    popup.setAnswer(DONE);
    await popup.tick();
    expect(popup.view().state).toMatchObject({ enabled: true, reading: "done" });
    expect(popup.timers).toEqual([]);
  });

  it("a switch that could not be saved while the page marked asks no more", async () => {
    const popup = setup({ answer: MARKING });
    await popup.session.start();
    expect(popup.timers).toHaveLength(1);
    vi.mocked(popup.ports.setSiteEnabled).mockRejectedValue(new Error("no storage"));
    await popup.session.toggleSite(false);
    expect(popup.view().state).toEqual({ status: "unavailable" });
    expect(popup.timers).toEqual([]);
  });

  it("switches nothing before it shows the page", async () => {
    const popup = setup({ answer: undefined, tab: { id: 7, loading: true } });
    await popup.session.start();
    await popup.session.toggleSite(true);
    expect(popup.ports.setSiteEnabled).not.toHaveBeenCalled();
    expect(popup.view().state).toEqual({ status: "page-loading", asking: true });
  });

  it("jumps nowhere before it has read the page", async () => {
    const popup = setup({ answer: undefined, tab: { id: 7, loading: true } });
    await popup.session.start();
    await popup.session.jump("acme");
    expect(popup.asked).not.toContainEqual({ type: "jump", entity: "acme" });
  });

  it("announces the same notice again as a new one", async () => {
    // The live region reads out a notice it has not shown before: the second "Copied" is a new
    // element, not the first one left in place.
    const popup = setup();
    await popup.session.start();
    await popup.session.copySummary();
    const first = popup.root.querySelector("[data-notice]");
    await popup.session.copySummary();
    const second = popup.root.querySelector("[data-notice]");
    expect(second?.textContent).toBe(NOTICE_COPIED);
    expect(second).not.toBe(first);
  });
});
