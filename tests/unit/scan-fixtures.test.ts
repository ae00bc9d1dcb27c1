import { readdirSync, readFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import type { MatchIndex } from "../../lib/dataset/types";
import { collectText } from "../../lib/dom/collect";
import { compileMatcher, findMatches } from "../../lib/matching";

const PAGES = "tests/fixtures/pages";
const index = JSON.parse(readFileSync("tests/fixtures/dom-match-index.json", "utf8")) as MatchIndex;
const matcher = compileMatcher(index);
const pages = readdirSync(PAGES)
  .filter((file) => file.endsWith(".expected.json"))
  .map((file) => file.replace(/\.expected\.json$/, ""));

interface Expected {
  mentions: Array<{ entity: string; text: string; how: string }>;
}

describe("fixture pages under linkedom (what npm run scan sees)", () => {
  it("has fixture pages", () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });

  for (const name of pages) {
    it(`${name}: finds the same mentions as the browser adapter`, () => {
      const { document } = parseHTML(readFileSync(`${PAGES}/${name}.html`, "utf8"));
      const { segments } = collectText(document as unknown as Document);
      const expected = JSON.parse(
        readFileSync(`${PAGES}/${name}.expected.json`, "utf8"),
      ) as Expected;
      expect(
        findMatches(matcher, segments).map(({ entity, text, how }) => ({ entity, text, how })),
      ).toEqual(expected.mentions.map(({ entity, text, how }) => ({ entity, text, how })));
    });
  }
});
