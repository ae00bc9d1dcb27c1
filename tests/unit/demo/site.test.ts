import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SCREENSHOTS } from "../../../scripts/demo/screenshots";
import {
  ARTICLES_DIR,
  articlePath,
  LOOKALIKES_PATH,
  writeDemoSite,
} from "../../../scripts/demo/site";

describe("writeDemoSite", () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), "receipts-site-test-"));
    mkdirSync(join(base, "articles"));
    writeFileSync(join(base, "articles", "001_b.txt"), "First line stands in.\nMore text here.");
    writeFileSync(join(base, "articles", "000_a.txt"), "Banner\nThe Headline\nBody <text>.");
    writeFileSync(join(base, "articles", "notes.md"), "not an article");
    writeFileSync(
      join(base, "dataset.json"),
      JSON.stringify({
        version: 1,
        sources: [
          { id: "000_a", kind: "article", file: "x", headline: "The Headline", publisher: "Pub" },
          { id: "w", kind: "further-reporting", outlet: "Elsewhere" },
        ],
      }),
    );
    writeFileSync(join(base, "lookalikes.html"), "<p>an apple pie</p>");
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it("writes the index, one page per article, the look-alike page and the stylesheet", () => {
    const root = join(base, "out");
    const site = writeDemoSite(root, {
      articlesDir: join(base, "articles"),
      datasetFile: join(base, "dataset.json"),
      lookalikesSource: join(base, "lookalikes.html"),
    });
    expect(site.pages).toEqual(["/", articlePath("000_a"), articlePath("001_b"), LOOKALIKES_PATH]);
    for (const path of ["index.html", "demo.css", "articles/000_a.html", "articles/001_b.html"]) {
      expect(existsSync(join(root, path)), path).toBe(true);
    }
    expect(readFileSync(join(root, "lookalikes.html"), "utf8")).toBe("<p>an apple pie</p>");

    // Headline and publisher come from the dataset; without an entry, the first line stands in.
    const first = readFileSync(join(root, "articles/000_a.html"), "utf8");
    expect(first).toContain("<h1>The Headline</h1>");
    expect(first).toContain('<span class="publisher">Pub</span>');
    expect(first).toContain("<p>Body &lt;text&gt;.</p>");
    const second = readFileSync(join(root, "articles/001_b.html"), "utf8");
    expect(second).toContain("<h1>First line stands in.</h1>");

    const index = readFileSync(join(root, "index.html"), "utf8");
    expect(index).toContain(`<a href="${articlePath("000_a")}">The Headline</a>`);
    expect(index).toContain(`href="${LOOKALIKES_PATH}"`);
  });

  it("reads the project's own data/articles by default", () => {
    expect(ARTICLES_DIR.endsWith(join("data", "articles"))).toBe(true);
  });

  it("says what to run when the articles are missing", () => {
    expect(() => writeDemoSite(join(base, "out"), { articlesDir: join(base, "none") })).toThrow(
      /npm run data/,
    );
  });
});

describe("screenshot table", () => {
  it("names each PNG once and starts each from a site path", () => {
    const files = SCREENSHOTS.map((shot) => shot.file);
    expect(new Set(files).size).toBe(files.length);
    for (const shot of SCREENSHOTS) {
      expect(shot.file).toMatch(/^[a-z0-9-]+\.png$/);
      expect(shot.page.startsWith("/")).toBe(true);
    }
    expect(files).toEqual(
      expect.arrayContaining(["article-highlighted.png", "card-open.png", "popup.png"]),
    );
  });
});

describe("the real demo pages", () => {
  const decode = (html: string): string =>
    html
      .replace(/<[^>]*>/g, " ")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&")
      .replace(/\s+/g, " ");

  it("show every line of every article in data/articles, verbatim", () => {
    const root = mkdtempSync(join(tmpdir(), "receipts-site-real-"));
    try {
      const site = writeDemoSite(root);
      expect(site.articles).toHaveLength(5);
      for (const article of site.articles) {
        const html = readFileSync(join(root, article.path), "utf8");
        const body = html.slice(html.indexOf("<article"), html.indexOf("</article>"));
        const text = decode(body);
        const lines = article.text
          .split("\n")
          .map((line) => line.trim().replace(/^([-•]|\d+\.)\s+/, ""))
          .filter((line) => line.length > 0);
        for (const line of lines)
          expect(text, article.meta.id).toContain(line.replace(/\s+/g, " "));
        expect(html).toContain(`<h1`);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
