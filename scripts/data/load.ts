/** Reads the curated files and the articles from a data/ directory (Node only). */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ArticleFile, CuratedFile } from "../../lib/dataset/compile";
import { SOURCE_FILE_KINDS } from "../../lib/dataset/schema";

export function loadCuratedFiles(dataDir: string): CuratedFile[] {
  return Object.keys(SOURCE_FILE_KINDS).map((name) => ({
    path: `data/${name}`,
    text: readFileSync(join(dataDir, name), "utf8"),
  }));
}

export function loadArticles(dataDir: string): ArticleFile[] {
  return readdirSync(join(dataDir, "articles"))
    .filter((name) => name.endsWith(".txt"))
    .sort()
    .map((name) => ({
      file: `articles/${name}`,
      text: readFileSync(join(dataDir, "articles", name), "utf8"),
    }));
}
