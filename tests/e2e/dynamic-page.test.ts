import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMarks, startHarness, tabIdOf, type Harness } from "./support/harness";
import { badgeTextOf, markFor, pollUntil, serveFixture, waitForLoadedCard } from "./support/ui";

/** The observer batches on idle time (at most 500 ms); this leaves room on a loaded machine. */
const MARKS_TIMEOUT_MS = 10_000;

async function marksIn(page: Page, selector: string) {
  return page.evaluate(
    (scope) =>
      [...document.querySelectorAll(`${scope} receipts-mark[data-receipts-entity]`)].map(
        (mark) => ({
          entity: mark.getAttribute("data-receipts-entity"),
          text: mark.textContent,
        }),
      ),
    selector,
  );
}

describe("a page that changes after load", () => {
  let harness: Harness;
  let page: Page;
  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.open(serveFixture(harness, "dynamic.html"));
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("marks names in appended paragraphs and after history.pushState", async () => {
    expect(await readMarks(page)).toEqual([]);
    await page.evaluate(() => {
      const append = (window as unknown as { appendStory(text: string, path?: string): void })
        .appendStory;
      append("Signal president Meredith Whittaker spoke on Monday.", "/live/1");
    });
    await expect
      .poll(() => marksIn(page, ".story"), { timeout: MARKS_TIMEOUT_MS })
      .toContainEqual({ entity: "meredith-whittaker", text: "Meredith Whittaker" });
    expect(new URL(page.url()).pathname).toBe("/live/1");

    // Infinite scroll: more paragraphs, another URL, each marked once.
    await page.evaluate(() => {
      const append = (window as unknown as { appendStory(text: string, path?: string): void })
        .appendStory;
      for (let index = 0; index < 20; index++) append(`Update ${index}: nothing new.`);
      append("Anthropic CEO Dario Amodei also addressed the situation.", "/live/2");
    });
    await expect
      .poll(() => marksIn(page, ".story"), { timeout: MARKS_TIMEOUT_MS })
      .toContainEqual({ entity: "dario-amodei", text: "Dario Amodei" });
    const marks = await marksIn(page, ".story");
    expect(marks.filter((mark) => mark.entity === "meredith-whittaker")).toHaveLength(1);
    expect(marks.filter((mark) => mark.entity === "dario-amodei")).toHaveLength(1);
  });

  it("does not mark text that the page changes into a look-alike", async () => {
    await page.evaluate(() => {
      const append = (window as unknown as { appendStory(text: string, path?: string): void })
        .appendStory;
      append("A good cook picked an apple in the Amazon rainforest.", "/live/3");
    });
    // Wait for a real name appended after it, so the look-alike batch has been handled too.
    await page.evaluate(() => {
      const append = (window as unknown as { appendStory(text: string, path?: string): void })
        .appendStory;
      append("Reid Hoffman said so.");
    });
    await expect
      .poll(() => marksIn(page, ".story"), { timeout: MARKS_TIMEOUT_MS })
      .toContainEqual({ entity: "reid-hoffman", text: "Reid Hoffman" });
    const entities = (await marksIn(page, ".story")).map((mark) => mark.entity);
    expect(entities).not.toContain("amazon");
    expect(entities).not.toContain("apple");
    expect(entities).not.toContain("renee-good");
  });

  it("starts over on the new <body> a Turbo-style navigation puts in, and on the old one put back", async () => {
    const site = await harness.open(serveFixture(harness, "body-swap.html"));
    const tabId = await tabIdOf(harness.browser, site);
    await expect.poll(() => marksIn(site, ".story"), { timeout: MARKS_TIMEOUT_MS }).toHaveLength(2);
    expect(await pollUntil(() => badgeTextOf(harness.browser, tabId), "2")).toBe("2");

    await site.evaluate(() =>
      (window as unknown as { visit(text: string, path: string): void }).visit(
        "Reid Hoffman said so.",
        "/next",
      ),
    );
    await expect
      .poll(() => marksIn(site, ".story"), { timeout: MARKS_TIMEOUT_MS })
      .toEqual([{ entity: "reid-hoffman", text: "Reid Hoffman" }]);
    expect(await pollUntil(() => badgeTextOf(harness.browser, tabId), "1")).toBe("1");
    // The body that left the page holds only the page's own text again.
    expect(
      await site.evaluate(() => {
        const old = (window as unknown as { previousBody: HTMLElement }).previousBody;
        return [
          old.querySelectorAll("receipts-mark").length,
          old.querySelector("p")?.childNodes.length,
        ];
      }),
    ).toEqual([0, 1]);

    // Back: the first body comes back, and is marked like any new one.
    await site.evaluate(() => (window as unknown as { goBack(): void }).goBack());
    await expect
      .poll(() => marksIn(site, ".story"), { timeout: MARKS_TIMEOUT_MS })
      .toEqual([
        { entity: "palantir", text: "Palantir" },
        { entity: "tim-cook", text: "Tim Cook" },
      ]);
    expect(await pollUntil(() => badgeTextOf(harness.browser, tabId), "2")).toBe("2");
    await site.close();
  });

  it("makes again the marks of a snapshot put back: one tab stop per entity, only it announced", async () => {
    const site = await harness.open(serveFixture(harness, "body-swap.html"));
    await expect.poll(() => marksIn(site, ".story"), { timeout: MARKS_TIMEOUT_MS }).toHaveLength(2);
    await site.evaluate(() =>
      (window as unknown as { visit(text: string, path: string): void }).visit(
        "Reid Hoffman said so.",
        "/next",
      ),
    );
    await expect.poll(() => marksIn(site, ".story"), { timeout: MARKS_TIMEOUT_MS }).toHaveLength(1);

    await site.evaluate(() => {
      const turbo = window as unknown as { restoreSnapshot(): void; addStory(text: string): void };
      turbo.restoreSnapshot();
      turbo.addStory("Palantir again, and Tim Cook.");
    });
    await expect.poll(() => marksIn(site, ".story"), { timeout: MARKS_TIMEOUT_MS }).toHaveLength(4);
    const reachable = () =>
      site.evaluate(() =>
        [...document.querySelectorAll("receipts-mark")].map((mark) => [
          mark.textContent,
          (mark as HTMLElement).tabIndex,
          mark.hasAttribute("role") || mark.hasAttribute("aria-label"),
        ]),
      );
    expect(await reachable()).toEqual([
      ["Palantir", 0, true],
      ["Tim Cook", 0, true],
      ["Palantir", -1, false],
      ["Tim Cook", -1, false],
    ]);
    await site.close();
  });

  it("starts over on a whole new <html> the page puts in", async () => {
    const site = await harness.open(serveFixture(harness, "body-swap.html"));
    const tabId = await tabIdOf(harness.browser, site);
    await expect.poll(() => marksIn(site, ".story"), { timeout: MARKS_TIMEOUT_MS }).toHaveLength(2);
    // A card was open on the first <html>: its host hangs from it.
    await markFor(site, "palantir").hover();
    await waitForLoadedCard(site);
    await site.evaluate(() =>
      (window as unknown as { replaceDocument(text: string): void }).replaceDocument(
        "Reid Hoffman said so.",
      ),
    );
    await expect
      .poll(() => marksIn(site, ".story"), { timeout: MARKS_TIMEOUT_MS })
      .toEqual([{ entity: "reid-hoffman", text: "Reid Hoffman" }]);
    expect(await pollUntil(() => badgeTextOf(harness.browser, tabId), "1")).toBe("1");
    // Its card opens, in a host on the new <html>.
    await markFor(site, "reid-hoffman").hover();
    expect(await waitForLoadedCard(site)).toContain("Reid Hoffman");
    await site.close();
  });

  it("starts over on a document the page writes afresh, and its cards open", async () => {
    const site = await harness.open(serveFixture(harness, "body-swap.html"));
    await expect.poll(() => marksIn(site, ".story"), { timeout: MARKS_TIMEOUT_MS }).toHaveLength(2);
    await site.evaluate(() =>
      (window as unknown as { rewriteDocument(text: string): void }).rewriteDocument(
        "Reid Hoffman said so.",
      ),
    );
    await expect
      .poll(() => marksIn(site, ".story"), { timeout: MARKS_TIMEOUT_MS })
      .toEqual([{ entity: "reid-hoffman", text: "Reid Hoffman" }]);
    // document.open() erased our listeners with the page's: they are back.
    await markFor(site, "reid-hoffman").hover();
    expect(await waitForLoadedCard(site)).toContain("Reid Hoffman");
    await site.close();
  });
});
