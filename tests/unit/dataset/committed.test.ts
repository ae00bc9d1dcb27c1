/** The committed outputs and article copies must match their sources exactly. */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { compileDataset, serializeJson } from "../../../lib/dataset/compile";
import { buildMatchIndex } from "../../../lib/dataset/match-index";
import { loadArticles, loadCuratedFiles } from "../../../scripts/data/load";

const REPO = resolve(import.meta.dirname, "../../..");
const DATA = join(REPO, "data");
// CI checks the shared material out beside the repository.
const SHARED_ARTICLES = resolve(REPO, "../shared/articles");

function freshCompile() {
  const result = compileDataset(loadCuratedFiles(DATA), loadArticles(DATA));
  if (!result.ok) throw new Error(`data/ does not compile:\n${result.errors.join("\n")}`);
  return result.dataset;
}

describe("committed data", () => {
  it("data/dataset.json equals a fresh compile (no drift: run npm run data)", () => {
    const committed = readFileSync(join(DATA, "dataset.json"), "utf8");
    expect(committed).toBe(serializeJson(freshCompile()));
  });

  it("data/match-index.json equals a fresh compile (no drift: run npm run data)", () => {
    const committed = readFileSync(join(DATA, "match-index.json"), "utf8");
    expect(committed).toBe(serializeJson(buildMatchIndex(freshCompile())));
  });

  it("compiles to the same bytes twice (deterministic)", () => {
    expect(serializeJson(freshCompile())).toBe(serializeJson(freshCompile()));
  });
});

describe("data/articles", () => {
  const sharedNames = readdirSync(SHARED_ARTICLES)
    .filter((name) => name.endsWith(".txt"))
    .sort();

  it("holds exactly the five shared articles (and not the README)", () => {
    const copied = readdirSync(join(DATA, "articles")).sort();
    expect(sharedNames).toHaveLength(5);
    expect(copied).toEqual(sharedNames);
  });

  it.each(sharedNames)("%s is byte-identical to ../shared/articles", (name) => {
    const copy = readFileSync(join(DATA, "articles", name));
    const original = readFileSync(join(SHARED_ARTICLES, name));
    expect(copy.equals(original)).toBe(true);
  });
});
