/**
 * The card lives in a shadow root whose host resets every inherited property (card.css), so a
 * page's own styles must not change how it looks. `all: initial` leaves out `direction`, custom
 * properties and the language, and `rem` follows the page's root font size: these pages set each,
 * and the card must read exactly as on a plain English page.
 *
 * Each mark wears its style from a shadow root of its own (lib/dom/mark-styles.ts), important,
 * which no rule of the page can override, not even an important one on every element.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, waitForMarks, type Harness } from "./support/harness";
import { cards, markFor, settledCardBox } from "./support/ui";
import { PLAIN_PAGE, underlineRows } from "./support/underline";

/** Quoted in the dataset, so his card has a quote, a source line and a Copy citation button. */
const PERSON_ID = "vinod-khosla";
const PERSON_NAME = "Vinod Khosla";
/** Wide enough that the card keeps its full width on every page. */
const VIEWPORT = { width: 800, height: 600 };

/** What a reader sees of the card: its parts, and the styles that decide how they look. */
const CARD_PARTS = ["[role=dialog]", "h2", "blockquote", "cite", "button.copy"];
const LOOK = [
  "width",
  "font-size",
  "line-height",
  "font-family",
  "direction",
  "text-align",
  "color",
  "background-color",
  "border-inline-start-color",
  "letter-spacing",
  "text-transform",
];

interface CardLook {
  /** Whether the card's text is marked as English, for screen readers' voice and hyphenation. */
  english: boolean;
  styles: Record<string, string[]>;
}

/** A page naming the person once, with `attributes` on <html> and `css` in its head. */
function pageWith(attributes: string, css: string): string {
  return `<!doctype html>
<html ${attributes}>
<head><meta charset="utf-8"><title>Page styles</title><style>${css}</style></head>
<body><div><main><p>On Tuesday ${PERSON_NAME} wrote again.</p></main></div></body>
</html>`;
}

const PAGES = {
  plain: pageWith('lang="en"', ""),
  rtl: pageWith('lang="he" dir="rtl"', ""),
  "root font size": pageWith('lang="en"', "html { font-size: 48px; }"),
  "custom properties": pageWith(
    'lang="en"',
    // The card's own property names, as a site's design tokens might be set on every element.
    "* { --bg: #ff00ff; --fg: #00ff00; --line: #00ffff; --accent: #ffff00; --muted: #ff0000; }",
  ),
  "global resets": pageWith(
    'lang="en"',
    `* { all: unset; } div { display: flex; }
     html { font: 40px/0 serif; letter-spacing: 5px; text-transform: uppercase; }`,
  ),
  // As some news sites do, to discourage copying.
  "no text selection": pageWith('lang="en"', "html { user-select: none; }"),
  // Rules for every element, important: none may reach a mark.
  "important rules for every element": pageWith(
    'lang="en"',
    `* { display: block !important; margin: 9px !important; padding: 9px !important;
       border: 3px solid red !important; background: lime !important;
       text-decoration: none !important; outline: 3px solid blue !important; }`,
  ),
};

/** How a mark looks: its box and its underline. */
const MARK_LOOK = [
  "display",
  "margin-top",
  "padding-left",
  "border-top-width",
  "background-color",
  "outline-style",
  "text-decoration-line",
  "text-decoration-style",
  "text-decoration-color",
];

/** Serves `html` as `file` and opens it, once its marks are in. */
async function openMarked(harness: Harness, file: string, html: string): Promise<Page> {
  writeFileSync(join(harness.site.root, file), html);
  const page = await harness.browser.context.newPage();
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(`${harness.server.url}/${file}`);
  await waitForMarks(page);
  return page;
}

/** Opens the page and the person's card on it, placed and with its data. */
async function openCardOn(harness: Harness, name: keyof typeof PAGES): Promise<Page> {
  const page = await openMarked(
    harness,
    `page-styles-${name.replace(/ /g, "-")}.html`,
    PAGES[name],
  );
  // Focus opens the card at once, with no pointer: on a page at line-height 0 every line is
  // stacked on the others, where no pointer could hover one name alone.
  await markFor(page, PERSON_ID).focus();
  await settledCardBox(page);
  return page;
}

async function cardLookOn(harness: Harness, name: keyof typeof PAGES): Promise<CardLook> {
  const page = await openCardOn(harness, name);
  try {
    return await page.evaluate(
      ({ parts, look }) => {
        const root = document.querySelector("receipts-ui")?.shadowRoot;
        const card = root?.querySelector<HTMLElement>("[role=dialog]");
        if (!card) throw new Error("no card");
        const styles: Record<string, string[]> = {};
        for (const selector of parts) {
          const part = selector === "[role=dialog]" ? card : card.querySelector(selector);
          if (!part) throw new Error(`no ${selector} in the card`);
          const computed = getComputedStyle(part);
          styles[selector] = look.map((property) => computed.getPropertyValue(property));
        }
        return { english: card.matches(":lang(en)"), styles };
      },
      { parts: CARD_PARTS, look: LOOK },
    );
  } finally {
    await page.close();
  }
}

describe("the card on pages with their own styles", () => {
  let harness: Harness;
  let plain: CardLook;
  beforeAll(async () => {
    harness = await startHarness({ viewport: VIEWPORT });
    plain = await cardLookOn(harness, "plain");
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("is English on a plain English page", () => {
    expect(plain.english).toBe(true);
  });

  it.each([
    ["a right-to-left page in Hebrew", "rtl"],
    ["a page with a 48px root font size", "root font size"],
    ["a page that sets the card's custom property names on every element", "custom properties"],
    ["a page that unsets every property, lays out in flex and sets line-height 0", "global resets"],
  ] as const)("looks and reads the same on %s", async (_, name) => {
    expect(await cardLookOn(harness, name)).toEqual(plain);
  });

  it("lets the reader select a quote, to copy it by hand, on a page that forbids selecting text", async () => {
    const page = await openCardOn(harness, "no text selection");
    const quote = cards(page).first().locator("blockquote p").first();
    await quote.click({ clickCount: 3 });
    // Chromium keeps a selection inside a shadow root on the root (ShadowRoot.getSelection).
    const selected = await page.evaluate(() => {
      const root = document.querySelector("receipts-ui")?.shadowRoot as
        (ShadowRoot & { getSelection(): Selection | null }) | null | undefined;
      return root?.getSelection()?.toString().trim() ?? "";
    });
    expect(selected).toBe(((await quote.textContent()) ?? "").trim());
    expect(selected).not.toBe("");
    await page.close();
  });
});

describe("a mark on pages with their own styles", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ viewport: VIEWPORT });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  async function markLookOn(name: keyof typeof PAGES): Promise<string[]> {
    const file = `mark-styles-${name.replace(/ /g, "-")}.html`;
    const page = await openMarked(harness, file, PAGES[name]);
    try {
      return await markFor(page, PERSON_ID).evaluate((mark, look) => {
        const computed = getComputedStyle(mark);
        return look.map((property) => computed.getPropertyValue(property));
      }, MARK_LOOK);
    } finally {
      await page.close();
    }
  }

  it("is underlined and takes no room of its own, even where the page's important rules reach every element", async () => {
    const plain = await markLookOn("plain");
    expect(plain).toEqual([
      "inline",
      "0px",
      "0px",
      "0px",
      "rgba(0, 0, 0, 0)",
      "none",
      "underline",
      "dotted",
      "rgb(179, 58, 58)",
    ]);
    expect(await markLookOn("important rules for every element")).toEqual(plain);
  });

  it("is drawn underlined, 2px thick, through its own root", async () => {
    const page = await openMarked(harness, "plain.html", PLAIN_PAGE);
    const box = await markFor(page, PERSON_ID).boundingBox();
    if (!box) throw new Error("The mark has no box.");
    // The mark's line and a little below it, where the underline is drawn.
    const png = await page.screenshot({
      clip: { x: box.x, y: box.y, width: box.width, height: box.height + 8 },
    });
    expect(await page.evaluate(underlineRows, png.toString("base64"))).toBe(2);
    await page.close();
  });
});
