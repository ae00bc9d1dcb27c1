import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOSE_GRACE_MS } from "../../lib/ui/hover-intent";
import { ARTICLES_DIR } from "../../scripts/demo/site";
import {
  articlePath,
  markOf,
  openCard,
  startHarness,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";
import {
  boxOf,
  cards,
  isInside,
  markFor,
  normalise,
  serveFixture,
  settledCardBox,
  viewportBox,
  waitForLoadedCard,
  waitForNoCard,
  type Box,
} from "./support/ui";

/** LeadDev's article, which quotes Meredith Whittaker in its own wording. */
const LEADDEV_ARTICLE = "002_ed79f64283e41cd2";
const WHITTAKER = "meredith-whittaker";
const KHOSLA = "vinod-khosla";
const PALANTIR = "palantir";
/** Her words as LeadDev prints them (line 52 of the article), and how the card cites LeadDev. */
const WHITTAKER_QUOTES_IN_LEADDEV = [
  "draw on the courage of your convictions and stand up.",
  "executing people in the streets and powerful leaders are openly lying to cover for them",
];
const LEADDEV_CITATION = [
  "“Meet the tech workers taking a stand against ICE”",
  "LeadDev",
  "January 27, 2026",
];
/** The site header has a handful of links before the article; a mark comes well before this. */
const MAX_TABS_TO_FIRST_MARK = 40;
/** Comfortably past the close grace period, so a card that should close has closed. */
const PAST_GRACE_MS = CLOSE_GRACE_MS * 3;

interface CitedQuote {
  quote: string;
  citation: string;
}

/** Each quote shown in the open card with the source line printed beside it. */
async function citedQuotes(page: Page): Promise<CitedQuote[]> {
  return cards(page)
    .first()
    .evaluate((card) =>
      [...card.querySelectorAll("blockquote, q")].map((quote) => {
        const item = quote.closest("li");
        const cite = [...(item?.children ?? [])].find((child) => child.matches("cite"));
        const text = (node: Element | undefined) =>
          (node?.textContent ?? "").replace(/\s+/g, " ").trim();
        return { quote: text(quote), citation: text(cite) };
      }),
    );
}

/** A point in the viewport that is neither on the card nor on a mark (somewhere to rest the pointer). */
async function emptyPoint(page: Page, card: Box): Promise<{ x: number; y: number }> {
  const view = await viewportBox(page);
  const inset = 4;
  const candidates = [
    { x: view.left + inset, y: view.bottom - inset },
    { x: view.right - inset, y: view.bottom - inset },
    { x: view.left + inset, y: view.top + inset },
    { x: view.right - inset, y: view.top + inset },
  ];
  for (const point of candidates) {
    const onCard =
      point.x >= card.left &&
      point.x <= card.right &&
      point.y >= card.top &&
      point.y <= card.bottom;
    const onMark = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.closest("receipts-mark") != null,
      point,
    );
    if (!onCard && !onMark) return point;
  }
  throw new Error("No empty point in the viewport to move the pointer to.");
}

describe("the card, in a real browser", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("shows Meredith Whittaker's words as LeadDev printed them, cited to LeadDev's headline and date", async () => {
    const article = readFileSync(join(ARTICLES_DIR, `${LEADDEV_ARTICLE}.txt`), "utf8");
    for (const quote of WHITTAKER_QUOTES_IN_LEADDEV) expect(article).toContain(quote);

    const page = await harness.open(articlePath(LEADDEV_ARTICLE));
    await openCard(page, markOf(WHITTAKER));
    const text = await waitForLoadedCard(page);
    expect(text).toContain("Meredith Whittaker");

    const shown = await citedQuotes(page);
    for (const quote of WHITTAKER_QUOTES_IN_LEADDEV) {
      const entry = shown.find((item) => item.quote.includes(quote));
      expect(entry, `“${quote}” in ${JSON.stringify(shown)}`).toBeDefined();
      for (const part of LEADDEV_CITATION) expect(entry?.citation).toContain(part);
    }
    // Every quote in the card carries a source line: none is shown unsourced.
    expect(shown.filter((item) => item.citation === "")).toEqual([]);
    await page.close();
  });

  it("opens for a mark reached with Tab from the top of the page; Escape closes it and keeps focus on the mark", async () => {
    const page = await harness.open(articlePath(LEADDEV_ARTICLE));
    await waitForMarkingToSettle(page);
    await page.locator("body").focus();

    let focused: { entity: string | null; name: string } | null = null;
    for (let presses = 0; presses < MAX_TABS_TO_FIRST_MARK && !focused; presses++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => {
        const active = document.activeElement;
        return active?.localName === "receipts-mark"
          ? {
              entity: active.getAttribute("data-receipts-entity"),
              name: active.getAttribute("data-receipts-name") ?? "",
            }
          : null;
      });
    }
    expect(focused, `no mark reached in ${MAX_TABS_TO_FIRST_MARK} Tabs`).not.toBeNull();
    const text = await waitForLoadedCard(page);
    expect(focused?.name).not.toBe("");
    expect(text).toContain(focused?.name);

    await page.keyboard.press("Escape");
    await waitForNoCard(page);
    const stillFocused = await page.evaluate(() =>
      document.activeElement?.getAttribute("data-receipts-entity"),
    );
    expect(stillFocused).toBe(focused?.entity);
    await page.close();
  });

  it("announces each reachable mark as a link to what the person said, and only those", async () => {
    const page = await harness.open(articlePath(LEADDEV_ARTICLE));
    await waitForMarkingToSettle(page);
    const whittaker = page.getByRole("link", {
      name: "Meredith Whittaker: what the sources say about Meredith Whittaker (Enter to read)",
      exact: true,
    });
    expect(await whittaker.count()).toBe(1);
    // Links (ours and the page's) whose name speaks of a card are exactly our labelled tab
    // stops: no page link was renamed. In a heading, a tab stop is described instead, so the
    // heading keeps its name.
    const promising = await page.getByRole("link", { name: /\(Enter to read\)$/ }).count();
    const labelled = page.locator("receipts-mark[tabindex='0'][aria-label]");
    expect(promising).toBe(await labelled.count());
    const described = page.locator("receipts-mark[tabindex='0'][aria-description]");
    expect(await described.count()).toBe(
      await page.locator(":is(h1, h2, h3, h4, h5, h6) receipts-mark[tabindex='0']").count(),
    );
    // A mark the keyboard cannot reach is no link that does nothing.
    expect(await page.locator("receipts-mark[role='link']:not([tabindex='0'])").count()).toBe(0);
    await page.close();
  });

  it("takes the keyboard into the card with Enter, where Tab reaches its buttons", async () => {
    const page = await harness.open(articlePath(LEADDEV_ARTICLE));
    await waitForMarkingToSettle(page);
    const mark = markFor(page, WHITTAKER);
    await mark.focus();
    await waitForLoadedCard(page);
    await page.keyboard.press("Enter");
    const inCard = () =>
      page.evaluate(() => {
        const root = document.querySelector("receipts-ui")?.shadowRoot;
        const active = root?.activeElement;
        return active
          ? `${active.localName}:${active.getAttribute("role") ?? active.textContent}`
          : null;
      });
    expect(await inCard()).toBe("section:dialog");
    await page.keyboard.press("Tab");
    expect(await inCard()).toMatch(/^button:/);
    // Still open: the reader can copy a citation without a mouse.
    expect(await cards(page).count()).toBe(1);
    await page.close();
  });

  it("opens the card again with Enter on a focused mark whose card Escape closed, focus in it", async () => {
    const page = await harness.open(articlePath(LEADDEV_ARTICLE));
    await waitForMarkingToSettle(page);
    await markFor(page, WHITTAKER).focus();
    await waitForLoadedCard(page);
    await page.keyboard.press("Escape");
    await waitForNoCard(page);

    await page.keyboard.press("Enter");
    expect(await waitForLoadedCard(page)).toContain("Meredith Whittaker");
    await page.waitForFunction(
      () =>
        document.querySelector("receipts-ui")?.shadowRoot?.activeElement?.getAttribute("role") ===
        "dialog",
      undefined,
      { timeout: 5_000 },
    );
    await page.close();
  });

  it("closes when scrolling the page's own scroll container takes its mark out of view", async () => {
    const page = await harness.open(serveFixture(harness, "scroll-container.html"));
    await waitForMarkingToSettle(page);
    await markFor(page, WHITTAKER).focus();
    await waitForLoadedCard(page);
    await page.evaluate(() => document.getElementById("scroller")?.scrollBy(0, 3_000));
    await waitForNoCard(page);
    await page.close();
  });

  it("closes on Escape pressed inside the card and gives focus back to the mark", async () => {
    const page = await harness.open(articlePath(LEADDEV_ARTICLE));
    await waitForMarkingToSettle(page);
    const mark = markFor(page, WHITTAKER);
    await mark.focus();
    await waitForLoadedCard(page);
    // A reader who clicked into the card (to copy a citation, say) is now focused inside it.
    await cards(page).first().locator("button").first().focus();
    expect(
      await page.evaluate(() => document.activeElement?.localName),
      "focus is in the card's shadow host",
    ).toBe("receipts-ui");

    await page.keyboard.press("Escape");
    await waitForNoCard(page);
    expect(
      await page.evaluate(() => document.activeElement?.getAttribute("data-receipts-entity")),
    ).toBe(WHITTAKER);
    await page.close();
  });

  it("gives focus to the entity's next tab stop when the page takes the card's mark away", async () => {
    const page = await harness.open(articlePath(LEADDEV_ARTICLE));
    await waitForMarkingToSettle(page);
    // LeadDev names Palantir in one paragraph, then twice in a later one.
    await markFor(page, PALANTIR).focus();
    await waitForLoadedCard(page);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe("receipts-ui");

    // The page re-renders the first paragraph away (a framework, a live update).
    await page.evaluate(
      (entity) =>
        document
          .querySelector(`receipts-mark[data-receipts-entity="${entity}"]`)
          ?.parentElement?.remove(),
      PALANTIR,
    );
    await waitForNoCard(page);
    // Not <body>: the keyboard reader is at the next Palantir mark, now its only tab stop.
    expect(
      await page.evaluate((entity) => {
        const marks = [
          ...document.querySelectorAll<HTMLElement>(
            `receipts-mark[data-receipts-entity="${entity}"]`,
          ),
        ];
        return [
          marks.indexOf(document.activeElement as HTMLElement),
          marks.map((mark) => mark.tabIndex),
        ];
      }, PALANTIR),
    ).toEqual([0, [0, -1]]);
    await page.close();
  });

  it("shows one card at a time, in the one <receipts-ui> element", async () => {
    const page = await harness.open(articlePath(LEADDEV_ARTICLE));
    await openCard(page, markOf(WHITTAKER));
    expect(await waitForLoadedCard(page)).toContain("Meredith Whittaker");

    const second = markFor(page, KHOSLA);
    await second.scrollIntoViewIfNeeded();
    await second.hover();
    await page.waitForFunction(
      () => {
        const card = document
          .querySelector("receipts-ui")
          ?.shadowRoot?.querySelector('[role="dialog"] h2');
        return card?.textContent?.includes("Vinod Khosla") ?? false;
      },
      undefined,
      { timeout: 5_000 },
    );
    const text = await waitForLoadedCard(page);
    expect(text).toContain("Vinod Khosla");
    expect(text).not.toContain("Meredith Whittaker");

    const census = await page.evaluate(() => ({
      hosts: document.querySelectorAll("receipts-ui").length,
      dialogs: document
        .querySelector("receipts-ui")
        ?.shadowRoot?.querySelectorAll('[role="dialog"]').length,
    }));
    expect(census).toEqual({ hosts: 1, dialogs: 1 });
    await page.close();
  });

  it("closes after the grace period when the pointer leaves the mark", async () => {
    const page = await harness.open(articlePath(LEADDEV_ARTICLE));
    await openCard(page, markOf(WHITTAKER));
    const card = await settledCardBox(page);
    const away = await emptyPoint(page, card);
    await page.mouse.move(away.x, away.y);
    await waitForNoCard(page);
    expect(await cards(page).count()).toBe(0);
    await page.close();
  });

  it("stays open while the pointer moves from the mark into the card, and closes when it leaves the card", async () => {
    const page = await harness.open(articlePath(LEADDEV_ARTICLE));
    await openCard(page, markOf(WHITTAKER));
    const card = await settledCardBox(page);
    const mark = await boxOf(markFor(page, WHITTAKER));
    expect(isInside(mark, card)).toBe(false);

    // Straight from the mark into the card, well within the grace period, then rest there.
    await page.mouse.move((card.left + card.right) / 2, (card.top + card.bottom) / 2);
    await page.waitForTimeout(PAST_GRACE_MS);
    expect(normalise((await cards(page).first().textContent()) ?? "")).toContain(
      "Meredith Whittaker",
    );

    const away = await emptyPoint(page, card);
    await page.mouse.move(away.x, away.y);
    await waitForNoCard(page);
    await page.close();
  });
});
