import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { withinMs } from "../../scripts/within";
import { readDemoArticles } from "../../scripts/demo/site";
import {
  forgeStartedEvent,
  MARK_SELECTOR,
  MARKS_TIMEOUT_MS,
  readMarks,
  startHarness,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";

/** A frozen page would not answer at all; a busy one answers late. */
const RESPONSIVE_WITHIN_MS = 5_000;
/**
 * The sabotage page's count of removed nodes must hold still this long: longer than the
 * extension's idle-time batches (at most 500 ms), so a fight over the marks would show.
 */
const QUIET_MS = 2_000;
/** A page that keeps removing what we keep adding never goes quiet: fail well before the test. */
const QUIET_TIMEOUT_MS = 20_000;

function serveHostile(harness: Harness, name: string): string {
  copyFileSync(join("tests/fixtures/hostile", name), join(harness.site.root, name));
  return `/${name}`;
}

async function openWatched(harness: Harness, path: string) {
  const page = await harness.browser.context.newPage();
  const extensionErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && message.location().url.startsWith("chrome-extension://"))
      extensionErrors.push(message.text());
  });
  page.on("pageerror", (error) => {
    if (String(error.stack).includes("chrome-extension://")) extensionErrors.push(String(error));
  });
  await page.goto(harness.server.url + path);
  return { page, extensionErrors };
}

/** Waits until the sabotage page has removed what we added, then for its count to hold still. */
async function removedOnceQuiet(page: Page): Promise<number> {
  const removed = () => page.evaluate(() => (window as unknown as { removed: number }).removed);
  await page.waitForFunction(() => (window as unknown as { removed: number }).removed > 0, null, {
    timeout: MARKS_TIMEOUT_MS,
  });
  const deadline = Date.now() + QUIET_TIMEOUT_MS;
  let last = await removed();
  for (;;) {
    await page.waitForTimeout(QUIET_MS);
    const now = await removed();
    if (now === last) return now;
    if (Date.now() > deadline) throw new Error(`the page was still removing marks (${now})`);
    last = now;
  }
}

async function answers(page: Page): Promise<boolean> {
  return withinMs(
    page.evaluate(() => true),
    RESPONSIVE_WITHIN_MS,
    () => new Error("no answer"),
  ).catch(() => false);
}

describe("hostile pages", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("a page that breaks DOM methods and removes our marks: no error, no loop, text intact", async () => {
    const { page, extensionErrors } = await openWatched(
      harness,
      serveHostile(harness, "sabotage.html"),
    );
    const removed = await removedOnceQuiet(page);
    expect(await answers(page)).toBe(true);
    expect(extensionErrors).toEqual([]);
    const state = await page.evaluate(() => ({
      text: document.body.innerText.replace(/\s+/g, " ").trim(),
      title: document.querySelector("p[title]")?.getAttribute("title"),
      data: document.querySelector("p[data-name]")?.getAttribute("data-name"),
      alt: document.querySelector("img")?.getAttribute("alt"),
    }));
    // The page's observer removed what we added, and we did not fight back endlessly.
    expect(removed).toBeLessThan(40);
    expect(state.text).toContain("Meta CEO Mark Zuckerberg attended the inauguration.");
    expect(state.text).toContain("Signal president Meredith Whittaker spoke.");
    expect(state.text).toContain("Anthropic CEO Dario Amodei");
    // Names in attributes are data, not text: untouched.
    expect([state.title, state.data, state.alt]).toEqual(["Tim Cook", "Jeff Bezos", "Elon Musk"]);
    await page.close();
  });

  it("a 10 MB text node and a 1 MB word: names at both ends marked, the page responsive, its text whole", async () => {
    const { page, extensionErrors } = await openWatched(
      harness,
      serveHostile(harness, "huge.html"),
    );
    // The names at both ends of the long node: the extension read all of it, and has finished.
    await page.waitForFunction(
      () => document.querySelectorAll("#long receipts-mark").length >= 2,
      null,
      { timeout: MARKS_TIMEOUT_MS },
    );
    expect(await answers(page)).toBe(true);
    expect(extensionErrors).toEqual([]);
    const result = await page.evaluate(() => ({
      long: document.getElementById("long")!.textContent!.length,
      word: document.getElementById("word")!.textContent!.length,
      wordMarks: document.querySelectorAll("#word receipts-mark").length,
      longMarks: [...document.querySelectorAll("#long receipts-mark")].map((mark) =>
        mark.getAttribute("data-receipts-entity"),
      ),
    }));
    expect(result.longMarks).toEqual(["reid-hoffman", "vinod-khosla"]);
    expect(result.long).toBeGreaterThan(10_000_000);
    expect(result.word).toBe(1024 * 1024 + "TimCook".length);
    expect(result.wordMarks).toBe(0);
    await page.close();
  });

  it("a page that defines its own receipts-mark and forbids it a shadow root: names marked, labelled and reachable", async () => {
    const { page, extensionErrors } = await openWatched(
      harness,
      serveHostile(harness, "custom-mark.html"),
    );
    await waitForMarkingToSettle(page);
    const state = await page.evaluate(() => ({
      upgraded: (window as unknown as { upgraded: number }).upgraded,
      marks: [...document.querySelectorAll<HTMLElement>("receipts-mark")].map(
        (mark) => `${mark.dataset.receiptsName}:${mark.tabIndex}`,
      ),
    }));
    // The page's own element is what we made: its constructor ran for each mark.
    expect(state.upgraded).toBe(state.marks.length);
    expect(state.marks).toEqual([
      "Meta:0",
      "Mark Zuckerberg:0",
      "Signal:0",
      "Meredith Whittaker:0",
    ]);
    expect(extensionErrors).toEqual([]);
    await page.close();
  });

  it("a page that knows our extension id and forges WXT's 'started' event does not switch Receipts off", async () => {
    const page = await harness.open(readDemoArticles()[0]?.path ?? "/");
    const before = await waitForMarkingToSettle(page);
    expect(before.length).toBeGreaterThan(0);
    // What a newer copy of our script sends to stop the older one (WXT's context), as a page
    // would send it: the extension id is public for a store's extension.
    await page.evaluate(forgeStartedEvent, harness.browser.extensionId);
    // A stopped script takes its marks away at once, in the same task.
    expect(await readMarks(page)).toEqual(before);
    // And it still works: a name added later is marked.
    await page.evaluate(() => {
      const paragraph = document.createElement("p");
      paragraph.id = "added";
      paragraph.textContent = "Signal president Meredith Whittaker spoke.";
      document.body.append(paragraph);
    });
    await page
      .locator(`#added ${MARK_SELECTOR}`)
      .first()
      .waitFor({ state: "attached", timeout: MARKS_TIMEOUT_MS });
    await page.close();
  });
});
