import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import { formatPageSummary } from "~/lib/cards/citation";
import type { CardData } from "~/lib/cards/card-data";
import type {
  BackgroundRequest,
  CardsResponse,
  PageSummary,
  TabRequest,
} from "~/lib/messaging/protocol";
import { setSiteEnabled } from "~/lib/settings/settings";
import { summarizePage } from "~/lib/summary/page-summary";
import { Popup, type PopupState } from "~/lib/ui/Popup";
import "./popup.css";

/** The tab to summarise: `?tab=<id>` (tests open the popup as a page), else the active tab. */
async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get("tab"));
  if (Number.isSafeInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function sendToTab<T>(tabId: number, request: TabRequest): Promise<T | undefined> {
  return browser.tabs.sendMessage(tabId, request).then(
    (response) => response as T,
    () => undefined,
  );
}

async function loadCards(entities: string[]): Promise<CardData[]> {
  const request: BackgroundRequest = { type: "cards", entities };
  const response = (await browser.runtime.sendMessage(request)) as CardsResponse | undefined;
  return response?.cards ?? [];
}

function App() {
  const [state, setState] = useState<PopupState>({ status: "loading" });
  const [page, setPage] = useState<{ tabId: number; summary: PageSummary } | null>(null);

  const refresh = async () => {
    const tabId = await targetTabId();
    const summary =
      tabId === undefined
        ? undefined
        : await sendToTab<PageSummary>(tabId, { type: "page-summary" });
    if (tabId === undefined || !summary) return setState({ status: "unavailable" });
    const cards = await loadCards(summary.entities.map((item) => item.entity));
    setPage({ tabId, summary });
    setState({
      status: "ready",
      enabled: summary.enabled,
      hostname: new URL(summary.url).hostname,
      view: summarizePage(summary.entities, cards),
    });
  };

  useEffect(() => {
    void refresh();
  }, []);

  return (
    <Popup
      state={state}
      onJump={(entity) => {
        if (page) void sendToTab(page.tabId, { type: "jump", entity });
      }}
      onToggleSite={(enabled) => {
        if (state.status !== "ready") return;
        // The content script watches this setting and marks or unmarks at once.
        void setSiteEnabled(state.hostname, enabled).then(() =>
          setTimeout(() => void refresh(), 50),
        );
      }}
      onOpenSettings={() => void browser.runtime.openOptionsPage()}
      onCopySummary={() => {
        if (state.status !== "ready" || !page) return;
        const entries = [...state.view.people, ...state.view.organizations];
        void navigator.clipboard.writeText(
          formatPageSummary({ title: page.summary.title, url: page.summary.url }, entries),
        );
      }}
    />
  );
}

export function mountPopup(root: HTMLElement) {
  render(<App />, root);
}

const root = document.getElementById("app");
if (root) mountPopup(root);
