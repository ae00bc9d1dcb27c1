/**
 * The extension's service worker as Chrome runs it: stopped when idle (30 s in Chrome; at once
 * here, through the DevTools protocol) and started again by the next event it listens to. After
 * a stop, Playwright's `Worker` for it is closed for good, so the helpers here read the browser's
 * extension state from an extension page instead.
 */
import type { CDPSession, Page } from "playwright-core";
import type { ExtensionBrowser } from "../../../scripts/demo/browser";

/** A stop takes a few milliseconds; a busy machine may delay the protocol's events. */
const STATUS_TIMEOUT_MS = 10_000;

/** `ServiceWorker.ServiceWorkerVersionRunningStatus` of the DevTools protocol. */
export type RunningStatus = "stopped" | "starting" | "running" | "stopping";

interface VersionsUpdated {
  versions: { scriptURL: string; runningStatus: RunningStatus }[];
}

export interface ServiceWorkerWatch {
  /** The extension worker's latest running status, as the protocol last reported it. */
  status(): RunningStatus | undefined;
  /** How many times the worker has been started since the watch began. */
  starts(): number;
  /** Stops every service worker (ours is the only one) and waits until ours is stopped. */
  stop(): Promise<void>;
  /** Waits until the worker has the given status. */
  waitFor(status: RunningStatus): Promise<void>;
  close(): Promise<void>;
}

/**
 * Watches the extension's service worker through the `ServiceWorker` domain of a blank page's
 * DevTools session: the page is outside the worker's scope, so watching it starts nothing.
 */
export async function watchServiceWorker(browser: ExtensionBrowser): Promise<ServiceWorkerWatch> {
  const prefix = `chrome-extension://${browser.extensionId}/`;
  const page = await browser.context.newPage();
  const session: CDPSession = await browser.context.newCDPSession(page);
  let status: RunningStatus | undefined;
  let starts = 0;
  const waiters = new Set<() => void>();
  session.on("ServiceWorker.workerVersionUpdated", (event: VersionsUpdated) => {
    for (const version of event.versions) {
      if (!version.scriptURL.startsWith(prefix)) continue;
      if (version.runningStatus === "starting" && status !== "starting") starts += 1;
      status = version.runningStatus;
    }
    for (const wake of waiters) wake();
  });
  await session.send("ServiceWorker.enable");

  const waitFor = (wanted: RunningStatus) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (status !== wanted) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`the service worker was ${status}, never ${wanted}`));
      }, STATUS_TIMEOUT_MS);
      waiters.add(check);
      check();
    });

  return {
    status: () => status,
    starts: () => starts,
    async stop() {
      await session.send("ServiceWorker.stopAllWorkers");
      await waitFor("stopped");
    },
    waitFor,
    async close() {
      await session.detach().catch(() => undefined);
      await page.close();
    },
  };
}

/** What opening the extension's pages takes: the browser's context and the extension's id. */
export type ExtensionPages = Pick<ExtensionBrowser, "context" | "extensionId">;

/**
 * An extension page (the options page) to call extension APIs from once the worker's `Worker`
 * is gone. Opening it starts the worker: open it after the event under test.
 */
export async function openExtensionPage(browser: ExtensionPages): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  return page;
}

/** What the code run in an extension page calls (no @types/chrome). */
interface ExtensionApi {
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
  storage: { local: { remove(key: string): Promise<void> } };
  tabs: {
    query(filter: { active: boolean; lastFocusedWindow: boolean }): Promise<{ id?: number }[]>;
  };
}

/**
 * The tab id of a page, asked from an extension page (it starts the worker: call it before a
 * stop). Without the "tabs" permission a tab's address is hidden, so the page is brought to the
 * front and the active tab is the one.
 */
export async function tabIdFromExtensionPage(browser: ExtensionPages, page: Page): Promise<number> {
  const extensionPage = await openExtensionPage(browser);
  try {
    await page.bringToFront();
    const active = await extensionPage.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
      const tabs = await api.tabs.query({ active: true, lastFocusedWindow: true });
      return tabs.map((tab) => tab.id);
    });
    const [only] = active;
    if (active.length !== 1 || only === undefined) {
      throw new Error(`Cannot tell the tab id of ${page.url()}: ${active.length} active tabs.`);
    }
    return only;
  } finally {
    await extensionPage.close();
  }
}

/** The toolbar badge text of a tab, read from an extension page. */
export function badgeTextFrom(extensionPage: Page, tabId: number): Promise<string> {
  return extensionPage.evaluate(
    (id) =>
      (globalThis as unknown as { chrome: ExtensionApi }).chrome.action.getBadgeText({ tabId: id }),
    tabId,
  );
}

/** Removes a key from the extension's `storage.local`, from an extension page. */
export function removeStoredFrom(extensionPage: Page, key: string): Promise<void> {
  return extensionPage.evaluate(
    (name) => (globalThis as unknown as { chrome: ExtensionApi }).chrome.storage.local.remove(name),
    key,
  );
}
