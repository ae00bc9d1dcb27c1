/** Finds the saved pages in a folder and reads the CI subset list. */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export interface SavedPage {
  /** Path relative to the pages folder: the folder of a `source.html`, or the `.html` file. */
  name: string;
  file: string;
  /** URL path on the sweep's server, which serves the pages folder. */
  urlPath: string;
}

const FOLDER_PAGE = "source.html";

function toUrlPath(root: string, file: string): string {
  return "/" + relative(root, file).split(sep).map(encodeURIComponent).join("/");
}

/**
 * Every page under `root`, sorted by name: each `<folder>/source.html` (named by its folder) and
 * each other `*.html` file (named by its path). A folder with a `source.html` is one page: other
 * files beside it are its own resources, not pages.
 */
export function findPages(root: string): SavedPage[] {
  const pages: SavedPage[] = [];
  const visit = (folder: string): void => {
    const entries = readdirSync(folder, { withFileTypes: true });
    if (folder !== root && entries.some((entry) => entry.isFile() && entry.name === FOLDER_PAGE)) {
      const file = join(folder, FOLDER_PAGE);
      pages.push({
        name: relative(root, folder).split(sep).join("/"),
        file,
        urlPath: toUrlPath(root, file),
      });
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith(".html")) {
        pages.push({
          name: relative(root, path).split(sep).join("/"),
          file: path,
          urlPath: toUrlPath(root, path),
        });
      }
    }
  };
  visit(root);
  return pages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Page names from a list file: one a line, `#` starts a comment, blank lines ignored. */
export function parsePageList(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter((line) => line !== "");
}

export function readPageList(file: string): string[] {
  return parsePageList(readFileSync(file, "utf8"));
}

/** `--only` matches a page by exact name or by a part of its name. */
export function selectPages(
  pages: SavedPage[],
  selection: { only?: string; names?: string[]; limit?: number },
): SavedPage[] {
  let selected = pages;
  if (selection.names) {
    const byName = new Map(pages.map((page) => [page.name, page]));
    const missing = selection.names.filter((name) => !byName.has(name));
    if (missing.length > 0) throw new Error(`Pages not found: ${missing.join(", ")}`);
    selected = selection.names.map((name) => byName.get(name) as SavedPage);
  }
  if (selection.only !== undefined) {
    const only = selection.only;
    const exact = selected.filter((page) => page.name === only);
    selected = exact.length > 0 ? exact : selected.filter((page) => page.name.includes(only));
  }
  if (selection.limit !== undefined) selected = selected.slice(0, selection.limit);
  return selected;
}
