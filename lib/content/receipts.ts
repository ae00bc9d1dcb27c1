/**
 * The content script's behaviour, as one adapter the entrypoint starts: mark the page, keep the
 * marks up to date, open cards, answer the popup, and undo everything when the reader turns
 * Receipts off for the site. Marks are made and removed by lib/dom, the card by its host; this
 * module only labels our own marks (names, tab stops, the jump's flash), which leave with them,
 * strips them for a moment while the reader copies (lib/dom/copy.ts), and hands its task times
 * to the bench's meter in the measuring build (lib/content/task-meter.ts).
 */
import { browser } from "wxt/browser";
import type { ContentScriptContext } from "wxt/utils/content-script-context";
import type { CardData } from "../cards/card-data";
import type { MarkMode, MatchHow, MatchIndex } from "../dataset/types";
import { createPagePass, type PagePass } from "../dom/page-pass";
import { stripMarksForCopy, stripMarksFromDragData } from "../dom/copy";
import { MARK_TAG } from "../dom/collect";
import {
  disown,
  ENTITY_ATTRIBUTE,
  MARK_SELECTOR,
  unmarkCopies,
  wasRemovedByUs,
} from "../dom/highlighter";
import { defaultScheduler, observePage, type Scheduler } from "../dom/observer";
import { createMarkStyler } from "../dom/mark-styles";
import { compileMatcher } from "../matching";
import {
  parseTabRequest,
  type BackgroundRequest,
  type CardStyleResponse,
  type CardsResponse,
  type EntityCount,
  type JumpResponse,
  type PageSummary,
  type SieveResponse,
} from "../messaging/protocol";
import {
  disabledSites,
  isAnySiteOff,
  isSiteEnabled,
  markInFrames,
  markModeOverrides,
  sitesOf,
} from "../settings/settings";
import { pageSieve, useStoredSieve } from "../settings/sieve-store";
import { createCardHost, type CardHost } from "../ui/card-host";
import { createHoverIntent } from "../ui/hover-intent";
import type { TaskRecorder } from "./task-meter";

/**
 * A mark inside one of these is reached and activated through it (a link, a button; <button>
 * holds no marks): it is no tab stop of its own, and the page's name for it stays the page's.
 */
const INTERACTIVE_ANCESTOR = "a[href],summary,[role=link],[role=button]";
/** A heading's accessible name is its text: a label on a mark inside would rewrite it. */
const HEADING = "h1,h2,h3,h4,h5,h6";
/** How long a mark stays highlighted after jump-to-mention, long enough to find it on screen. */
const FLASH_MS = 1500;

/** Batches in a row whose fresh marks the page removed before the next one: it is fighting us. */
const MAX_CONTESTED_BATCHES = 3;
/**
 * A fight answers our marks at once (the page's observer in the task that made them, a framework
 * at its next render); marks that lived longer were taken by a page changing its text (a ticker
 * rewriting a headline every second or so), which must not stop the marking of the rest of the
 * page. Timed to the page's change, not to our batch up to 500 ms after it (the observer's idle
 * wait), which made a ticker of a second or less look like a fight.
 */
const FIGHT_WINDOW_MS = 500;

const MATCH_HOWS: readonly MatchHow[] = ["full", "alias", "surname", "brand"];

function markOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>(MARK_SELECTOR) : null;
}

function describeMark(mark: HTMLElement) {
  const how = mark.dataset.receiptsHow as MatchHow;
  return {
    mark,
    entity: mark.dataset.receiptsEntity!, // MARK_SELECTOR asks for it
    name: mark.dataset.receiptsName ?? mark.textContent ?? "",
    how: MATCH_HOWS.includes(how) ? how : "full",
  };
}

async function sendToBackground<T>(request: BackgroundRequest): Promise<T | undefined> {
  try {
    return (await browser.runtime.sendMessage(request)) as T;
  } catch {
    // The background restarts or the extension was updated: the page must not notice.
    return undefined;
  }
}

export interface ReceiptsOptions {
  index: MatchIndex;
  /** Our marks' style (lib/ui/marks.css), worn by each mark (lib/dom/mark-styles.ts). */
  marksCss: string;
  /** This build's key for a stored page sieve (lib/settings/sieve-store.ts). */
  sieveKey: string;
  /**
   * The bench's meter (lib/content/task-meter.ts), given each of our tasks' time: the measuring
   * build's only.
   */
  onTask?: TaskRecorder;
}

export async function startReceipts(ctx: ContentScriptContext, options: ReceiptsOptions) {
  let pass: PagePass | null = null;
  // True until the settings are read and the pass is set up (or the site found turned off).
  let starting = true;
  // True while the site is to be marked (the reader's switch), even on a page with no <body>.
  let siteOn = false;
  // False while a pass over the whole page runs: its counts so far are partial.
  let wholePageMarked = false;
  const jumpPositions = new Map<string, number>();

  const jump = (entity: string): JumpResponse => {
    // An entity id that passed parseTabRequest is a slug: safe between the selector's quotes.
    const marks = document.querySelectorAll<HTMLElement>(
      `${MARK_TAG}[${ENTITY_ATTRIBUTE}="${entity}"]`,
    );
    if (marks.length === 0) return { found: false };
    const position = (jumpPositions.get(entity) ?? -1) + 1;
    const mark = marks[position % marks.length]!;
    jumpPositions.set(entity, position % marks.length);
    const reduceMotion = matchMedia("(prefers-reduced-motion: reduce)").matches;
    mark.scrollIntoView({ block: "center", behavior: reduceMotion ? "auto" : "smooth" });
    mark.setAttribute("data-receipts-flash", "");
    ctx.setTimeout(() => mark.removeAttribute("data-receipts-flash"), FLASH_MS);
    return { found: true };
  };

  // Registered before the first wait, so a popup opened while the page loads gets an answer
  // ("starting") rather than none. A frame answers only once it knows it is to be marked.
  let answering = window === window.top;
  browser.runtime.onMessage.addListener((message: unknown) => {
    const request = parseTabRequest(message);
    if (!request || !answering) return undefined;
    if (request.type === "jump") return Promise.resolve(jump(request.entity));
    return Promise.resolve<PageSummary>({
      url: location.href,
      title: document.title,
      enabled: starting || siteOn,
      progress: starting ? "starting" : pass && !wholePageMarked ? "marking" : "done",
      entities: pass ? pass.counts() : [],
    });
  });

  // Main frame only, unless the reader asked for frames too.
  if (window !== window.top && !(await markInFrames.getValue())) return;
  answering = true;
  const sites = sitesOf(location);
  const [initialOverrides, sieveSpec] = await Promise.all([
    markModeOverrides.getValue(),
    pageSieve(options.sieveKey, async () => {
      const response = await sendToBackground<SieveResponse>({ type: "sieve" });
      return response?.spec ?? null;
    }),
  ]);
  let modeOverrides: Record<string, MarkMode> = initialOverrides;
  // After the wait, so the matcher is compiled in a task of its own, not in the one that
  // evaluated the script (which we cannot slice). Its trie waits for the first block the sieve
  // finds a name in: most pages have none.
  const compileStarted = performance.now();
  const matcher = compileMatcher(options.index);
  const hasSieve = useStoredSieve(matcher, sieveSpec);
  options.onTask?.(performance.now() - compileStarted);
  const names = new Map(options.index.entities.map((entity) => [entity.id, entity.name]));
  // The reader's choice, if any; the matcher falls back to the index's own mode.
  const markMode = (entity: string): MarkMode | undefined => modeOverrides[entity];
  let stopObserving: (() => void) | null = null;
  let host: CardHost | null = null;
  const styleMark = createMarkStyler(options.marksCss);

  const reportCounts = () => {
    const counts: EntityCount[] = pass ? pass.counts() : [];
    void sendToBackground({ type: "page-counts", counts });
  };

  // One mark of each entity is in the tab order (the first one outside a link or button); the
  // rest stay out of it so a page with many mentions is not flooded with tab stops. Only that
  // mark is announced as a link: the others cannot be reached or activated by a keyboard.
  const tabStops = new Map<string, HTMLElement>();
  // The marks we made, per entity, in the order we made them: the page may remove some (and
  // undo removes them all: the next pass forgets them).
  const marksOf = new Map<string, HTMLElement[]>();
  // A mark that left the page is disowned: put back (a cached view), it is a copy, made again,
  // or it would be a second tab stop.
  const stillOnPage = (mark: HTMLElement) => mark.isConnected || disown(mark);
  // Asked of connected marks only (new ones, and those still on the page).
  const mayBeTabStop = (mark: HTMLElement) => !mark.closest(INTERACTIVE_ANCESTOR);

  // Labelled marks only: the name is the one `labelMarks` wrote. "What they said" would be
  // untrue of organizations, and of people named in the letter as not having spoken.
  const makeTabStop = (entity: string, mark: HTMLElement) => {
    const purpose = `what the sources say about ${mark.dataset.receiptsName} (Enter to read)`;
    mark.tabIndex = 0;
    mark.setAttribute("role", "link");
    if (mark.closest(HEADING)) mark.setAttribute("aria-description", purpose);
    else mark.setAttribute("aria-label", `${mark.textContent}: ${purpose}`);
    tabStops.set(entity, mark);
  };

  /**
   * Forgets the marks that left the page, and says whether there were any; an entity's lost tab
   * stop passes to its next mark.
   */
  const forgetLostMarks = () => {
    let lost = false;
    for (const [entity, marks] of marksOf) {
      if (marks.every(stillOnPage)) continue;
      lost = true;
      const kept = marks.filter(stillOnPage);
      marksOf.set(entity, kept);
      if (tabStops.get(entity)?.isConnected) continue;
      tabStops.delete(entity);
      const next = kept.find(mayBeTabStop);
      if (next) makeTabStop(entity, next);
    }
    return lost;
  };

  const labelMarks = (marks: readonly HTMLElement[]) => {
    for (const mark of marks) {
      const entity = mark.dataset.receiptsEntity!; // ours: made with it
      const inControl = !mayBeTabStop(mark);
      styleMark(mark, inControl);
      mark.dataset.receiptsName = names.get(entity) ?? entity;
      const known = marksOf.get(entity);
      if (known) known.push(mark);
      else marksOf.set(entity, [mark]);
      if (!tabStops.get(entity)?.isConnected && !inControl) makeTabStop(entity, mark);
    }
  };

  // The marks of the latest run and when it ended, and how many batches in a row the page
  // fought (`onNewContent`).
  let latestMarks: readonly HTMLElement[] = [];
  let markedAt = 0;
  let contestedBatches = 0;
  // When the page made the first change of the batch being waited for: the observer schedules a
  // batch at the first change after the last one.
  let changedAt = 0;
  const scheduleBatch: Scheduler = (run) => {
    changedAt = performance.now();
    return defaultScheduler(run);
  };

  /**
   * Marks the given new roots, or the whole page, in slices that leave the page responsive
   * (each slice's marks are labelled as they appear), then tells the badge. Counting reads
   * every mark on the page, so a batch of new content that brought no mark and lost none does
   * not recount: a live page without names costs only its new nodes.
   */
  const markPage = (roots?: readonly Node[]) => {
    const current = pass;
    if (!current) return;
    if (!roots) wholePageMarked = false;
    void current.runSliced(roots).then((marks) => {
      if (pass !== current) return;
      if (!roots) wholePageMarked = true;
      latestMarks = marks;
      markedAt = performance.now();
      if (forgetLostMarks() || !roots || marks.length > 0) reportCounts();
    });
  };

  const takenByThePage = (mark: HTMLElement) => !mark.isConnected && !wasRemovedByUs(mark);

  /**
   * New content from the observer. A page that removes our marks as soon as they appear (its own
   * observer, a framework re-rendering) would have us mark the same words forever: after a few
   * batches in a row whose fresh marks were already gone, Receipts leaves that page alone (until
   * its next in-app navigation). Marks we removed ourselves (repairing changed text) are no fight.
   */
  const onNewContent = (roots: readonly Node[]) => {
    // An extension reloaded or updated leaves this script running, unable to reach the
    // extension; WXT notices only when asked. Asking undoes everything (onInvalidated).
    if (ctx.isInvalid) return;
    const fought = changedAt - markedAt < FIGHT_WINDOW_MS && latestMarks.some(takenByThePage);
    contestedBatches = fought ? contestedBatches + 1 : 0;
    latestMarks = [];
    if (contestedBatches >= MAX_CONTESTED_BATCHES) {
      stopObserving?.();
      stopObserving = null;
      return;
    }
    markPage(roots);
  };

  /** Starts the page over, after the reader changed which mentions to mark. */
  const remark = () => {
    if (!pass) return;
    pass.undo();
    markPage();
  };

  const loadCard = async (entity: string): Promise<CardData | null> => {
    const response = await sendToBackground<CardsResponse>({ type: "cards", entities: [entity] });
    return response?.cards[0] ?? null;
  };

  // The mark being given focus back by the card: that focus must not reopen the card.
  let returningFocusTo: HTMLElement | null = null;
  /**
   * Closes the card; with `returnFocus`, a tabbable mark gets focus back (the reader's place). When
   * the page took the card's mark away, that place is its entity's tab stop, if one is still on the
   * page; a removed mark cannot take focus, so otherwise focus stays where the browser put it.
   */
  const closeCard = (returnFocus: boolean) => {
    let mark = intent.current;
    intent.dismiss();
    if (mark && !mark.isConnected) {
      if (forgetLostMarks()) reportCounts();
      mark = tabStops.get(mark.dataset.receiptsEntity!) ?? null;
    }
    if (!returnFocus || !mark || mark.tabIndex < 0 || document.activeElement === mark) return;
    returningFocusTo = mark;
    mark.focus({ preventScroll: true });
    returningFocusTo = null;
  };

  const intent = createHoverIntent<HTMLElement>({
    open(mark) {
      host ??= createCardHost(ctx, {
        loadStyle: async () => {
          const response = await sendToBackground<CardStyleResponse>({ type: "card-style" });
          // Asked every time: an extension reloaded or updated leaves this script unable to reach
          // it, and asking WXT notices that and undoes everything (onInvalidated), marks too.
          return ctx.isInvalid || typeof response?.css !== "string" ? "" : response.css;
        },
        loadCard,
        onPointerEnter: () => intent.pointerEnterCard(),
        onPointerLeave: () => intent.pointerLeaveCard(),
        // Close button or Escape in the card: focus that was in the card goes back to the mark.
        onClose: () => closeCard(host?.contains(document.activeElement) ?? false),
      });
      host.show(describeMark(mark));
    },
    close() {
      host?.hide();
    },
    schedule(run, delayMs) {
      const timer = ctx.setTimeout(run, delayMs);
      return () => clearTimeout(timer);
    },
  });

  /** The <body> the pass and its observer work on; null on a page without one (a frameset). */
  let body: HTMLElement | null = null;

  const observe = () => {
    contestedBatches = 0;
    if (body) stopObserving = observePage(body, onNewContent, { schedule: scheduleBatch });
  };

  /**
   * Undoes the pass, drops it, its observer, the card's host (it hangs from an <html> that may
   * have left the page) and what they knew of the page.
   */
  const forget = () => {
    pass?.undo();
    intent.dismiss();
    host?.remove();
    host = null;
    stopObserving?.();
    stopObserving = null;
    pass = null;
    body = null;
    wholePageMarked = false;
    latestMarks = [];
    marksOf.clear();
    tabStops.clear();
    jumpPositions.clear();
  };

  /** Adds our listeners (those still there are not added twice); they matter while marking. */
  const listen = () => {
    for (const type in onDocument) {
      ctx.addEventListener(document, type as "click", onDocument[type as "click"]!);
    }
    // Capture: scrolling the page's own scroll containers does not bubble to the window (and
    // the window's own events reach it either way).
    for (const type in onWindow) {
      const handler = onWindow[type as keyof typeof onWindow] as (event: Event) => void;
      ctx.addEventListener(window, type as "scroll", handler, { capture: true, passive: true });
    }
  };

  /**
   * Marks the site: the page as it is now, and again whenever its <body> or <html> is replaced.
   *
   * Pages that navigate in-app by putting in a new <body> (Turbo, Hotwire), or a whole new
   * <html> (`document.replaceChild`, `document.open`), would leave the pass and observer on a
   * tree that left the page. Only the document's and <html>'s own children are watched: the
   * page's changes inside its body never reach this observer. The old body gets the pass's exact
   * inverse (the same undo as turning the site off): it also cancels the slices that would go on
   * marking a tree nobody sees, and leaves only the page's own nodes in it, whether the page
   * drops, caches, clones or puts back that body (put back, it is a new body like any other).
   * Marks left there would be ones no observer repairs, and would stay once the reader turns the
   * site off.
   */
  const start = () => {
    // Asking undoes everything once the extension is gone (see onNewContent); going on would mark
    // the page again with marks no listener of ours answers.
    if (ctx.isInvalid) return;
    siteOn = true;
    if (document.body !== body) forget();
    // Again after a document.open(), which erased them.
    listen();
    // Watching the <html> of now only: an old one keeps no observer of ours.
    bodyWatcher.disconnect();
    bodyWatcher.observe(document, { childList: true });
    // None while document.open() has emptied the document: it comes as the document's child.
    bodyWatcher.observe(document.documentElement ?? document, { childList: true });
    if (pass) return;
    body = document.body;
    // A frameset page has no body to mark; a page with none yet gets marked when one comes.
    if (body?.localName !== "body") return reportCounts();
    // Marks we did not make, undone so that their text is read and marked like any other: copies
    // of ours in a body put in place of the first (a Turbo snapshot, a new document), the marks a
    // previous instance left (Firefox runs the new one in open tabs after an update), and a
    // page's own look-alikes, which would open a person's card over other words and count in
    // the popup. One query for marks, once a body.
    unmarkCopies(body);
    pass = createPagePass({
      root: body,
      matcher,
      sieve: hasSieve,
      markMode,
      view: window,
      onMarks: labelMarks,
      onTask: options.onTask,
    });
    // In a task of its own: the compile and the setup before it took this one's time already.
    ctx.setTimeout(markPage);
    observe();
  };
  const bodyWatcher = new MutationObserver(start);

  const stop = () => {
    siteOn = false;
    bodyWatcher.disconnect();
    forget();
    reportCounts();
  };

  // A tap focuses the mark (focusin) before its click: the click decides, or the focus would
  // open the card and the click toggle it shut at once.
  let tappedMark: HTMLElement | null = null;
  /**
   * Our listeners on the document, made once so that `listen` can add them again: a page's
   * document.open() erases every listener on the document and the window, ours too, and adding
   * one that is still there does nothing.
   */
  const onDocument: { [Type in keyof DocumentEventMap]?: (event: DocumentEventMap[Type]) => void } =
    {
      // Pointer: hover with intent (mouse and pen); touch: a tap toggles the card.
      pointerover(event) {
        const mark = markOf(event.target);
        if (mark && event.pointerType !== "touch") intent.pointerEnterMark(mark);
      },
      pointerout(event) {
        const mark = markOf(event.target);
        if (mark && !mark.contains(event.relatedTarget as Node | null)) intent.pointerLeaveMark();
      },
      pointerdown(event) {
        tappedMark = event.pointerType === "touch" ? markOf(event.target) : null;
      },
      pointercancel() {
        tappedMark = null; // a scroll, not a tap
      },
      click(event) {
        const mark = markOf(event.target);
        tappedMark = null;
        // A marked link still follows its link; only bare marks toggle a card on tap or click.
        if (mark && !mark.closest("a[href]") && (event as PointerEvent).pointerType === "touch") {
          intent.tapMark(mark);
        }
      },
      focusin(event) {
        const mark = markOf(event.target);
        if (mark && mark !== returningFocusTo && mark !== tappedMark) intent.focusMark(mark);
      },
      focusout(event) {
        if (markOf(event.target) && !host?.contains(event.relatedTarget as Node | null))
          intent.blurMark();
      },
      keydown(event) {
        // Focus stays where the reader has it (on the mark, or in a search box): Escape only
        // closes.
        if (event.key === "Escape" && intent.current) closeCard(false);
        // Enter on a focused mark takes the keyboard into its card (its buttons), opening the
        // card first when it was closed (Escape, or a pointer passing by): its label promises as
        // much.
        const mark = markOf(event.target);
        if (event.key !== "Enter" || !mark) return;
        event.preventDefault();
        if (mark !== intent.current) intent.focusMark(mark);
        host?.focusCard();
      },
    };
  /** Our listeners on the window, made once likewise. */
  const onWindow = {
    scroll() {
      const mark = intent.current;
      if (!mark) return;
      const box = mark.getBoundingClientRect();
      if (box.bottom < 0 || box.top > innerHeight) intent.dismiss();
    },
    // An in-app navigation is a new page: the surname rule and first mentions start over.
    "wxt:locationchange"() {
      intent.dismiss();
      jumpPositions.clear();
      // The new view's text arrives as added nodes, which the observer hands to the pass; marks
      // of text that stays on screen stay.
      if (!pass) return;
      pass.onNavigation();
      // Tab stops the old view took with it pass on; the badge hears of the marks it took.
      if (forgetLostMarks()) reportCounts();
      // A new view deserves a new chance, even on a page that fought our marks before.
      if (!stopObserving) observe();
    },
    // Back/forward cache: the page comes back as it was, and the background cleared its badge.
    pageshow(event: PageTransitionEvent) {
      if (event.persisted) reportCounts();
    },
    // What the reader copies carries the words, none of our marks' attributes (dom/copy.ts).
    copy() {
      const restore = stripMarksForCopy(getSelection());
      if (restore) ctx.setTimeout(restore, 0);
    },
    dragstart(event: DragEvent) {
      stripMarksFromDragData(event.dataTransfer);
    },
  };

  const unwatch = disabledSites.watch((disabled) => {
    if (isAnySiteOff(disabled, sites)) stop();
    else start();
  });
  const unwatchModes = markModeOverrides.watch((overrides) => {
    modeOverrides = overrides;
    remark();
  });
  ctx.onInvalidated(() => {
    unwatch();
    unwatchModes();
    stop();
  });

  const enabled = await isSiteEnabled(...sites);
  starting = false;
  if (enabled) start();
  else reportCounts();
}
