/**
 * The reader's settings doing what they say, at once, in every open tab: the mark modes chosen
 * on the options page and the site switch of the popup, with the badge and the popup following.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  countByEntity,
  openCard,
  readMarks,
  startHarness,
  tabIdOf,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";
import { removeStoredFrom } from "./support/service-worker";
import {
  badgeTextOf,
  cards,
  openReadyPopup,
  pollUntil,
  readPopupCounts,
  serveFixture,
} from "./support/ui";

/** Tim Cook three times (every mention by default), Donald Trump twice (his first only). */
const PAGE = "settings.html";
/** Long enough for a storage change to reach every content script and the marks to follow. */
const SETTLE_TIMEOUT_MS = 5_000;
/** lib/settings/settings.ts's lock, which the popup's and options page's changes take. */
const SETTINGS_LOCK = "receipts-settings";
/**
 * How long the options page holds the lock while the popup's change waits: a change written
 * without the lock lands in a few milliseconds, so one not seen in this time waited.
 */
const HELD_MS = 750;

/** The storage area the lock test uses in an extension page, typed by hand (no chrome typings). */
interface LocalArea {
  get(key: string): Promise<{ disabledSites?: string[] }>;
  set(items: { disabledSites: string[] }): Promise<void>;
}
type ExtensionPageScope = typeof globalThis & {
  chrome: { storage: { local: LocalArea } };
  release?: () => void;
};

const countsOf = async (page: Page) => Object.fromEntries(countByEntity(await readMarks(page)));

/** Polls the page's marks until they count `expected` per entity; returns the last counts. */
async function marksBecome(page: Page, expected: Record<string, number>) {
  const key = (counts: Record<string, number>) => JSON.stringify(Object.entries(counts).sort());
  const last = await pollUntil(
    async () => key(await countsOf(page)),
    key(expected),
    SETTLE_TIMEOUT_MS,
  );
  return Object.fromEntries(JSON.parse(last) as [string, number][]);
}

describe("settings, end to end in Chromium", () => {
  let harness: Harness;
  let path: string;
  /** The same fixture on another host name of the same server: another site. */
  let otherSiteUrl: string;
  const options = () =>
    harness.browser.context.newPage().then(async (page) => {
      await page.goto(`chrome-extension://${harness.browser.extensionId}/options.html`);
      await page.locator("select").first().waitFor();
      return page;
    });
  beforeAll(async () => {
    harness = await startHarness();
    path = serveFixture(harness, PAGE, "pages");
    otherSiteUrl = harness.server.url.replace("127.0.0.1", "localhost") + path;
  });
  afterAll(async () => {
    await harness?.stop();
  });
  afterEach(async () => {
    for (const page of harness.browser.context.pages()) await page.close();
    const worker = await harness.browser.context.newPage();
    await worker.goto(`chrome-extension://${harness.browser.extensionId}/options.html`);
    await removeStoredFrom(worker, "disabledSites");
    await removeStoredFrom(worker, "markModes");
    await worker.close();
  });

  it("re-marks an open article when a mark mode changes, with its badge and popup, and keeps it", async () => {
    const article = await harness.open(path);
    expect(Object.fromEntries(countByEntity(await waitForMarkingToSettle(article)))).toEqual({
      "donald-trump": 1,
      "tim-cook": 3,
    });
    const settings = await options();
    await settings.getByLabel("Mentions of Tim Cook to mark").selectOption("first");
    await settings.getByLabel("Mentions of Donald Trump to mark").selectOption("every");

    const changed = { "donald-trump": 2, "tim-cook": 1 };
    expect(await marksBecome(article, changed)).toEqual(changed);
    const tabId = await tabIdOf(harness.browser, article);
    expect(await pollUntil(() => badgeTextOf(harness.browser, tabId), "2")).toBe("2");
    const popup = await openReadyPopup(harness, article);
    expect(await readPopupCounts(popup)).toEqual(changed);

    // A page opened later, and the options page opened again, read the same choice.
    const later = await harness.open(path);
    expect(Object.fromEntries(countByEntity(await waitForMarkingToSettle(later)))).toEqual(changed);
    const reopened = await options();
    expect(await reopened.getByLabel("Mentions of Tim Cook to mark").inputValue()).toBe("first");
    expect(await reopened.getByLabel("Mentions of Donald Trump to mark").inputValue()).toBe(
      "every",
    );
  });

  it("turns a site off from the popup in all its tabs, marks and card, not other sites, and back on from the options page", async () => {
    const first = await harness.open(path);
    const second = await harness.open(path);
    const other = await harness.browser.context.newPage();
    await other.goto(otherSiteUrl);
    for (const page of [first, second, other]) await waitForMarkingToSettle(page);
    const settings = await options();
    await openCard(first);

    const popup = await openReadyPopup(harness, first);
    await popup.getByRole("checkbox", { name: /Highlight names on 127\.0\.0\.1/ }).click();
    const none = {};
    expect(await marksBecome(first, none)).toEqual(none);
    expect(await marksBecome(second, none)).toEqual(none);
    expect(await cards(first).count()).toBe(0);
    for (const page of [first, second]) {
      const tabId = await tabIdOf(harness.browser, page);
      expect(await pollUntil(() => badgeTextOf(harness.browser, tabId), "")).toBe("");
    }
    expect(await countsOf(other)).toEqual({ "donald-trump": 1, "tim-cook": 3 });

    // The options page, open all along, lists the site at once and turns it back on.
    const turnOn = settings.getByRole("button", { name: "Turn back on for 127.0.0.1" });
    await turnOn.waitFor({ timeout: SETTLE_TIMEOUT_MS });
    await turnOn.click();
    const marked = { "donald-trump": 1, "tim-cook": 3 };
    expect(await marksBecome(first, marked)).toEqual(marked);
    expect(await marksBecome(second, marked)).toEqual(marked);
  });

  it("turns www. and the bare host off together: one site, as the popup names it", async () => {
    // *.localhost is loopback in Chromium: two host names of the same server.
    const at = (host: string) => harness.server.url.replace("127.0.0.1", host) + path;
    const withWww = await harness.browser.context.newPage();
    await withWww.goto(at("www.receipts.localhost"));
    const bare = await harness.browser.context.newPage();
    await bare.goto(at("receipts.localhost"));
    const marked = { "donald-trump": 1, "tim-cook": 3 };
    for (const page of [withWww, bare]) {
      expect(Object.fromEntries(countByEntity(await waitForMarkingToSettle(page)))).toEqual(marked);
    }

    const popup = await openReadyPopup(harness, withWww);
    await popup.getByRole("checkbox", { name: /Highlight names on receipts\.localhost$/ }).click();
    const none = {};
    expect(await marksBecome(withWww, none)).toEqual(none);
    expect(await marksBecome(bare, none)).toEqual(none);

    const settings = await options();
    const turnOn = settings.getByRole("button", { name: "Turn back on for receipts.localhost" });
    await turnOn.waitFor({ timeout: SETTLE_TIMEOUT_MS });
    await turnOn.click();
    expect(await marksBecome(withWww, marked)).toEqual(marked);
    expect(await marksBecome(bare, marked)).toEqual(marked);
  });

  it("keeps a site switched in the popup while the options page is changing the same setting", async () => {
    const article = await harness.open(path);
    await waitForMarkingToSettle(article);
    const settings = await options();
    const popup = await openReadyPopup(harness, article);
    /** The stored sites, sorted, as one string (`pollUntil` compares with `===`). */
    const storedSites = () =>
      settings.evaluate(async () => {
        const { local } = (globalThis as ExtensionPageScope).chrome.storage;
        const { disabledSites } = await local.get("disabledSites");
        return JSON.stringify(disabledSites === undefined ? null : [...disabledSites].sort());
      });

    // The options page reads the sites under the settings lock, as its own changes do, and
    // writes them back with one more only when the test says.
    await settings.evaluate(async (lock) => {
      const scope = globalThis as ExtensionPageScope;
      const { local } = scope.chrome.storage;
      const holding = new Promise<void>((held) => {
        void navigator.locks.request(lock, async () => {
          const { disabledSites = [] } = await local.get("disabledSites");
          held();
          await new Promise<void>((release) => (scope.release = release));
          await local.set({ disabledSites: [...disabledSites, "x.example"] });
        });
      });
      await holding;
    }, SETTINGS_LOCK);
    await popup.getByRole("checkbox", { name: /Highlight names on 127\.0\.0\.1/ }).click();
    // Written at once, the popup's change would be undone by the options page's write below.
    expect(await pollUntil(storedSites, '["127.0.0.1"]', HELD_MS)).toBe("null");

    await settings.evaluate(() => (globalThis as ExtensionPageScope).release?.());
    const both = '["127.0.0.1","x.example"]';
    expect(await pollUntil(storedSites, both)).toBe(both);
    expect(await marksBecome(article, {})).toEqual({});
  });
});
