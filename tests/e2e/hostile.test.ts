import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { startHarness, type Harness } from "./support/harness";

/** Long enough for the extension's idle-time batches on a loaded two-core machine. */
const SETTLE_MS = 4_000;
/** A frozen page would not answer at all; a busy one answers late. */
const RESPONSIVE_WITHIN_MS = 5_000;

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
  await page.waitForTimeout(SETTLE_MS);
  return { page, extensionErrors };
}

async function answers(page: Page): Promise<boolean> {
  return Promise.race([
    page.evaluate(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), RESPONSIVE_WITHIN_MS)),
  ]);
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
    expect(await answers(page)).toBe(true);
    expect(extensionErrors).toEqual([]);
    const state = await page.evaluate(() => ({
      removed: (window as unknown as { removed: number }).removed,
      text: document.body.innerText.replace(/\s+/g, " ").trim(),
      title: document.querySelector("p[title]")?.getAttribute("title"),
      data: document.querySelector("p[data-name]")?.getAttribute("data-name"),
      alt: document.querySelector("img")?.getAttribute("alt"),
    }));
    // The page's observer removed what we added, and we did not fight back endlessly.
    expect(state.removed).toBeGreaterThan(0);
    expect(state.removed).toBeLessThan(40);
    expect(state.text).toContain("Meta CEO Mark Zuckerberg attended the inauguration.");
    expect(state.text).toContain("Signal president Meredith Whittaker spoke.");
    expect(state.text).toContain("Anthropic CEO Dario Amodei");
    // Names in attributes are data, not text: untouched.
    expect([state.title, state.data, state.alt]).toEqual(["Tim Cook", "Jeff Bezos", "Elon Musk"]);
    await page.close();
  });

  it("a 10 MB text node and a 1 MB word: the page stays responsive and its text whole", async () => {
    const { page, extensionErrors } = await openWatched(
      harness,
      serveHostile(harness, "huge.html"),
    );
    expect(await answers(page)).toBe(true);
    expect(extensionErrors).toEqual([]);
    const result = await page.evaluate(() => ({
      long: document.getElementById("long")!.textContent!.length,
      word: document.getElementById("word")!.textContent!.length,
      wordMarks: document.querySelectorAll("#word receipts-mark").length,
    }));
    expect(result.long).toBeGreaterThan(10_000_000);
    expect(result.word).toBe(1024 * 1024 + "TimCook".length);
    expect(result.wordMarks).toBe(0);
    await page.close();
  });
});
