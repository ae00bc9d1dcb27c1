/**
 * Firefox with the built extension installed, for the real-browser tests: launch, open the
 * extension's own pages, find a page's tab id, open the popup for a tab. The Firefox counterpart
 * of ./browser.ts. Puppeteer drives the system's Firefox over WebDriver BiDi; Playwright's Firefox
 * would need Playwright's own patched build (docs/decisions/0008-firefox-runtime-tests.md).
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { PROJECT_ROOT } from "../paths";

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
export const FIREFOX_EXTENSION_DIR = join(PROJECT_ROOT, ".output/firefox-mv2");

/** An extension page loads in well under a second; leave room for a busy two-core CI machine. */
const EXTENSION_PAGE_TIMEOUT_MS = 10_000;
const EXTENSION_PAGE_POLL_MS = 100;
/** A poll of the tab not answered in this long (it is moving to another process) is no answer. */
const EXTENSION_PAGE_ANSWER_MS = 500;

export interface FirefoxExtensionBrowser {
  browser: Browser;
  /** The host of the extension's pages, `moz-extension://<uuid>/`, fixed before install. */
  extensionUuid: string;
  close(): Promise<void>;
}

/** The part of the extension API the helpers call inside an extension page. */
interface TabsApi {
  tabs: {
    query(filter: { active?: boolean; currentWindow?: boolean }): Promise<{ id?: number }[]>;
  };
}

/** The add-on id Firefox knows the extension by, from the built manifest. */
export function geckoIdOf(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, "manifest.json"), "utf8")) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`No gecko id in ${extensionDir}/manifest.json.`);
  return id;
}

/**
 * Launches headless Firefox with a fresh profile and installs the extension as a temporary
 * add-on; fails clearly if Firefox or the build is missing. `prefs` are added to the profile's.
 */
export async function launchFirefoxWithExtension(
  extensionDir = FIREFOX_EXTENSION_DIR,
  prefs: Record<string, unknown> = {},
): Promise<FirefoxExtensionBrowser> {
  if (!existsSync(join(extensionDir, "manifest.json"))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build:firefox\` first.`);
  }
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(
      `No Firefox at ${FIREFOX_PATH}: \`apt-get install -y firefox-esr\`, or set FIREFOX_PATH.`,
    );
  }
  const geckoId = geckoIdOf(extensionDir);
  const extensionUuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX_PATH,
    headless: true,
    // WebDriver BiDi refuses to navigate a tab to moz-extension:// (the popup) without this.
    args: ["--remote-allow-system-access"],
    extraPrefsFirefox: {
      // Firefox gives each add-on a random UUID as its pages' host; fixing it before install is
      // how the tests know where popup.html is.
      "extensions.webextensions.uuids": JSON.stringify({ [geckoId]: extensionUuid }),
      ...prefs,
    },
  });
  try {
    const installed = await browser.installExtension(extensionDir);
    if (installed !== geckoId) throw new Error(`Installed ${installed}, expected ${geckoId}.`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return { browser, extensionUuid, close: () => browser.close() };
}

export function firefoxPopupUrl(extensionUuid: string, tabId?: number): string {
  const query = tabId === undefined ? "" : `?tab=${tabId}`;
  return `moz-extension://${extensionUuid}/popup.html${query}`;
}

/**
 * Whether the tab shows `url`, loaded. Asked afresh each time, not with `waitForFunction`: on
 * Firefox ESR 140 a wait started before the tab moved to the extension's process stays in the
 * realm it started in and never sees the page. A poll that lands during the move can fail inside
 * Firefox's remote agent ("right-hand side of 'in' should be an object, got null", seen in a
 * clean-clone CI run) or not answer at all: that is no answer yet.
 */
async function isShowing(page: Page, url: string): Promise<boolean> {
  const answer = page
    .evaluate(
      (expected: string) => location.href === expected && document.readyState === "complete",
      url,
    )
    .catch(() => false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const noAnswer = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), EXTENSION_PAGE_ANSWER_MS);
  });
  // Cleared either way, so a quick answer leaves no timer holding the process open.
  return Promise.race([answer, noAnswer]).finally(() => clearTimeout(timer));
}

/**
 * Opens one of the extension's pages in a new tab. Puppeteer never sees such a navigation finish
 * (the tab moves to the extension's process; puppeteer/puppeteer#14314), so wait for the page's
 * own location and readiness instead, then drop the navigation.
 */
export async function openExtensionPage(
  firefox: FirefoxExtensionBrowser,
  url: string,
): Promise<Page> {
  const page = await firefox.browser.newPage();
  const navigation = new AbortController();
  const navigated = page.goto(url, { signal: navigation.signal, timeout: 0 }).then(
    () => undefined,
    (error: unknown) => error,
  );
  const deadline = Date.now() + EXTENSION_PAGE_TIMEOUT_MS;
  while (!(await isShowing(page, url))) {
    if (Date.now() > deadline) {
      navigation.abort();
      const cause = await navigated;
      await page.close();
      const why = cause instanceof Error ? ` (navigation: ${cause.message.split("\n")[0]})` : "";
      throw new Error(`Could not open ${url}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, EXTENSION_PAGE_POLL_MS));
  }
  navigation.abort();
  await navigated;
  return page;
}

/**
 * The tab id of a page, asked of an extension page. Without the "tabs" permission Firefox hides
 * every web tab's URL from the extension (its content-script patterns are not host permissions in
 * MV2), so unlike Chromium there is no matching by URL: bring the page to the front and ask for
 * the active tab.
 */
export async function firefoxTabIdOf(extensionPage: Page, page: Page): Promise<number> {
  await page.bringToFront();
  const active = await extensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser: TabsApi }).browser;
    const tabs = await api.tabs.query({ active: true, currentWindow: true });
    return tabs.map((tab) => tab.id);
  });
  const [onlyActive] = active;
  if (active.length !== 1 || onlyActive === undefined) {
    throw new Error(`Cannot tell the tab id of ${page.url()}: ${active.length} active tabs.`);
  }
  return onlyActive;
}

/** Opens the popup as a tab, pointed at the tab that shows `page` (as `openPopupFor` does). */
export async function openFirefoxPopupFor(
  firefox: FirefoxExtensionBrowser,
  page: Page,
): Promise<Page> {
  // Any extension page can ask for tab ids: the popup without a tab is the one at hand.
  const finder = await openExtensionPage(firefox, firefoxPopupUrl(firefox.extensionUuid));
  let tabId: number;
  try {
    tabId = await firefoxTabIdOf(finder, page);
  } finally {
    await finder.close();
  }
  return openExtensionPage(firefox, firefoxPopupUrl(firefox.extensionUuid, tabId));
}
