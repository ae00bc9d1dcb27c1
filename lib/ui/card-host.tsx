/**
 * DOM adapter for the card: one `<receipts-ui>` shadow root per page, hosting one Preact app,
 * created on first use (pages the reader never hovers get no extra element) and removed exactly.
 * Placement by @floating-ui/dom: flips and shifts to stay in the viewport, never covers its mark.
 */
import {
  autoUpdate,
  computePosition,
  flip,
  shift,
  size,
  type VirtualElement,
} from "@floating-ui/dom";
import { render } from "preact";
import type { ContentScriptContext } from "wxt/utils/content-script-context";
import type { CardData } from "../cards/card-data";
import type { MatchHow } from "../dataset/types";
import { UI_TAG } from "../dom/collect";
import { Card } from "./Card";

/**
 * Gap between mark and card, so the card never touches (or covers) the text it explains. Added
 * to the mark's line span above and below (`lineSpanOf`), which places the card where offset()
 * would, without that middleware's code in the content script.
 */
const CARD_GAP_PX = 6;
/** Distance kept from the viewport edges. */
const VIEWPORT_PADDING_PX = 8;
/**
 * The card's height follows the room beside its mark, between these: at most card.css's
 * max-height, and never so little that only its heading shows (its body scrolls inside it).
 * Exported though used only here: the build inlines exported constants, not private ones.
 */
export const CARD_MAX_HEIGHT_PX = 448;
export const CARD_MIN_HEIGHT_PX = 120;

export interface CardRequest {
  mark: HTMLElement;
  entity: string;
  name: string;
  how: MatchHow;
}

export interface CardHostOptions {
  loadCard(entity: string): Promise<CardData | null>;
  onPointerEnter(): void;
  onPointerLeave(): void;
  onClose(): void;
  /**
   * The card's style sheet, asked when the card is first built on a page (the background keeps
   * it: decision 0012); empty when it could not be had, and then no card is shown (a card without
   * its sheet would sit unstyled at the end of the page).
   */
  loadStyle(): Promise<string>;
}

export interface CardHost {
  show(request: CardRequest): void;
  hide(): void;
  /**
   * Moves keyboard focus into the card being shown (Enter on its mark), as soon as it is on the
   * page (a card just asked for renders once its host is built); false when none is shown.
   */
  focusCard(): boolean;
  /** True when the node is inside our UI (events from the card must not close it). */
  contains(node: Node | null): boolean;
  remove(): void;
}

/**
 * The mark as floating-ui places against it: from its first line's top to its last line's bottom,
 * as wide as its last line, so the card below a mark that wraps lines up with the mark's last
 * line and covers neither. floating-ui's inline() middleware computes the same for a card below,
 * for about 500 bytes gzipped of the content script's budget; above a wrapped mark the card lines
 * up with the last line instead of the first, still clear of the mark. The span reaches
 * CARD_GAP_PX further up and down: the card, placed below or above it, keeps that gap.
 */
function lineSpanOf(mark: HTMLElement): VirtualElement {
  return {
    contextElement: mark,
    getBoundingClientRect() {
      const box = mark.getBoundingClientRect();
      const lastLine = [...mark.getClientRects()].pop() ?? box;
      return new DOMRect(
        lastLine.left,
        box.top - CARD_GAP_PX,
        lastLine.width,
        box.height + 2 * CARD_GAP_PX,
      );
    },
  };
}

interface MountedUi {
  /** The `<receipts-ui>` element in the page. */
  shadowHost: HTMLElement;
  /** The shadow root's <body>, where Preact renders the card. */
  container: HTMLElement;
}

/** What takes focus inside the card (Card.tsx): its buttons, links and disclosures. */
const IN_CARD_STOPS = "button,[href],summary";

/** Only a mouse or pen hovers: a finger "leaves" the card each time it lifts (pointerleave follows
 * pointerup and pointercancel on touch screens), which must not close the card it is reading. */
const unlessTouch =
  (handler: () => void) =>
  (event: PointerEvent): void => {
    if (event.pointerType !== "touch") handler();
  };

/** Keys typed in the card that stay in the card: the page's shortcuts never see them. */
const ISOLATED_KEY_EVENTS = ["keydown", "keyup", "keypress"];

/**
 * The one `<receipts-ui>` shadow root, laid out the way @webext-core/isolated-element (the
 * primitive WXT's createShadowRootUi wraps) does it: an open shadow root holding its own
 * <html><head><style></head><body>, the body being the UI's container. Built here, in a few lines,
 * rather than with that package, whose name check, URL-fetching CSS option and async helpers cost
 * about 0.6 KB gzipped of the content script's 40 KB budget; WXT's wrapper would add
 * anchor-watching and auto-mount code we never use (docs/decisions/0005-card-and-popup.md). The
 * caller attaches it to the page.
 */
async function createShadowUi(
  options: CardHostOptions,
  markShown: () => HTMLElement | undefined,
): Promise<MountedUi | null> {
  const cssText = await options.loadStyle();
  if (!cssText) return null;
  const shadowHost = document.createElement(UI_TAG);
  const html = document.createElement("html");
  const head = html.appendChild(document.createElement("head"));
  const container = html.appendChild(document.createElement("body"));
  head.appendChild(document.createElement("style")).textContent = cssText;
  shadowHost.attachShadow({ mode: "open" }).appendChild(html);
  for (const type of ISOLATED_KEY_EVENTS) {
    container.addEventListener(type, (event) => event.stopPropagation());
  }
  // The card's text is the dataset's, in English, left to right: on a Hebrew or Arabic page it
  // would otherwise inherit the page's language (a screen reader's voice) and direction, which
  // `all: initial` on the host leaves alone.
  container.lang = "en";
  container.dir = "ltr";
  container.addEventListener("pointerenter", unlessTouch(options.onPointerEnter));
  container.addEventListener("pointerleave", unlessTouch(options.onPointerLeave));
  // Keyboard focus leaving the card closes it like the pointer leaving it.
  container.addEventListener("focusout", (event) => {
    if (!container.contains(event.relatedTarget as Node | null)) options.onPointerLeave();
  });
  // Keys pressed inside the card stop at the shadow root, so the page's Escape handler (and
  // ours on the document) never sees them: the card closes itself.
  container.addEventListener("keydown", (event) => {
    if (event.key === "Escape") options.onClose();
    // The card sits after <body>, so Tab out of it would reach the browser's toolbar and
    // Shift+Tab the page's last link. Like a disclosure, it belongs where its mark is: at its
    // edges focus goes back to the mark, and Tab then goes on (the browser's default move) from
    // the mark to what follows it in the page, while Shift+Tab stops on the mark itself.
    const mark = markShown();
    if (event.key !== "Tab" || !mark) return;
    // The card's stops in order: itself (focused by Enter), its buttons, links and disclosures
    // ("The article's words"), and its body when that scrolls with none of those in it (a
    // scroller is a stop in both browsers then; Firefox also makes it one before what it holds,
    // which is never the last). The start is the card or its first button; the end, the last.
    const stops = [
      ...container.querySelectorAll<HTMLElement>(`[role=dialog],${IN_CARD_STOPS},.body`),
    ].filter(
      (stop) =>
        !stop.matches(".body") ||
        (stop.scrollHeight > stop.clientHeight && !stop.querySelector(IN_CARD_STOPS)),
    );
    const at = stops.indexOf(event.target as HTMLElement);
    if (at < 0 || (event.shiftKey ? at > 1 : at < stops.length - 1)) return;
    mark.focus();
    if (event.shiftKey && mark.matches(":focus")) event.preventDefault();
  });
  return { shadowHost, container };
}

export function createCardHost(ctx: ContentScriptContext, options: CardHostOptions): CardHost {
  let ui: MountedUi | null = null;
  let mounting: Promise<void> | null = null;
  let forgetInvalidation: (() => void) | null = null;
  let stopPlacement: (() => void) | null = null;
  let showing: CardRequest | null = null;
  let shownCard: CardData | null | undefined;
  /** The card Enter asked focus for before it was on the page: focused when it renders. */
  let focusOnRender: CardRequest | null = null;
  /** Whether the last "Copy citation" worked, in a polite live region on the card's edge. */
  let copyStatus = "";
  /**
   * Screen readers announce what is added to a live region: the same words written again are no
   * change. Each result is a new node in the region (keyed by this count), as react-aria's live
   * announcer adds one per message, so a second "Copied" is heard too. The other common pattern,
   * emptying the region and writing again a moment later, needs a timer long enough for the
   * browser to see the empty region, which no constant can promise.
   */
  let copies = 0;

  const shownDialog = () => ui?.container.querySelector<HTMLElement>("[role=dialog]");

  const ensureMounted = (): Promise<void> => {
    const pending: Promise<void> = (mounting ??= createShadowUi(options, () => showing?.mark).then(
      (created) => {
        // Removed while the shadow root was being built: nothing is left in the page.
        if (mounting !== pending) return;
        // No style to be had: nothing is built, and the next card asks again.
        if (!created) {
          mounting = null;
          return;
        }
        // After <body>, as an empty inline element: the card inside is position: fixed, so the
        // page's layout does not change, and `body > :last-child` rules of the page are not
        // disturbed.
        document.documentElement.append(created.shadowHost);
        ui = created;
        forgetInvalidation = ctx.onInvalidated(unmount);
      },
    ));
    return pending;
  };

  const place = (request: CardRequest) => {
    const { mark } = request;
    const card = ui?.container.querySelector<HTMLElement>(".card");
    if (!card) return;
    const status = card.nextElementSibling as HTMLElement;
    stopPlacement?.();
    const reference = lineSpanOf(mark);
    stopPlacement = autoUpdate(reference, card, () => {
      // The page re-rendered or hid the text the card explains: a card pinned to nothing (an
      // empty rectangle at the viewport's corner) would be about nothing the reader can see.
      if (!mark.getClientRects().length) return options.onClose();
      void computePosition(reference, card, {
        strategy: "fixed",
        placement: "bottom-start",
        middleware: [
          flip({ padding: VIEWPORT_PADDING_PX }),
          shift({ padding: VIEWPORT_PADDING_PX }),
          size({
            padding: VIEWPORT_PADDING_PX,
            apply({ availableHeight, elements }) {
              const height = Math.min(CARD_MAX_HEIGHT_PX, availableHeight);
              elements.floating.style.maxHeight = `${Math.max(CARD_MIN_HEIGHT_PX, height)}px`;
            },
          }),
        ],
      }).then(({ x, y }) => {
        // The copy status rides on the card's edge (card.css), so it moves with the card.
        card.style.transform =
          status.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      });
    });
    // Its mark was gone already: the card closed in autoUpdate's first call, before it returned.
    if (showing !== request) hide();
  };

  /**
   * Where the page is not a secure context (http://) there is no navigator.clipboard, and a
   * browser may refuse the write: the reader is told either way. No execCommand("copy")
   * fallback: it is deprecated, needs a focused text field (focus leaving the button would close
   * the card) and costs the content script's budget; the citation stays selectable in the card.
   */
  const copy = async (request: CardRequest, text: string) => {
    let status = "Could not copy";
    try {
      await navigator.clipboard.writeText(text);
      status = "Copied";
    } catch {
      // No clipboard here, or the browser refused: the status says so.
    }
    if (showing !== request) return;
    copyStatus = status;
    copies++;
    renderCard(request, shownCard);
  };

  const renderCard = (request: CardRequest, card: CardData | null | undefined) => {
    if (!ui || showing !== request) return;
    shownCard = card;
    render(
      <>
        <Card
          card={card}
          name={request.name}
          how={request.how}
          onClose={options.onClose}
          onCopy={(text) => void copy(request, text)}
        />
        <p class="status" role="status">
          {copyStatus && <span key={copies}>{copyStatus}</span>}
        </p>
      </>,
      ui.container,
    );
    place(request);
    if (focusOnRender === request) {
      focusOnRender = null;
      shownDialog()?.focus();
    }
  };

  const hide = () => {
    showing = null;
    focusOnRender = null;
    stopPlacement?.();
    stopPlacement = null;
    if (ui) render(null, ui.container);
  };

  const unmount = () => {
    hide();
    forgetInvalidation?.();
    forgetInvalidation = null;
    ui?.shadowHost.remove();
    ui = null;
    mounting = null;
  };

  return {
    show(request) {
      showing = request;
      copyStatus = "";
      // Asked now, alongside the style the first card of a page waits for, not after it.
      const card = options.loadCard(request.entity);
      void ensureMounted().then(() => {
        renderCard(request, undefined);
        void card.then((data) => renderCard(request, data));
      });
    },
    hide,
    focusCard() {
      const card = shownDialog();
      if (card) card.focus();
      else if (showing) focusOnRender = showing;
      return Boolean(card ?? showing);
    },
    contains(node) {
      // Node.contains is true for the node itself and false for null.
      return !!ui?.shadowHost.contains(node);
    },
    remove: unmount,
  };
}
