/**
 * Real-browser test harness: the demo site on a loopback server, Chromium with the built extension,
 * and helpers to read marks, open the card and open the popup for a tab.
 *
 *   const harness = await startHarness();      // in beforeAll
 *   const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
 *   await harness.stop();                      // in afterAll
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import type { StoredSieve } from "../../../lib/settings/sieve-store";
import {
  launchWithExtension,
  openPopupFor,
  tabIdOf,
  type ExtensionBrowser,
  type LaunchOptions,
} from "../../../scripts/demo/browser";
import { MARK_SELECTOR, waitForMarks } from "../../../scripts/demo/screenshots";
import { startStaticServer, type StaticServer } from "../../../scripts/demo/server";
import { writeDemoSite, type DemoSite } from "../../../scripts/demo/site";
import { PROJECT_ROOT } from "../../../scripts/paths";

export { articlePath, LOOKALIKES_PATH } from "../../../scripts/demo/site";
export {
  CARD_SELECTOR,
  CARD_TIMEOUT_MS,
  DEMO_ARTICLE_ID,
  MARK_SELECTOR,
  markOf,
  MARKS_TIMEOUT_MS,
  openCard,
  POPUP_EMPTY_SELECTOR,
  POPUP_ENTITY_SELECTOR,
  POPUP_TIMEOUT_MS,
  waitForMarks,
} from "../../../scripts/demo/screenshots";
export { openPopupFor, tabIdOf };

export interface Harness {
  browser: ExtensionBrowser;
  server: StaticServer;
  site: DemoSite;
  /** A new tab at a site path, loaded. */
  open(path: string): Promise<Page>;
  stop(): Promise<void>;
}

export interface DemoSiteServer {
  server: StaticServer;
  site: DemoSite;
  stop(): Promise<void>;
}

/** Writes the demo site to a temporary folder and serves it on loopback (for either browser). */
export async function serveDemoSite(): Promise<DemoSiteServer> {
  const siteRoot = mkdtempSync(join(tmpdir(), "receipts-demo-"));
  const site = writeDemoSite(siteRoot);
  const server = await startStaticServer({ root: siteRoot });
  return {
    server,
    site,
    async stop() {
      await server.close();
      rmSync(siteRoot, { recursive: true, force: true });
    },
  };
}

/** Serves the demo site and launches Chromium with the extension. */
export async function startHarness(options: LaunchOptions = {}): Promise<Harness> {
  const demo = await serveDemoSite();
  let browser: ExtensionBrowser;
  try {
    browser = await launchWithExtension(options);
  } catch (error) {
    await demo.stop();
    throw error;
  }
  return {
    browser,
    server: demo.server,
    site: demo.site,
    async open(path) {
      const page = await browser.context.newPage();
      await page.goto(demo.server.url + path);
      return page;
    },
    async stop() {
      await browser.close();
      await demo.stop();
    },
  };
}

export interface MarkInfo {
  entity: string;
  how: string;
  text: string;
}

/**
 * Runs in the page, on every mark in document order: self-contained so that both Playwright
 * (Chromium) and Puppeteer (Firefox) can send it there.
 */
export const describeMarks = (marks: Element[]): MarkInfo[] =>
  marks.map((mark) => ({
    entity: mark.getAttribute("data-receipts-entity") ?? "",
    how: mark.getAttribute("data-receipts-how") ?? "",
    text: mark.textContent ?? "",
  }));

/**
 * Runs in the page, as a page's own script would: what a newer copy of our script sends to stop
 * the older one (WXT's context), for the extension with this id (Chromium's, or the gecko id in
 * Firefox). Self-contained, like `describeMarks`.
 */
export const forgeStartedEvent = (extensionId: string): boolean =>
  document.dispatchEvent(
    new CustomEvent(`${extensionId}:content:wxt:content-script-started`, {
      detail: { contentScriptName: "content", messageId: "forged" },
    }),
  );

/**
 * A stored page sieve (lib/settings/sieve-store.ts) that finds only `word`, under the given
 * key: a page that adopts it reads only the blocks holding that word.
 */
export function sieveFindingOnly(stored: StoredSieve, word: string, key = stored.key): StoredSieve {
  return {
    key,
    spec: { ...stored.spec, capitals: word, others: null, tokenSources: [word, "(?!)"] },
  };
}

/** Every mark on the page, in document order. */
export async function readMarks(page: Page): Promise<MarkInfo[]> {
  return page.locator(MARK_SELECTOR).evaluateAll(describeMarks);
}

/**
 * Runs in the popup on its entity rows (`[data-entity]`, each with a `[data-count]`): entity id
 * and count per row, for either browser.
 */
export const describePopupRows = (rows: Element[]): [string, number][] =>
  rows.map((row) => {
    const count = row.querySelector("[data-count]");
    // The attribute, not the text: the text may be worded ("3 mentions"); a row without one is NaN.
    return [row.getAttribute("data-entity") ?? "", Number(count?.getAttribute("data-count"))];
  });

/** Mark counts by entity id. */
export function countByEntity(marks: MarkInfo[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mark of marks) counts.set(mark.entity, (counts.get(mark.entity) ?? 0) + 1);
  return counts;
}

/**
 * Quiet period after which marking is taken as finished: the content script marks in one pass
 * after load and batches later changes, well under a second on this machine.
 */
export const MARKING_SETTLE_MS = 1_500;

/** Reads the marks until their number stops changing for a settle period. */
export async function settleMarks(read: () => Promise<MarkInfo[]>): Promise<MarkInfo[]> {
  let previous = -1;
  let marks = await read();
  while (marks.length !== previous) {
    previous = marks.length;
    await new Promise((resolve) => setTimeout(resolve, MARKING_SETTLE_MS));
    marks = await read();
  }
  return marks;
}

/** Waits for the first mark, then until the number of marks stops changing. */
export async function waitForMarkingToSettle(page: Page): Promise<MarkInfo[]> {
  await waitForMarks(page);
  return settleMarks(() => readMarks(page));
}

export interface ExpectedMarks {
  /** Site path of the page. */
  page: string;
  /** Entity ids that must each have at least one mark. */
  entities: string[];
}

export function readExpected(name: string): ExpectedMarks {
  const file = join(PROJECT_ROOT, "tests/fixtures/demo", `expected-${name}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as ExpectedMarks;
}
