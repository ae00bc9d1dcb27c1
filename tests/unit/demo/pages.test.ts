import { describe, expect, it } from "vitest";
import {
  DEMO_SITE_NAME,
  escapeHtml,
  parseArticle,
  renderArticlePage,
  renderIndexPage,
  renderPage,
} from "../../../scripts/demo/pages";

const LEADDEV_LIKE = [
  "London",
  "",
  "June 2–3, 2026",
  "",
  "Meet the tech workers taking a stand against ICE",
  "",
  "Hundreds of tech workers are turning up the pressure on their employers.",
  "January 27, 2026",
  "",
  "Taking a stand",
  "",
  "Posting on X, Jeff Dean urged “every person regardless of political affiliation” to act.",
].join("\n");

const LEADDEV_META = {
  id: "002_ed79f64283e41cd2",
  headline: "Meet the tech workers taking a stand against ICE",
  publisher: "LeadDev",
  date: "January 27, 2026",
};

describe("escapeHtml", () => {
  it("escapes every character that could open markup or close an attribute", () => {
    expect(escapeHtml(`<img src=x onerror="a('b')"> & co`)).toBe(
      "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; &amp; co",
    );
  });

  it("leaves typographic quotes, dashes and non-ASCII letters alone", () => {
    expect(escapeHtml("“Renée” — it’s")).toBe("“Renée” — it’s");
  });
});

describe("parseArticle", () => {
  it("takes the headline and the stated date out of the body and keeps the furniture above", () => {
    const parsed = parseArticle(LEADDEV_LIKE, LEADDEV_META);
    expect(parsed.preamble).toEqual(["London", "June 2–3, 2026"]);
    expect(parsed.headline).toBe(LEADDEV_META.headline);
    expect(parsed.date).toBe("January 27, 2026");
    expect(parsed.blocks).toEqual([
      {
        kind: "paragraph",
        text: "Hundreds of tech workers are turning up the pressure on their employers.",
      },
      { kind: "subheading", text: "Taking a stand" },
      {
        kind: "paragraph",
        text: "Posting on X, Jeff Dean urged “every person regardless of political affiliation” to act.",
      },
    ]);
  });

  it("splits a first sentence that stands in for the headline from the rest of its line", () => {
    const text = "More than eight hundred signed. The petition also urges more.\nNext line.";
    const parsed = parseArticle(text, { id: "a", headline: "More than eight hundred signed." });
    expect(parsed.blocks).toEqual([
      { kind: "paragraph", text: "The petition also urges more." },
      { kind: "paragraph", text: "Next line." },
    ]);
  });

  it("groups bullet and numbered lines into lists and recognises embedded posts", () => {
    const text = [
      "Headline here",
      "- first",
      "- second",
      "1. Call the office.",
      "2. Cancel the contract.",
      "Pure words https://t.co/abc — Some One (@someone) January 19, 2026",
    ].join("\n");
    expect(parseArticle(text, { id: "a", headline: "Headline here" }).blocks).toEqual([
      { kind: "bullets", items: ["first", "second"] },
      { kind: "numbered", items: ["Call the office.", "Cancel the contract."] },
      {
        kind: "post",
        text: "Pure words https://t.co/abc — Some One (@someone) January 19, 2026",
      },
    ]);
  });

  it("gathers a run of one- and two-word widget lines into one furniture block", () => {
    const text = "Headline\nIt ended.\nWhat's Your Reaction?\nLike\n0\nDislike\n0\nThe end.";
    expect(parseArticle(text, { id: "a", headline: "Headline" }).blocks).toEqual([
      { kind: "paragraph", text: "It ended." },
      { kind: "paragraph", text: "What's Your Reaction?" },
      { kind: "furniture", items: ["Like", "0", "Dislike", "0"] },
      { kind: "paragraph", text: "The end." },
    ]);
  });

  it("does not take dates, labels or sentences for subheadings", () => {
    const text = "Headline\nJune 2–3, 2026\nEstimated reading time: 2 minutes\nLike\nIt worked.";
    const kinds = parseArticle(text, { id: "a", headline: "Headline" }).blocks.map((b) => b.kind);
    expect(kinds).toEqual(["paragraph", "paragraph", "paragraph", "paragraph"]);
  });
});

describe("renderArticlePage", () => {
  it("renders a news page: headline in <h1>, byline with the stated publisher and date", () => {
    const html = renderArticlePage(LEADDEV_LIKE, LEADDEV_META);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<h1>Meet the tech workers taking a stand against ICE</h1>");
    expect(html).toContain(
      '<p class="byline"><span class="publisher">LeadDev</span> · <time>January 27, 2026</time></p>',
    );
    expect(html).toContain('<p class="preamble">London · June 2–3, 2026</p>');
    expect(html).toContain("<h2>Taking a stand</h2>");
    expect(html).toContain("<header");
    expect(html).toContain("<nav");
    expect(html).toContain("<aside");
    expect(html).toContain("<footer");
    // Each line of the text appears once: the headline is not repeated as a paragraph.
    expect(html.split("Meet the tech workers taking a stand against ICE").length - 1).toBe(2); // <title> + <h1>
  });

  it("prints no byline when the text names neither publisher nor date", () => {
    const html = renderArticlePage("A headline\nA paragraph.", { id: "x", headline: "A headline" });
    expect(html).not.toContain('class="byline"');
  });

  it("escapes article text and metadata, so no article can inject markup", () => {
    const html = renderArticlePage('Head <b>\n<script>alert("x")</script> & more', {
      id: 'x" onload="y',
      headline: "Head <b>",
      publisher: "<i>Pub</i>",
    });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("<i>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more");
    expect(html).toContain('data-demo-article="x&quot; onload=&quot;y"');
  });
});

describe("site furniture", () => {
  // The look-alike page must have no marks, and article marks must come from the article:
  // so the furniture names no one and nothing from the dataset.
  const DATASET_NAMES =
    /\b(Apple|Amazon|Google|Meta|Oracle|Signal|Zoom|Tesla|Palantir|Microsoft|OpenAI|ICE|Cook|Dean|Musk)\b/;

  it("names nothing from the dataset", () => {
    const shell = renderPage({ title: "t", main: "" });
    expect(shell).toContain(DEMO_SITE_NAME);
    expect(shell.replace(/<[^>]*>/g, " ")).not.toMatch(DATASET_NAMES);
  });

  it("renders the index with escaped links", () => {
    const html = renderIndexPage(
      [{ href: "/articles/a.html", title: "A & B", note: "Pub" }],
      [{ href: "/lookalikes.html", title: "Look-alikes" }],
    );
    expect(html).toContain(
      '<a href="/articles/a.html">A &amp; B</a> <span class="note">Pub</span>',
    );
    expect(html).toContain('<a href="/lookalikes.html">Look-alikes</a>');
  });
});
