/**
 * Writes the demo site (index, one page per article, the look-alike page, the stylesheet) into a
 * folder. Articles are read from the project's data/articles/ at generation time and their
 * headline, publisher and date from the compiled dataset, so the pages cannot drift from the data.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { basename, join } from "node:path";
import type { ArticleSource, Dataset } from "../../lib/dataset/types";
import {
  DEMO_STYLESHEET,
  renderArticlePage,
  renderIndexPage,
  type DemoArticleMeta,
  type DemoIndexEntry,
} from "./pages";
import { PROJECT_ROOT } from "../paths";

export const ARTICLES_DIR = join(PROJECT_ROOT, "data/articles");
export const DATASET_FILE = join(PROJECT_ROOT, "data/dataset.json");
export const LOOKALIKES_SOURCE = join(PROJECT_ROOT, "tests/fixtures/demo/lookalikes.html");

/** Site paths, relative to the server root, that tests and screenshots refer to. */
export const LOOKALIKES_PATH = "/lookalikes.html";
export function articlePath(articleId: string): string {
  return `/articles/${articleId}.html`;
}

export interface DemoArticle {
  meta: DemoArticleMeta;
  text: string;
  path: string;
}

export interface DemoSite {
  root: string;
  articles: DemoArticle[];
  /** Every page's site path: index first, then the articles, then the look-alike page. */
  pages: string[];
}

export interface DemoSiteOptions {
  articlesDir?: string;
  datasetFile?: string;
  lookalikesSource?: string;
}

/** Article metadata from the compiled dataset, by source id; empty when it is not compiled yet. */
function readArticleSources(datasetFile: string): Map<string, ArticleSource> {
  if (!existsSync(datasetFile)) return new Map();
  const dataset = JSON.parse(readFileSync(datasetFile, "utf8")) as Partial<Dataset>;
  const articles = (dataset.sources ?? []).filter(
    (source): source is ArticleSource => source.kind === "article",
  );
  return new Map(articles.map((source) => [source.id, source]));
}

function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? ""
  );
}

export function readDemoArticles(options: DemoSiteOptions = {}): DemoArticle[] {
  const articlesDir = options.articlesDir ?? ARTICLES_DIR;
  if (!existsSync(articlesDir)) {
    throw new Error(`No articles at ${articlesDir}: run \`npm run data\` first.`);
  }
  const sources = readArticleSources(options.datasetFile ?? DATASET_FILE);
  return readdirSync(articlesDir)
    .filter((file) => file.endsWith(".txt"))
    .sort()
    .map((file) => {
      const id = basename(file, ".txt");
      const text = readFileSync(join(articlesDir, file), "utf8");
      const source = sources.get(id);
      const meta: DemoArticleMeta = {
        id,
        headline: source?.headline ?? firstLine(text),
        ...(source?.publisher === undefined ? {} : { publisher: source.publisher }),
        ...(source?.date === undefined ? {} : { date: source.date }),
      };
      return { meta, text, path: articlePath(id) };
    });
}

/** Generates the whole demo site into `root` (created if needed) and says what it wrote. */
export function writeDemoSite(root: string, options: DemoSiteOptions = {}): DemoSite {
  const articles = readDemoArticles(options);
  mkdirSync(join(root, "articles"), { recursive: true });
  writeFileSync(join(root, "demo.css"), DEMO_STYLESHEET);
  for (const article of articles) {
    writeFileSync(join(root, article.path), renderArticlePage(article.text, article.meta));
  }
  copyFileSync(options.lookalikesSource ?? LOOKALIKES_SOURCE, join(root, LOOKALIKES_PATH));

  const articleEntries: DemoIndexEntry[] = articles.map((article) => ({
    href: article.path,
    title: article.meta.headline,
    ...(article.meta.publisher === undefined ? {} : { note: article.meta.publisher }),
  }));
  const otherEntries: DemoIndexEntry[] = [
    {
      href: LOOKALIKES_PATH,
      title: "Weekend: look-alike names",
      note: "ordinary words and namesakes that must stay unmarked",
    },
  ];
  writeFileSync(join(root, "index.html"), renderIndexPage(articleEntries, otherEntries));
  return {
    root,
    articles,
    pages: ["/", ...articles.map((article) => article.path), LOOKALIKES_PATH],
  };
}
