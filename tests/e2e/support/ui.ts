/**
 * Helpers for the card, popup, badge and privacy tests: extra fixture pages served beside the demo
 * site, the card's and a mark's rectangles, the toolbar badge as the service worker sees it.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import type { Dataset } from "../../../lib/dataset/types";
import { DATASET_FILE } from "../../../scripts/demo/site";
import { PROJECT_ROOT } from "../../../scripts/paths";
import type { ExtensionBrowser } from "../../../scripts/demo/browser";
import {
  CARD_SELECTOR,
  CARD_TIMEOUT_MS,
  describePopupRows,
  MARK_SELECTOR,
  openPopupFor,
  POPUP_ENTITY_SELECTOR,
  POPUP_TIMEOUT_MS,
  type Harness,
} from "./harness";

/** Two animation frames of unchanged geometry mean floating-ui has placed the card. */
const STABLE_FRAMES = 2;

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Copies `tests/fixtures/<folder>/<name>` into the served site; returns its site path. */
export function serveFixture(
  harness: Pick<Harness, "site">,
  name: string,
  folder = "demo",
): string {
  copyFileSync(join(PROJECT_ROOT, "tests/fixtures", folder, name), join(harness.site.root, name));
  return `/${name}`;
}

/**
 * Writes `settings-framed.html` beside the served fixture at `path`: Jensen Huang on the page,
 * and the fixture in two frames, one from the same origin, one from another site (the same
 * server, named "localhost"). Returns its site path.
 */
export function writeFramedPage(harness: Pick<Harness, "site" | "server">, path: string): string {
  const crossOrigin = harness.server.url.replace("127.0.0.1", "localhost") + path;
  writeFileSync(
    join(harness.site.root, "settings-framed.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Framed</title></head>` +
      `<body><p>Jensen Huang spoke.</p>` +
      `<iframe src="${path}" title="Same origin"></iframe>` +
      `<iframe src="${crossOrigin}" title="Cross origin"></iframe></body></html>`,
  );
  return "/settings-framed.html";
}

/** Every card in every <receipts-ui> shadow root (Playwright's CSS engine pierces open roots). */
export function cards(page: Page): Locator {
  return page.locator(CARD_SELECTOR);
}

/** Waits until a card has its data (not the loading line) and returns its text. */
export async function waitForLoadedCard(page: Page): Promise<string> {
  const card = cards(page).first();
  await card.waitFor({ state: "visible", timeout: CARD_TIMEOUT_MS });
  await card.locator("h3").first().waitFor({ state: "visible", timeout: CARD_TIMEOUT_MS });
  return normalise((await card.textContent()) ?? "");
}

export async function waitForNoCard(page: Page): Promise<void> {
  await cards(page).first().waitFor({ state: "detached", timeout: CARD_TIMEOUT_MS });
}

export function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Runs in the page: how many <receipts-ui> hosts there are, whether the first one's shadow root
 * holds a card, and whether a card leaked into the page's own DOM. Self-contained, so both
 * Playwright (Chromium) and Puppeteer (Firefox) can send it there.
 */
export const whereTheCardIs = (): { hosts: number; open: boolean; inLightDom: boolean } => {
  const hosts = document.querySelectorAll("receipts-ui");
  const host = hosts[0];
  return {
    hosts: hosts.length,
    open: host?.shadowRoot?.querySelector('[role="dialog"], [role="tooltip"]') != null,
    inLightDom: document.querySelector('[role="dialog"], [role="tooltip"]') != null,
  };
};

/** Cards may shorten a long headline; this much of it must be there verbatim. */
const HEADLINE_PREFIX_CHARS = 40;

export function readDataset(): Dataset {
  return JSON.parse(readFileSync(DATASET_FILE, "utf8")) as Dataset;
}

export interface CardEvidence {
  /** How many quotes the dataset holds for the person. */
  quotesInDataset: number;
  /** Ids of the person's quotes that the card's text shows verbatim. */
  quotesShown: string[];
  /** Whether the card shows the headline of an article one of those quotes comes from. */
  headlineShown: boolean;
}

/** What a card's text proves about a person: their quotes, verbatim, with an article's headline. */
export function cardEvidence(cardText: string, personId: string): CardEvidence {
  const dataset = readDataset();
  const text = normalise(cardText);
  const quotes = dataset.quotes.filter((quote) => quote.speaker === personId);
  const shown = quotes.filter((quote) => text.includes(normalise(quote.text)));
  const headlines = shown.map((quote) => {
    const source = dataset.sources.find((candidate) => candidate.id === quote.source);
    return normalise(source?.headline ?? "").slice(0, HEADLINE_PREFIX_CHARS);
  });
  return {
    quotesInDataset: quotes.length,
    quotesShown: shown.map((quote) => quote.id),
    headlineShown: headlines.some((headline) => headline !== "" && text.includes(headline)),
  };
}

/** The card names the person and shows one of their quotes verbatim with its article's headline. */
export function expectCardOf(cardText: string, personId: string, personName: string): void {
  const text = normalise(cardText);
  expect(text).toContain(personName);
  const evidence = cardEvidence(text, personId);
  expect(evidence.quotesInDataset).toBeGreaterThan(0);
  expect(evidence.quotesShown, `card text: ${text}`).not.toEqual([]);
  expect(evidence.headlineShown).toBe(true);
}

/**
 * The card's rectangle once placement has settled: the card has its data and its position has
 * not moved for a couple of frames (floating-ui places it asynchronously, and again on resize).
 */
export async function settledCardBox(page: Page): Promise<Box> {
  await waitForLoadedCard(page);
  await page.evaluate(() => {
    delete (window as unknown as { __receiptsLastBox?: string }).__receiptsLastBox;
  });
  const handle = await page.waitForFunction(
    (frames: number) => {
      const host = document.querySelector("receipts-ui");
      const card = host?.shadowRoot?.querySelector<HTMLElement>('[role="dialog"]');
      if (!card || card.style.transform === "") return false;
      const state = window as unknown as { __receiptsLastBox?: string; __receiptsSame?: number };
      const rect = card.getBoundingClientRect();
      const box = { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
      const key = JSON.stringify(box);
      state.__receiptsSame = state.__receiptsLastBox === key ? (state.__receiptsSame ?? 0) + 1 : 0;
      state.__receiptsLastBox = key;
      return state.__receiptsSame >= frames ? box : false;
    },
    STABLE_FRAMES,
    { polling: "raf", timeout: CARD_TIMEOUT_MS },
  );
  return (await handle.jsonValue()) as Box;
}

/** The viewport the page lays out in, without scrollbars (what floating-ui keeps the card in). */
export async function viewportBox(page: Page): Promise<Box> {
  return page.evaluate(() => ({
    left: 0,
    top: 0,
    right: document.documentElement.clientWidth,
    bottom: document.documentElement.clientHeight,
  }));
}

export async function boxOf(locator: Locator): Promise<Box> {
  return locator.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
  });
}

export function isInside(inner: Box, outer: Box): boolean {
  return (
    inner.left >= outer.left &&
    inner.top >= outer.top &&
    inner.right <= outer.right &&
    inner.bottom <= outer.bottom
  );
}

export function intersects(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** The mark of one entity (the first, in document order). */
export function markFor(page: Page, entityId: string): Locator {
  return page.locator(`${MARK_SELECTOR}[data-receipts-entity="${entityId}"]`).first();
}

/** The toolbar badge text of a tab, read from the extension's service worker. */
export async function badgeTextOf(browser: ExtensionBrowser, tabId: number): Promise<string> {
  return browser.serviceWorker.evaluate(async (id: number) => {
    const api = (
      globalThis as unknown as {
        chrome: { action: { getBadgeText(details: { tabId: number }): Promise<string> } };
      }
    ).chrome;
    return api.action.getBadgeText({ tabId: id });
  }, tabId);
}

/** Polls `read` until it returns `expected` or the time is up; returns the last value read. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  expected: T,
  timeoutMs = CARD_TIMEOUT_MS,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    value = await read();
  }
  return value;
}

/** The popup's entity rows (`[data-entity]`, each with a `[data-count]`): count by entity id. */
export async function readPopupCounts(popup: Page): Promise<Record<string, number>> {
  return Object.fromEntries(
    await popup.locator(POPUP_ENTITY_SELECTOR).evaluateAll(describePopupRows),
  );
}

/** Waits until `popup` lists the page's first entity. */
export async function waitForPopupList(popup: Page): Promise<void> {
  await popup
    .locator(POPUP_ENTITY_SELECTOR)
    .first()
    .waitFor({ state: "visible", timeout: POPUP_TIMEOUT_MS });
}

/** The popup's counts by entity id (`readPopupCounts`), once it lists the page's first entity. */
export async function popupCountsOnceListed(popup: Page): Promise<Record<string, number>> {
  await waitForPopupList(popup);
  return readPopupCounts(popup);
}

/** The popup for `page`, once it lists the page's first entity. */
export async function openReadyPopup(harness: Harness, page: Page): Promise<Page> {
  const popup = await openPopupFor(harness.browser, page);
  await waitForPopupList(popup);
  return popup;
}
