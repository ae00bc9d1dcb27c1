/**
 * The two browsers of the sweep: Chromium with the extension (one per worker, since the reader's
 * "off for this site" setting is per profile) and a plain Chromium without it. Both get the same
 * network rule and the same frozen clock and randomness, so a saved page's own scripts behave the
 * same in both.
 */
import { chromium, type Browser, type BrowserContext, type ConsoleMessage } from "playwright-core";
import {
  CHROMIUM_PATH,
  launchWithExtension,
  QUIET_CHROMIUM_FLAGS,
  type ExtensionBrowser,
} from "../demo/browser";

/** The viewport every page is laid out in, with and without the extension. */
export const VIEWPORT = { width: 1280, height: 900 };
/** The instant the pages' clocks show: the week of the articles, so "x days ago" is stable. */
export const FROZEN_TIME = new Date("2026-01-28T12:00:00Z");
/** The pages' own timers run for this long (on their paused clock) after load, then stop. */
export const PAGE_TIMERS_MS = 2_000;

/** Seeds Math.random in every document, so page scripts that use it repeat themselves. */
const SEEDED_RANDOM_SCRIPT = `(() => {
  let state = 0x5eed;
  Math.random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();`;

export interface RequestLog {
  /** Requests aborted because they were not for the sweep's server. */
  blocked: number;
  blockedUrls: string[];
}

/** The first few blocked URLs are kept for the report; the count covers all. */
const BLOCKED_URLS_KEPT = 5;

/**
 * Lets through only requests for the sweep's server (and the extension's own files), counts the
 * rest and aborts them; freezes the pages' clock and seeds their randomness.
 */
export async function prepareContext(
  context: BrowserContext,
  serverUrl: string,
  log: RequestLog,
): Promise<void> {
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${serverUrl}/`) || url.startsWith("chrome-extension://")) {
      await route.continue();
      return;
    }
    // Saved pages that upgrade themselves to https (`location = document.URL.replace(/^http:/,
    // "https:")`) would land on Chrome's error page, where no extension runs: serve the same
    // file for the https form of our own address, in both browsers alike.
    const secureServer = serverUrl.replace(/^http:/, "https:");
    if (url.startsWith(`${secureServer}/`)) {
      const response = await route.fetch({ url: serverUrl + url.slice(secureServer.length) });
      await route.fulfill({ response });
      return;
    }
    log.blocked += 1;
    if (log.blockedUrls.length < BLOCKED_URLS_KEPT) log.blockedUrls.push(url);
    await route.abort("blockedbyclient");
  });
  await context.addInitScript({ content: SEEDED_RANDOM_SCRIPT });
  // Installing starts the fake clock running; pause it a moment later (it cannot pause in the past).
  await context.clock.install({ time: FROZEN_TIME.getTime() - CLOCK_INSTALL_LEAD_MS });
  await context.clock.pauseAt(FROZEN_TIME);
}

/** Room for the clock to run between installing and pausing it, on a busy machine. */
const CLOCK_INSTALL_LEAD_MS = 60_000;

/** Before each page: back to the frozen instant, so every load starts at the same time. */
export async function rewindClock(context: BrowserContext): Promise<void> {
  await context.clock.setSystemTime(FROZEN_TIME);
}

export async function launchExtension(extensionDir: string): Promise<ExtensionBrowser> {
  return launchWithExtension({ extensionDir, viewport: VIEWPORT });
}

export async function launchPlain(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...QUIET_CHROMIUM_FLAGS],
  });
}

export function describeConsole(message: ConsoleMessage): string {
  const location = message.location();
  const where = location.url ? ` (${location.url}:${location.lineNumber})` : "";
  return `${message.text()}${where}`;
}
