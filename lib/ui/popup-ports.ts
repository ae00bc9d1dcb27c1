/** The popup's browser calls (lib/ui/popup-session.ts's ports), over an injected browser API. */
import type { CardData } from "../cards/card-data";
import {
  TOP_FRAME_ID,
  type BackgroundRequest,
  type CardsResponse,
  type TabRequest,
} from "../messaging/protocol";
import type { PopupPorts, PopupTab } from "./popup-session";

interface TabInfo {
  id?: number;
  status?: string;
}

interface Injection {
  target: { tabId: number; frameIds: number[] };
  files: string[];
}

/** The parts of `browser` the popup uses. */
export interface PopupBrowser {
  tabs: {
    get(tabId: number): Promise<TabInfo>;
    query(query: { active: boolean; currentWindow: boolean }): Promise<TabInfo[]>;
    sendMessage(tabId: number, message: TabRequest, options: { frameId: number }): Promise<unknown>;
  };
  runtime: {
    sendMessage(message: BackgroundRequest): Promise<unknown>;
    getManifest(): { content_scripts?: { js?: string[] }[] };
  };
  /** Absent where the browser has no scripting API (or the manifest no such permission). */
  scripting?: {
    executeScript(injection: Injection): Promise<unknown>;
  };
}

/**
 * Ports for the popup. `search` is the popup's query string: `?tab=<id>` names the tab (tests
 * open the popup as a page), else the active tab is summarised.
 */
export function createPopupPorts(
  api: PopupBrowser,
  search: string,
  ports: Pick<PopupPorts, "setSiteEnabled" | "writeClipboard" | "schedule">,
): PopupPorts {
  const fromQuery = Number(new URLSearchParams(search).get("tab"));
  return {
    ...ports,
    async findTab(): Promise<PopupTab | undefined> {
      const tab =
        Number.isSafeInteger(fromQuery) && fromQuery > 0
          ? await api.tabs.get(fromQuery)
          : (await api.tabs.query({ active: true, currentWindow: true }))[0];
      return tab?.id === undefined ? undefined : { id: tab.id, loading: tab.status === "loading" };
    },
    // Only the page itself: with frames on, a frame (an ad) would answer with its own counts
    // and address, and the site switch would turn off the ad's site.
    askPage: (tabId, request) =>
      api.tabs.sendMessage(tabId, request, { frameId: TOP_FRAME_ID }).catch(() => undefined),
    // The manifest's own content script, as the browser would have run it (it puts in its own
    // styles): the reader's click on the toolbar button grants this tab (activeTab). The page's
    // top frame only, as the popup asks only it.
    async startPage(tabId) {
      const [declared] = api.runtime.getManifest().content_scripts ?? [];
      if (!api.scripting || !declared?.js?.length) return false;
      try {
        await api.scripting.executeScript({
          target: { tabId, frameIds: [TOP_FRAME_ID] },
          files: declared.js,
        });
        return true;
      } catch {
        // The browser's own pages, the stores, a site the reader keeps it away from.
        return false;
      }
    },
    async loadCards(entities): Promise<CardData[]> {
      const response = (await api.runtime.sendMessage({ type: "cards", entities })) as
        CardsResponse | undefined;
      if (!Array.isArray(response?.cards)) throw new Error("The background did not answer.");
      return response.cards;
    },
  };
}
