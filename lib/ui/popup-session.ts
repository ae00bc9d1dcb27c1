/**
 * The popup's conversation with its tab: ask the tab's top frame for its summary, parse it, ask
 * again while the page is still loading or still marking (or has not yet caught up with the
 * site switch), and turn the answers into what the popup shows. Browser calls and timers come
 * in as ports, so the whole conversation is tested with plain objects.
 */
import type { CardData } from "../cards/card-data";
import { formatPageSummary } from "../cards/citation";
import {
  parseJumpResponse,
  parsePageSummary,
  type PageSummary,
  type TabRequest,
} from "../messaging/protocol";
import { siteOfHost } from "../settings/settings";
import { summarizePage } from "../summary/page-summary";
import type { Notice, PopupState } from "./Popup";

/**
 * How often the popup asks a page that is still loading or marking. A first pass runs in
 * slices over a second or two on a long page; four answers a second follow it closely for the
 * cost of one message to the page and one to the background each time.
 */
export const PAGE_POLL_INTERVAL_MS = 250;
/**
 * How many times the popup asks again before it stops (30 s). A page that never finishes
 * loading (a stream, a stuck request) or a pass that never ends must not have an open popup
 * messaging it for as long as it stays open; the popup then says to open it again.
 */
export const MAX_PAGE_POLLS = 120;

export const NOTICE_COPIED = "Copied";
export const NOTICE_NOT_COPIED = "Could not copy";
export const NOTICE_MENTION_GONE = "That mention is no longer on the page";

export interface PopupTab {
  id: number;
  /** `tabs.Tab.status === "loading"`: a silent content script may simply not have run yet. */
  loading: boolean;
}

export interface PopupPorts {
  /** The tab to summarise, or undefined when there is none. */
  findTab(): Promise<PopupTab | undefined>;
  /** The raw answer of the tab's top frame (untrusted), or undefined when nothing answers. */
  askPage(tabId: number, request: TabRequest): Promise<unknown>;
  /**
   * Runs the content script in a loaded tab where none answers (a page open since before the
   * extension was installed or updated, or a site the reader gives access to on click only);
   * false when the browser refuses (its own pages, the stores, no access granted).
   */
  startPage(tabId: number): Promise<boolean>;
  /** Cards from the background; rejects when the background does not answer. */
  loadCards(entities: string[]): Promise<CardData[]>;
  setSiteEnabled(site: string, enabled: boolean): Promise<void>;
  writeClipboard(text: string): Promise<void>;
  /** Runs `run` once after `delayMs`; returns a function that cancels it. */
  schedule(run: () => void, delayMs: number): () => void;
}

export interface PopupView {
  state: PopupState;
  notice: Notice | null;
}

/**
 * What one round of asking found: a state to show (null: keep the current one), and whether to
 * ask again; with a summary, the page it came from, and whether it ends the wait for the site
 * switch. Nothing is kept until the round is known to be current: an answer from before the
 * switch must not end the wait for it.
 */
interface Round {
  state: PopupState | null;
  again: boolean;
  page?: { tabId: number; summary: PageSummary };
  caughtUp?: boolean;
}

const UNAVAILABLE: Round = { state: { status: "unavailable" }, again: false };

/** The state to leave on screen when the popup stops asking before the page is done. */
function gaveUp(state: PopupState): PopupState {
  if (state.status === "ready") return { ...state, reading: "gave-up" };
  if (state.status === "page-loading") return { ...state, asking: false };
  return { status: "unavailable" };
}

export function createPopupSession(ports: PopupPorts, onChange: (view: PopupView) => void) {
  let state: PopupState = { status: "loading" };
  let notice: Notice | null = null;
  let page: { tabId: number; summary: PageSummary } | null = null;
  /** After the site switch: answers that do not show this yet are from before it. */
  let awaitedEnabled: boolean | null = null;
  let polls = 0;
  let cancelPoll: (() => void) | null = null;
  /** Each refresh counts up; an answer to an older one is stale and dropped. */
  let round = 0;
  let stopped = false;
  /** The tab the popup ran the content script in, once: a second would only replace the first. */
  let startedIn: number | null = null;

  const publish = () => {
    if (!stopped) onChange({ state, notice });
  };

  const stopPolling = () => {
    cancelPoll?.();
    cancelPoll = null;
  };

  const say = (text: string) => {
    notice = { id: (notice?.id ?? 0) + 1, text };
    publish();
  };

  async function readPage(): Promise<Round> {
    const tab = await ports.findTab();
    if (!tab) return UNAVAILABLE;
    const answer = await ports.askPage(tab.id, { type: "page-summary" });
    if (answer === undefined) {
      if (tab.loading) return { state: { status: "page-loading", asking: true }, again: true };
      // Started by us: it answers once it has read its settings, within the polls' limit.
      if (startedIn === tab.id) return { state: null, again: true };
      if (!(await ports.startPage(tab.id))) return UNAVAILABLE;
      startedIn = tab.id;
      return { state: state.status === "ready" ? null : { status: "loading" }, again: true };
    }
    const summary = parsePageSummary(answer);
    if (!summary) return UNAVAILABLE;
    if (awaitedEnabled !== null && summary.enabled !== awaitedEnabled) {
      return { state: null, again: true };
    }
    if (summary.progress === "starting") {
      return { state: state.status === "ready" ? null : { status: "loading" }, again: true };
    }
    const cards = await ports.loadCards(summary.entities.map((item) => item.entity));
    const done = summary.progress === "done";
    return {
      page: { tabId: tab.id, summary },
      caughtUp: done,
      state: {
        status: "ready",
        enabled: summary.enabled,
        site: siteOfHost(new URL(summary.url).hostname),
        view: summarizePage(summary.entities, cards),
        reading: done ? "done" : "asking",
      },
      again: !done,
    };
  }

  /** Asks the page; `restart` begins a new series of polls (after an action of the reader's). */
  async function refresh(restart: boolean): Promise<void> {
    if (restart) {
      polls = 0;
      stopPolling();
    }
    const current = ++round;
    let next: Round;
    try {
      next = await readPage();
    } catch {
      // The background or the tab failed in a way a retry would not mend.
      next = UNAVAILABLE;
    }
    if (stopped || current !== round) return;
    if (next.page) page = next.page;
    if (next.caughtUp) awaitedEnabled = null;
    if (next.state) state = next.state;
    if (next.again) {
      if (polls < MAX_PAGE_POLLS) {
        polls += 1;
        cancelPoll = ports.schedule(() => {
          cancelPoll = null;
          void refresh(false);
        }, PAGE_POLL_INTERVAL_MS);
      } else {
        awaitedEnabled = null;
        state = gaveUp(state);
      }
    }
    publish();
  }

  return {
    start(): Promise<void> {
      publish();
      return refresh(true);
    },

    /** The popup closed: no more asking, no more updates. */
    stop(): void {
      stopped = true;
      stopPolling();
    },

    async jump(entity: string): Promise<void> {
      if (!page) return;
      const answer = await ports.askPage(page.tabId, { type: "jump", entity });
      if (parseJumpResponse(answer).found) return;
      // The page removed the mention (or went away): say so, and show what is there now.
      say(NOTICE_MENTION_GONE);
      await refresh(true);
    },

    async toggleSite(enabled: boolean): Promise<void> {
      if (state.status !== "ready") return;
      const { site } = state;
      // Answers already on their way are from before the switch.
      round += 1;
      stopPolling();
      // The switch shows the reader's choice at once; the page's answers catch up with it.
      awaitedEnabled = enabled;
      state = { ...state, enabled, reading: "asking" };
      publish();
      try {
        await ports.setSiteEnabled(site, enabled);
      } catch {
        state = { status: "unavailable" };
        publish();
        return;
      }
      await refresh(true);
    },

    async copySummary(): Promise<void> {
      if (state.status !== "ready" || !page) return;
      const entries = [...state.view.people, ...state.view.organizations];
      const text = formatPageSummary(page.summary, entries);
      try {
        await ports.writeClipboard(text);
        say(NOTICE_COPIED);
      } catch {
        say(NOTICE_NOT_COPIED);
      }
    },
  };
}
