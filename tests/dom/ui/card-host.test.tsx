import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ContentScriptContext } from "wxt/utils/content-script-context";
import { buildCards } from "../../../lib/cards/card-data";
import { createCardHost, type CardHostOptions } from "../../../lib/ui/card-host";
import { miniDataset } from "../../fixtures/mini-dataset";

const cards = buildCards(miniDataset);

/** A content-script context whose invalidation listeners can be counted and fired. */
function fakeContext() {
  const listeners = new Set<() => void>();
  const ctx = {
    onInvalidated(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as ContentScriptContext;
  return { ctx, listeners };
}

function setUp(overrides: Partial<CardHostOptions> = {}) {
  const { ctx, listeners } = fakeContext();
  const options = {
    loadStyle: vi.fn(async () => ".card { color: red; }"),
    loadCard: vi.fn(async (entity: string) => cards.get(entity) ?? null),
    onPointerEnter: vi.fn(),
    onPointerLeave: vi.fn(),
    onClose: vi.fn(),
    ...overrides,
  };
  const host = createCardHost(ctx, options);
  const mark = document.createElement("receipts-mark");
  mark.textContent = "Jane Roe";
  document.body.append(mark);
  const request = { mark, entity: "jane-roe", name: "Jane Roe", how: "full" as const };
  return { host, options, listeners, mark, request };
}

const shadowRoot = () => document.querySelector("receipts-ui")?.shadowRoot ?? null;

/** The card once its data has loaded (the quote's Copy citation button is there). */
async function loadedCard(): Promise<ShadowRoot> {
  return vi.waitFor(() => {
    const root = shadowRoot();
    if (!root?.querySelector("button.copy")) throw new Error("no loaded card yet");
    return root;
  });
}

function pointer(type: string, pointerType: string): PointerEvent {
  return new PointerEvent(type, { pointerType });
}

const clipboardDescriptor = Object.getOwnPropertyDescriptor(navigator, "clipboard");

function setClipboard(value: unknown): void {
  Object.defineProperty(navigator, "clipboard", { value, configurable: true });
}

afterEach(() => {
  if (clipboardDescriptor) Object.defineProperty(navigator, "clipboard", clipboardDescriptor);
  else Reflect.deleteProperty(navigator, "clipboard");
  document.querySelectorAll("receipts-ui").forEach((element) => element.remove());
  document.body.replaceChildren();
});

describe("createCardHost", () => {
  it("takes focus into a card asked for before it is on the page, once it renders", async () => {
    const { host, request } = setUp();
    expect(host.focusCard(), "no card shown").toBe(false);
    // Enter on a mark whose card was closed: the card is asked for, then focus, in one go.
    host.show(request);
    expect(host.focusCard()).toBe(true);
    const root = await loadedCard();
    expect(root.activeElement).toBe(root.querySelector("[role=dialog]"));
    host.hide();
    expect(host.focusCard(), "hidden").toBe(false);
  });

  it("says so when the background has no card to give, instead of loading for ever", async () => {
    let answer: (card: null) => void = () => {};
    const { host, request } = setUp({
      loadCard: () => new Promise((resolve) => (answer = resolve)),
    });
    host.show(request);
    const text = () => shadowRoot()?.querySelector(".body")?.textContent;
    await vi.waitFor(() => expect(text()).toBe("Loading…"));
    answer(null);
    await vi.waitFor(() => expect(text()).toBe("This card could not be loaded."));
    expect(shadowRoot()?.querySelector("h2")?.textContent).toBe("Jane Roe");
  });

  it("counts a mouse entering and leaving the card, never a finger lifting from it", async () => {
    const { host, options, request } = setUp();
    host.show(request);
    const body = (await loadedCard()).querySelector("body")!;

    // On a touch screen pointerleave follows every pointerup and pointercancel (a tap, a scroll).
    body.dispatchEvent(pointer("pointerenter", "touch"));
    body.dispatchEvent(pointer("pointerleave", "touch"));
    expect(options.onPointerEnter).not.toHaveBeenCalled();
    expect(options.onPointerLeave).not.toHaveBeenCalled();

    body.dispatchEvent(pointer("pointerenter", "mouse"));
    body.dispatchEvent(pointer("pointerleave", "mouse"));
    expect(options.onPointerEnter).toHaveBeenCalledTimes(1);
    expect(options.onPointerLeave).toHaveBeenCalledTimes(1);
  });

  it("builds its own document in an open shadow root: our style, English, keys kept inside", async () => {
    const { host, request } = setUp();
    const pageKeys: string[] = [];
    const listener = (event: Event) => pageKeys.push(event.type);
    const keyEvents = ["keydown", "keyup", "keypress"];
    for (const type of keyEvents) document.addEventListener(type, listener);
    try {
      host.show(request);
      const root = await loadedCard();
      expect(root.mode).toBe("open");
      expect(root.firstElementChild?.localName).toBe("html");
      expect(root.querySelector("html > head > style")?.textContent).toBe(".card { color: red; }");
      const body = root.querySelector<HTMLElement>("html > body")!;
      expect([body.lang, body.dir]).toEqual(["en", "ltr"]);
      // A shortcut of the page (or our own Escape handler on the document) never sees keys typed
      // in the card.
      const button = root.querySelector("button.copy")!;
      for (const type of keyEvents) {
        button.dispatchEvent(new KeyboardEvent(type, { key: "a", bubbles: true, composed: true }));
      }
      expect(pageKeys).toEqual([]);
      // The same keys outside the card reach the page, so the listener itself works.
      document.body.dispatchEvent(new KeyboardEvent("keyup", { key: "a", bubbles: true }));
      expect(pageKeys).toEqual(["keyup"]);
    } finally {
      for (const type of keyEvents) document.removeEventListener(type, listener);
    }
  });

  describe("Copy citation", () => {
    const copyAndReadStatus = async (host: ReturnType<typeof setUp>["host"], request: object) => {
      host.show(request as Parameters<typeof host.show>[0]);
      const root = await loadedCard();
      const status = root.querySelector('[role="status"]');
      expect(status?.textContent, "the live region is there before the copy").toBe("");
      root.querySelector<HTMLButtonElement>("button.copy")!.click();
      return vi.waitFor(() => {
        const text = root.querySelector('[role="status"]')?.textContent;
        if (!text) throw new Error("no status yet");
        return text;
      });
    };

    it("says Copied when the clipboard took the citation", async () => {
      const writeText = vi.fn(async () => undefined);
      setClipboard({ writeText });
      const { host, request } = setUp();
      expect(await copyAndReadStatus(host, request)).toBe("Copied");
      expect(writeText).toHaveBeenCalledWith(
        "“we must act” — Jane Roe, as quoted in “Headline One”, Pub, January 27, 2026",
      );
    });

    it("says it could not copy where there is no clipboard (an http:// page)", async () => {
      setClipboard(undefined);
      const { host, request } = setUp();
      expect(await copyAndReadStatus(host, request)).toBe("Could not copy");
    });

    it("says it could not copy when the browser refuses the write", async () => {
      setClipboard({ writeText: vi.fn(async () => Promise.reject(new Error("NotAllowedError"))) });
      const { host, request } = setUp();
      expect(await copyAndReadStatus(host, request)).toBe("Could not copy");
    });

    it("announces a second copy with the same result: its words are added to the region anew", async () => {
      setClipboard({ writeText: vi.fn(async () => undefined) });
      const { host, request } = setUp();
      expect(await copyAndReadStatus(host, request)).toBe("Copied");
      const root = await loadedCard();
      // What a screen reader hears of a polite live region: what is added to it, or its text changing.
      const heard: string[] = [];
      const observer = new MutationObserver((records) => {
        for (const record of records) {
          if (record.type === "characterData") heard.push(record.target.textContent ?? "");
          for (const node of record.addedNodes) heard.push(node.textContent ?? "");
        }
      });
      observer.observe(root.querySelector('[role="status"]')!, {
        childList: true,
        subtree: true,
        characterData: true,
      });
      root.querySelector<HTMLButtonElement>("button.copy")!.click();
      await vi.waitFor(() => expect(heard).toEqual(["Copied"]));
      observer.disconnect();
    });

    it("keeps a copy that ends after its card has closed off the next card", async () => {
      let endCopy: () => void = () => {};
      setClipboard({ writeText: () => new Promise<void>((resolve) => (endCopy = resolve)) });
      let answerNext: () => void = () => {};
      const { host, request } = setUp({
        loadCard: vi
          .fn()
          .mockResolvedValueOnce(cards.get("jane-roe")!)
          .mockImplementationOnce(
            () => new Promise((resolve) => (answerNext = () => resolve(cards.get("jane-roe")!))),
          ),
      });
      host.show(request);
      (await loadedCard()).querySelector<HTMLButtonElement>("button.copy")!.click();
      host.hide();
      host.show({ ...request });
      // The clipboard takes the first card's citation while the next card loads.
      endCopy();
      await new Promise((resolve) => setTimeout(resolve, 0));
      answerNext();
      const root = await loadedCard();
      expect(root.querySelector('[role="status"]')?.textContent).toBe("");
    });

    it("starts the next card without the last card's status", async () => {
      setClipboard({ writeText: vi.fn(async () => undefined) });
      const { host, request } = setUp();
      expect(await copyAndReadStatus(host, request)).toBe("Copied");
      host.hide();
      host.show({ ...request });
      const root = await loadedCard();
      expect(root.querySelector('[role="status"]')?.textContent).toBe("");
    });
  });

  describe("the keyboard in the card", () => {
    function key(target: Element, key: string, shiftKey = false): KeyboardEvent {
      const event = new KeyboardEvent("keydown", {
        key,
        shiftKey,
        bubbles: true,
        cancelable: true,
        composed: true,
      });
      target.dispatchEvent(event);
      return event;
    }

    it("gives focus back to the mark at the card's edges, and only there", async () => {
      const { host, mark, request } = setUp();
      mark.tabIndex = 0;
      host.show(request);
      const root = await loadedCard();
      const stops = [...root.querySelectorAll<HTMLElement>("[role=dialog],button,[href],summary")];
      expect(stops.length).toBeGreaterThanOrEqual(3);
      const last = stops.at(-1)!;

      // Inside the card, Tab and Shift+Tab are the browser's.
      for (const [stop, shift] of [
        [stops[1]!, false],
        [stops[2]!, true],
        [stops.at(-2)!, false],
      ] as const) {
        stop.focus();
        expect(key(stop, "Tab", shift).defaultPrevented).toBe(false);
        expect(root.activeElement).toBe(stop);
      }
      // Tab from the last stop: the mark, from where the browser goes on to what follows it.
      last.focus();
      expect(key(last, "Tab").defaultPrevented).toBe(false);
      expect(document.activeElement).toBe(mark);
      // Shift+Tab from the card or its first button: the mark, and no further.
      for (const start of stops.slice(0, 2)) {
        start.focus();
        expect(key(start, "Tab", true).defaultPrevented).toBe(true);
        expect(document.activeElement).toBe(mark);
      }
      // Nor does Shift+Tab from what is no stop of the card's.
      stops[0]!.focus();
      key(root.querySelector("h2")!, "Tab", true);
      expect(root.activeElement).toBe(stops[0]);
      // Other keys do not move focus.
      last.focus();
      key(last, "Enter");
      expect(root.activeElement).toBe(last);
    });

    it("closes on Escape, and counts focus leaving the card as leaving it", async () => {
      const { host, options, request } = setUp();
      host.show(request);
      const root = await loadedCard();
      const [first, second] = root.querySelectorAll<HTMLElement>("button");
      key(first!, "a");
      expect(options.onClose).not.toHaveBeenCalled();
      key(first!, "Escape");
      expect(options.onClose).toHaveBeenCalledTimes(1);

      first!.dispatchEvent(new FocusEvent("focusout", { bubbles: true, relatedTarget: second }));
      expect(options.onPointerLeave).not.toHaveBeenCalled();
      first!.dispatchEvent(
        new FocusEvent("focusout", { bubbles: true, relatedTarget: document.body }),
      );
      expect(options.onPointerLeave).toHaveBeenCalledTimes(1);
    });
  });

  describe("placement", () => {
    /** A mark on two lines: its box, and its last line starting further left. */
    function placeMark(mark: HTMLElement, top: number) {
      const box = new DOMRect(100, top, 200, 40);
      vi.spyOn(mark, "getBoundingClientRect").mockReturnValue(box);
      vi.spyOn(mark, "getClientRects").mockReturnValue([
        new DOMRect(100, top, 200, 20),
        new DOMRect(20.4, top + 20, 80.2, 20),
      ] as unknown as DOMRectList);
    }
    // happy-dom lays nothing out: the viewport floating-ui measures is given its window's size.
    beforeEach(() => {
      const root = document.documentElement;
      vi.spyOn(root, "clientWidth", "get").mockReturnValue(innerWidth);
      vi.spyOn(root, "clientHeight", "get").mockReturnValue(innerHeight);
    });
    afterEach(() => {
      vi.restoreAllMocks();
    });
    const placed = async () => {
      const root = await loadedCard();
      const card = root.querySelector<HTMLElement>(".card")!;
      const status = root.querySelector<HTMLElement>(".status")!;
      await vi.waitFor(() => expect(card.style.transform).not.toBe(""));
      return { card, status };
    };

    it("puts the card below the mark's last line, a gap away, as tall as the room allows", async () => {
      const { host, mark, request } = setUp();
      placeMark(mark, 100.3);
      host.show(request);
      const { card, status } = await placed();
      // Below the mark's span (top - 6 to bottom + 6), from its last line's left edge, rounded.
      expect(card.style.transform).toBe("translate(20px, 146px)");
      expect(status.style.transform).toBe(card.style.transform);
      expect(card.style.maxHeight).toBe("448px");
    });

    it("keeps the viewport's edge clear below, and never makes the card shorter than its floor", async () => {
      const { host, mark, request } = setUp();
      placeMark(mark, 560);
      host.show(request);
      const { card } = await placed();
      // innerHeight 768: below 606 (560 + 40 + 6), less the 8 px kept from the edge.
      expect(card.style.maxHeight).toBe(`${innerHeight - 606 - 8}px`);
      host.hide();
      placeMark(mark, 700);
      host.show({ ...request });
      await vi.waitFor(() => expect(card.isConnected).toBe(false));
      const next = await placed();
      expect(next.card.style.maxHeight).toBe("120px");
    });

    it("closes the card when its mark is no longer on screen, and stops following it", async () => {
      const onClose = vi.fn(() => host.hide());
      const { host, mark, request } = setUp({ onClose });
      vi.spyOn(mark, "getClientRects").mockReturnValue([] as unknown as DOMRectList);
      host.show(request);
      await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
      // Closed in placement's first call: nothing goes on placing a card no longer shown.
      window.dispatchEvent(new Event("resize"));
      window.dispatchEvent(new Event("scroll"));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(onClose).toHaveBeenCalledTimes(1);
    });
  });

  it("adds its one element on first use, after the page's <body>, and reuses it", async () => {
    const { host, request } = setUp();
    expect(document.querySelector("receipts-ui"), "nothing before a card is asked for").toBeNull();
    host.show(request);
    await loadedCard();
    const element = document.querySelector("receipts-ui");
    // Outside <body>: the page's `body > :last-child` rules and its layout do not reach it.
    expect(element?.parentElement).toBe(document.documentElement);
    expect(document.documentElement.lastElementChild).toBe(element);
    host.hide();
    host.show({ ...request });
    await loadedCard();
    expect(document.querySelectorAll("receipts-ui")).toHaveLength(1);
    expect(document.querySelector("receipts-ui")).toBe(element);
  });

  it("asks for its style sheet once, when the first card opens, and for the card meanwhile", async () => {
    let giveStyle: (css: string) => void = () => undefined;
    const loadStyle = vi.fn(() => new Promise<string>((resolve) => (giveStyle = resolve)));
    const { host, options, request } = setUp({ loadStyle });
    expect(loadStyle, "nothing asked before a card is").not.toHaveBeenCalled();
    host.show(request);
    // The first card waits for one answer, not for two in a row.
    expect(loadStyle).toHaveBeenCalledTimes(1);
    expect(options.loadCard).toHaveBeenCalledWith("jane-roe");
    expect(document.querySelector("receipts-ui"), "no card without its style").toBeNull();
    giveStyle(".card { color: red; }");
    const root = await loadedCard();
    expect(root.querySelector("style")?.textContent).toBe(".card { color: red; }");
    host.hide();
    host.show({ ...request });
    await loadedCard();
    expect(loadStyle).toHaveBeenCalledTimes(1);
  });

  it("builds no card without its style sheet, and asks again for the next card", async () => {
    const loadStyle = vi.fn(async () => "");
    const { host, listeners, request } = setUp({ loadStyle });
    host.show(request);
    await vi.waitFor(() => expect(loadStyle).toHaveBeenCalledTimes(1));
    // A task later, every promise of the attempt has settled: nothing was put in the page.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.querySelector("receipts-ui")).toBeNull();
    expect(listeners.size).toBe(0);
    loadStyle.mockImplementation(async () => ".card { color: red; }");
    host.show({ ...request });
    const root = await loadedCard();
    expect(loadStyle).toHaveBeenCalledTimes(2);
    expect(root.querySelector("style")?.textContent).toBe(".card { color: red; }");
  });

  it("closes through the card's Close button", async () => {
    const { host, options, request } = setUp();
    host.show(request);
    (await loadedCard()).querySelector<HTMLButtonElement>("button.close")!.click();
    expect(options.onClose).toHaveBeenCalledTimes(1);
  });

  it("shows no card and owns no node once removed", async () => {
    const { host, request } = setUp();
    host.show(request);
    await loadedCard();
    const element = document.querySelector("receipts-ui")!;
    expect(host.contains(element)).toBe(true);
    host.remove();
    expect(host.focusCard(), "no card shown to focus").toBe(false);
    expect(host.contains(element)).toBe(false);
  });

  it("shows a card asked for again after a removal while its shadow root was being built", async () => {
    const { host, request } = setUp();
    host.show(request);
    host.remove();
    host.show(request);
    const root = await loadedCard();
    expect(root.querySelector("h2")?.textContent).toBe("Jane Roe");
    expect(document.querySelectorAll("receipts-ui")).toHaveLength(1);
  });

  it("leaves nothing in the page when removed while its shadow root is being built", async () => {
    const { host, listeners, request } = setUp();
    host.show(request);
    host.remove();
    // A task later, every promise of the shadow root's creation has settled.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(listeners.size).toBe(0);
    expect(document.querySelectorAll("receipts-ui")).toHaveLength(0);
  });

  it("holds one invalidation listener while mounted, none once removed, over many cycles", async () => {
    const { host, listeners, request } = setUp();
    for (let cycle = 0; cycle < 3; cycle++) {
      host.show({ ...request });
      await loadedCard();
      expect(listeners.size).toBe(1);
      host.remove();
      expect(listeners.size).toBe(0);
    }
  });

  it("removes its element and card when the content script is invalidated", async () => {
    const { host, listeners, request } = setUp();
    host.show(request);
    await loadedCard();
    for (const listener of [...listeners]) listener();
    expect(document.querySelectorAll("receipts-ui")).toHaveLength(0);
    expect(listeners.size).toBe(0);
  });
});
