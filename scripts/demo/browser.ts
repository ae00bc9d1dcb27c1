/**
 * Chromium with the built extension loaded, for the demo and the real-browser tests: launch,
 * find the extension id from its service worker, find a page's tab id, open the popup for a tab.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page, type Worker } from "playwright-core";
import { STORED_SIEVE_KEY, type StoredSieve } from "../../lib/settings/sieve-store";
import { CHROMIUM_PATH, EXTENSION_DIR } from "../paths";

export { CHROMIUM_PATH, EXTENSION_DIR };

/** `storage.local` as the extension's own scripts see it (no @types/chrome), for code run there. */
export interface LocalStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** A value in the extension's `storage.local`, read in its service worker. */
export function readExtensionStorage(worker: Worker, key: string): Promise<unknown> {
  return worker.evaluate(async (name) => {
    const scope = globalThis as unknown as { chrome: { storage: { local: LocalStorageArea } } };
    return (await scope.chrome.storage.local.get(name))[name];
  }, key);
}

/** The background stores its page sieve once it has started: a moment after the extension loads. */
const STORED_SIEVE_TIMEOUT_MS = 10_000;
const STORED_SIEVE_POLL_MS = 100;

/**
 * The page sieve the background stored (decision 0009), once it has: read from its service
 * worker until it is there; throws if it never comes.
 */
export async function waitForStoredSieve(worker: Worker): Promise<StoredSieve> {
  const deadline = Date.now() + STORED_SIEVE_TIMEOUT_MS;
  for (;;) {
    const record = await readExtensionStorage(worker, STORED_SIEVE_KEY);
    if (record) return record as StoredSieve;
    if (Date.now() > deadline)
      throw new Error(`the background stored no page sieve within ${STORED_SIEVE_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, STORED_SIEVE_POLL_MS));
  }
}

/** Writes a value in the extension's `storage.local`, from its service worker. */
export async function writeExtensionStorage(
  worker: Worker,
  key: string,
  value: unknown,
): Promise<void> {
  await worker.evaluate(
    async ([name, stored]) => {
      const scope = globalThis as unknown as { chrome: { storage: { local: LocalStorageArea } } };
      await scope.chrome.storage.local.set({ [name]: stored });
    },
    [key, value] as const,
  );
}

/** The part of the extension API the helpers call inside the service worker (no @types/chrome). */
interface TabsApi {
  tabs: {
    query(filter: {
      url?: string;
      active?: boolean;
      lastFocusedWindow?: boolean;
    }): Promise<{ id?: number; url?: string }[]>;
  };
}
declare const chrome: TabsApi;

/** A cold Chromium on two cores takes about 2 s to start the worker; leave room for a busy CI. */
const SERVICE_WORKER_TIMEOUT_MS = 30_000;

export interface ExtensionBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  extensionDir?: string;
  headless?: boolean;
  colorScheme?: "light" | "dark";
  viewport?: { width: number; height: number };
  /** A touch screen (taps), as on a phone or tablet. */
  hasTouch?: boolean;
  /** Let Playwright close the browser on Ctrl-C (default); the demo does it itself. */
  handleSignals?: boolean;
  /** More Chromium flags, after the quiet ones (a test's host mapping). */
  extraArgs?: readonly string[];
}

/**
 * Flags that keep the browser from reaching the network by itself (this machine has none, and
 * the extension promises that nothing leaves the browser), shared by the demo, tests, sweep and
 * bench.
 */
export const QUIET_CHROMIUM_FLAGS: readonly string[] = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The quiet flags, loading only our extension. */
export function chromiumArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    ...QUIET_CHROMIUM_FLAGS,
  ];
}

export function extensionIdFromUrl(workerUrl: string): string {
  const match = /^chrome-extension:\/\/([a-p]{32})\//.exec(workerUrl);
  if (!match?.[1]) throw new Error(`Not an extension service worker: ${workerUrl}`);
  return match[1];
}

async function extensionServiceWorker(context: BrowserContext): Promise<Worker> {
  const isExtension = (worker: Worker): boolean => worker.url().startsWith("chrome-extension://");
  const running = context.serviceWorkers().find(isExtension);
  if (running) return running;
  return context.waitForEvent("serviceworker", {
    predicate: isExtension,
    timeout: SERVICE_WORKER_TIMEOUT_MS,
  });
}

/** Launches Chromium with a fresh profile and the extension; fails clearly if it is not built. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, "manifest.json"))) {
    throw new Error(
      `No built extension at ${extensionDir}: build it first (\`npm run build\`, or \`npm run build:measure\` for the bench's).`,
    );
  }
  const context = await chromium.launchPersistentContext("", {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args: [...chromiumArgs(extensionDir), ...(options.extraArgs ?? [])],
    handleSIGINT: options.handleSignals ?? true,
    handleSIGTERM: options.handleSignals ?? true,
    handleSIGHUP: options.handleSignals ?? true,
    ...(options.colorScheme === undefined ? {} : { colorScheme: options.colorScheme }),
    ...(options.viewport === undefined ? {} : { viewport: options.viewport }),
    ...(options.hasTouch === undefined ? {} : { hasTouch: options.hasTouch }),
  });
  try {
    const serviceWorker = await extensionServiceWorker(context);
    return {
      context,
      serviceWorker,
      extensionId: extensionIdFromUrl(serviceWorker.url()),
      close: () => context.close(),
    };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/**
 * The tab id of a page, asked of the extension's service worker. Matching by URL needs the
 * "tabs" permission (or host permission); without it the URL is hidden, so fall back to the
 * active tab after bringing the page to the front.
 */
export async function tabIdOf(browser: ExtensionBrowser, page: Page): Promise<number> {
  const pageUrl = page.url();
  const byUrl = await browser.serviceWorker.evaluate(async (url: string) => {
    const tabs = await chrome.tabs.query({ url: "http://127.0.0.1/*" });
    return tabs.find((tab) => tab.url === url)?.id;
  }, pageUrl);
  if (byUrl !== undefined) return byUrl;

  await page.bringToFront();
  const active = await browser.serviceWorker.evaluate(async () => {
    const tabs = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tabs.map((tab) => tab.id);
  });
  const [onlyActive] = active;
  if (active.length !== 1 || onlyActive === undefined) {
    throw new Error(`Cannot tell the tab id of ${pageUrl}: ${active.length} active tabs.`);
  }
  return onlyActive;
}

export function popupUrl(extensionId: string, tabId?: number): string {
  const query = tabId === undefined ? "" : `?tab=${tabId}`;
  return `chrome-extension://${extensionId}/popup.html${query}`;
}

/** Opens the popup as a tab, pointed at the tab that shows `page`. */
export async function openPopupFor(browser: ExtensionBrowser, page: Page): Promise<Page> {
  const tabId = await tabIdOf(browser, page);
  const popup = await browser.context.newPage();
  await popup.goto(popupUrl(browser.extensionId, tabId));
  return popup;
}
