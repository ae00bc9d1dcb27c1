/**
 * Demo pages: each of the five articles rendered as an ordinary news page, and an index linking
 * them. Pure: text and metadata in, HTML strings out (no file system, no DOM).
 *
 * Every piece of article or metadata text goes through `escapeHtml`, so an article can never
 * become markup. The site furniture (header, nav, aside, footer) deliberately names no person or
 * company from the dataset: the only marks on a demo page must come from the article itself.
 */

/** What the text itself says about an article; fields it does not state stay absent. */
export interface DemoArticleMeta {
  id: string; // the file stem, e.g. "000_bfb5c102bb8fd280"
  headline: string;
  publisher?: string;
  date?: string; // as the text states it
}

export interface DemoIndexEntry {
  href: string;
  title: string;
  note?: string;
}

/** One block of an article body, in reading order. */
export type ArticleBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "subheading"; text: string }
  | { kind: "bullets"; items: string[] }
  | { kind: "numbered"; items: string[] }
  | { kind: "post"; text: string }
  | { kind: "furniture"; items: string[] };

export interface ParsedArticle {
  /** Page furniture printed above the headline (e.g. LeadDev's event dates). */
  preamble: string[];
  headline: string;
  date?: string;
  blocks: ArticleBlock[];
}

export const DEMO_SITE_NAME = "The Civic Ledger";
export const DEMO_STYLESHEET_HREF = "/demo.css";

/** Subheadings are short: the longest in the five articles has 9 words. */
const SUBHEADING_MAX_WORDS = 12;
const SUBHEADING_MIN_WORDS = 2;
/** First sentences that stand in for a headline run to 200+ characters: set them smaller. */
const LONG_HEADLINE_CHARS = 120;
const ENDS_LIKE_A_SENTENCE = /[.!?…:;,"”’)\]]$/;
/** Runs of this many one- or two-word lines are widgets ("Like", "0", "Dislike", "0", ...). */
const FURNITURE_MIN_RUN = 4;
const FURNITURE_MAX_WORDS = 2;
const BULLET = /^[-•]\s+/;
const NUMBERED = /^\d+\.\s+/;
/** An embedded post as the articles capture it: "… — Name (@handle) January 26, 2026". */
const EMBEDDED_POST = /\s—\s[^—]+\(@\w+\)\s+[A-Z][a-z]+ \d{1,2}, \d{4}$/;

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for use in element content and in double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

function isSubheading(line: string): boolean {
  const words = line.split(/\s+/).filter(Boolean);
  return (
    words.length >= SUBHEADING_MIN_WORDS &&
    words.length <= SUBHEADING_MAX_WORDS &&
    /^[A-Z]/.test(line) &&
    !/[:,\d]/.test(line) && // dates, times and labels ("Estimated reading time: 2 minutes")
    !ENDS_LIKE_A_SENTENCE.test(line)
  );
}

const wordCount = (line: string): number => line.split(/\s+/).filter(Boolean).length;

/** "Like", "0", "Share": a word or two that is not a sentence. */
function isWidgetLine(line: string): boolean {
  return wordCount(line) <= FURNITURE_MAX_WORDS && !/[.!?…]$/.test(line);
}

/** Start index → length of each run of widget lines (see FURNITURE_MIN_RUN). */
function findFurnitureRuns(lines: readonly string[]): Map<number, number> {
  const runs = new Map<number, number>();
  let start = 0;
  for (let index = 0; index <= lines.length; index++) {
    const line = lines[index];
    if (line !== undefined && isWidgetLine(line)) continue;
    if (index - start >= FURNITURE_MIN_RUN) runs.set(start, index - start);
    start = index + 1;
  }
  return runs;
}

function isInRun(runs: Map<number, number>, index: number): boolean {
  for (const [start, length] of runs) if (index >= start && index < start + length) return true;
  return false;
}

function withoutEllipsis(text: string): string {
  return text.replace(/(…|\.\.\.)$/, "").trim();
}

/**
 * Splits an article's plain text into headline, date and body blocks. The headline line and a
 * line that is exactly the stated date are taken out of the body, so no text appears twice;
 * lines above the headline (site furniture) become the preamble.
 */
export function parseArticle(text: string, meta: DemoArticleMeta): ParsedArticle {
  const lines = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

  const headline = meta.headline.trim();
  const headlineIndex = lines.findIndex((line) => line === headline);
  const preamble = headlineIndex > 0 ? lines.slice(0, headlineIndex) : [];
  let bodyLines = headlineIndex >= 0 ? lines.slice(headlineIndex + 1) : lines;
  // An article without a headline has its first sentence as one: the rest of that line is the lede.
  const [first, ...rest] = bodyLines;
  if (headlineIndex < 0 && first !== undefined && first.startsWith(withoutEllipsis(headline))) {
    const lede = first.slice(withoutEllipsis(headline).length).trim();
    bodyLines = lede.length > 0 ? [lede, ...rest] : rest;
  }

  let date: string | undefined;
  const blocks: ArticleBlock[] = [];
  const furnitureRuns = findFurnitureRuns(bodyLines);
  for (const [index, line] of bodyLines.entries()) {
    const run = furnitureRuns.get(index);
    if (run !== undefined) {
      blocks.push({ kind: "furniture", items: bodyLines.slice(index, index + run) });
    }
    if (isInRun(furnitureRuns, index)) continue;
    if (meta.date !== undefined && date === undefined && line === meta.date.trim()) {
      date = line;
      continue;
    }
    const previous = blocks.at(-1);
    if (BULLET.test(line)) {
      const item = line.replace(BULLET, "");
      if (previous?.kind === "bullets") previous.items.push(item);
      else blocks.push({ kind: "bullets", items: [item] });
    } else if (NUMBERED.test(line)) {
      const item = line.replace(NUMBERED, "");
      if (previous?.kind === "numbered") previous.items.push(item);
      else blocks.push({ kind: "numbered", items: [item] });
    } else if (EMBEDDED_POST.test(line)) {
      blocks.push({ kind: "post", text: line });
    } else if (isSubheading(line)) {
      blocks.push({ kind: "subheading", text: line });
    } else {
      blocks.push({ kind: "paragraph", text: line });
    }
  }
  // A stated date that is not a line of its own (it sits inside a sentence) still goes in the byline.
  if (date === undefined && meta.date !== undefined) date = meta.date;
  return { preamble, headline, date, blocks };
}

function renderBlock(block: ArticleBlock): string {
  switch (block.kind) {
    case "paragraph":
      return `<p>${escapeHtml(block.text)}</p>`;
    case "subheading":
      return `<h2>${escapeHtml(block.text)}</h2>`;
    case "post":
      return `<blockquote class="embedded-post"><p>${escapeHtml(block.text)}</p></blockquote>`;
    case "bullets":
      return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`;
    case "furniture":
      return `<ul class="furniture">${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`;
    case "numbered":
      return `<ol>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ol>`;
  }
}

interface PageShell {
  title: string;
  main: string;
  aside?: string;
}

/** The furniture every demo page shares. Names no dataset entity (see the module comment). */
export function renderPage({ title, main, aside }: PageShell): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} | ${escapeHtml(DEMO_SITE_NAME)}</title>
<link rel="stylesheet" href="${DEMO_STYLESHEET_HREF}">
</head>
<body>
<header class="site-header">
<div class="masthead"><a class="site-name" href="/">${escapeHtml(DEMO_SITE_NAME)}</a>
<span class="tagline">Local reading room for the Receipts extension demo</span></div>
<nav aria-label="Sections"><ul>
<li><a href="/">Front page</a></li><li><a href="/#articles">Technology</a></li>
<li><a href="/#articles">Labor</a></li><li><a href="/lookalikes.html">Weekend</a></li>
</ul></nav>
</header>
<div class="layout">
<main id="content">
${main}
</main>
${aside ?? ""}
</div>
<footer class="site-footer">
<p>Demo site served from this computer only. Article text is reproduced exactly as captured, page furniture included.</p>
<p><a href="/">All demo pages</a></p>
</footer>
</body>
</html>
`;
}

/** An article as an ordinary news page: headline in <h1>, byline only with what the text states. */
export function renderArticlePage(text: string, meta: DemoArticleMeta): string {
  const article = parseArticle(text, meta);
  const preamble =
    article.preamble.length > 0
      ? `<p class="preamble">${article.preamble.map(escapeHtml).join(" · ")}</p>\n`
      : "";
  const bylineParts: string[] = [];
  if (meta.publisher !== undefined) {
    bylineParts.push(`<span class="publisher">${escapeHtml(meta.publisher)}</span>`);
  }
  if (article.date !== undefined) {
    bylineParts.push(`<time>${escapeHtml(article.date)}</time>`);
  }
  const byline = bylineParts.length > 0 ? `<p class="byline">${bylineParts.join(" · ")}</p>\n` : "";
  const headlineClass = article.headline.length > LONG_HEADLINE_CHARS ? ' class="long"' : "";
  const main = `<article data-demo-article="${escapeHtml(meta.id)}">
${preamble}<h1${headlineClass}>${escapeHtml(article.headline)}</h1>
${byline}<div class="article-body">
${article.blocks.map(renderBlock).join("\n")}
</div>
</article>`;
  const aside = `<aside class="sidebar" aria-label="About this page">
<h2>About this page</h2>
<p>This is one of five news articles the Receipts dataset is built from, shown as a reader would meet it.</p>
<p>Hover or focus an underlined name to see what the person said, with its source.</p>
<p><a href="/">Back to all demo pages</a></p>
</aside>`;
  return renderPage({ title: article.headline, main, aside });
}

/** The demo's front page: a list of the article pages and the look-alike page. */
export function renderIndexPage(articles: DemoIndexEntry[], others: DemoIndexEntry[]): string {
  const item = (entry: DemoIndexEntry): string =>
    `<li><a href="${escapeHtml(entry.href)}">${escapeHtml(entry.title)}</a>${
      entry.note === undefined ? "" : ` <span class="note">${escapeHtml(entry.note)}</span>`
    }</li>`;
  const main = `<h1>Demo pages</h1>
<p class="lede">Open a page with the extension loaded: names from the dataset are underlined.</p>
<section id="articles"><h2>The five articles</h2>
<ol class="story-list">
${articles.map(item).join("\n")}
</ol></section>
<section id="others"><h2>Other pages</h2>
<ul class="story-list">
${others.map(item).join("\n")}
</ul></section>`;
  return renderPage({ title: "Demo pages", main });
}

/** Ordinary news-site styling; light and dark, so the card can be checked against both. */
export const DEMO_STYLESHEET = `:root {
  color-scheme: light dark;
  --ink: #1b1b1b;
  --muted: #5c5c5c;
  --paper: #fbfaf7;
  --rule: #d9d4c7;
  --accent: #8a1c1c;
}
@media (prefers-color-scheme: dark) {
  :root { --ink: #e9e6df; --muted: #a7a29a; --paper: #16171a; --rule: #3a3a3f; --accent: #f08c7c; }
}
* { box-sizing: border-box; }
body {
  margin: 0;
  background: var(--paper);
  color: var(--ink);
  font: 18px/1.6 Georgia, "DejaVu Serif", "Times New Roman", serif;
}
a { color: var(--accent); }
.site-header { border-bottom: 3px double var(--rule); padding: 1rem 1.5rem 0; }
.masthead { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.75rem 1.5rem; }
.site-name {
  color: var(--ink);
  font: 700 2rem/1.1 "Playfair Display", Georgia, serif;
  text-decoration: none;
}
.tagline, .note, .byline, .preamble, .site-footer {
  color: var(--muted);
  font-family: system-ui, "DejaVu Sans", sans-serif;
  font-size: 0.85rem;
}
nav ul { display: flex; flex-wrap: wrap; gap: 1.25rem; list-style: none; margin: 0.75rem 0 0; padding: 0 0 0.5rem; }
nav a {
  color: var(--ink);
  font: 600 0.8rem/1 system-ui, "DejaVu Sans", sans-serif;
  letter-spacing: 0.06em;
  text-decoration: none;
  text-transform: uppercase;
}
.layout {
  display: grid;
  gap: 2.5rem;
  grid-template-columns: minmax(0, 42rem) minmax(12rem, 18rem);
  margin: 0 auto;
  max-width: 68rem;
  padding: 2rem 1.5rem;
}
@media (max-width: 56rem) { .layout { grid-template-columns: minmax(0, 1fr); } }
h1 { font-size: 2.3rem; line-height: 1.15; margin: 0.25rem 0 0.75rem; }
h1.long { font-size: 1.6rem; line-height: 1.25; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.5rem; }
.article-body p, .article-body li { hyphens: auto; }
.embedded-post {
  border: 1px solid var(--rule);
  border-radius: 12px;
  font-family: system-ui, "DejaVu Sans", sans-serif;
  font-size: 0.95rem;
  margin: 1.5rem 0;
  padding: 0.25rem 1rem;
}
.furniture { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; list-style: none; padding: 0; }
.furniture li { color: var(--muted); font: 0.85rem system-ui, "DejaVu Sans", sans-serif; }
.sidebar { border-top: 2px solid var(--ink); font-size: 0.95rem; }
.sidebar h2 { font-size: 1rem; margin-top: 0.75rem; text-transform: uppercase; }
.story-list li { margin: 0.5rem 0; }
.site-footer { border-top: 1px solid var(--rule); padding: 1rem 1.5rem 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.35rem 0.5rem; text-align: left; }
figure { margin: 1.5rem 0; }
figcaption { color: var(--muted); font-size: 0.85rem; }
`;
