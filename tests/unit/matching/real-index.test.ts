/**
 * The matcher with the shipped index (data/match-index.json), not the hand-made fixture: the
 * labelled corpus sentences and the five source articles must come out the same way.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { MatchIndex } from "../../../lib/dataset/types";
import { compileMatcher, createMatchSession, findMatches } from "../../../lib/matching/index";

const read = (relative: string) =>
  readFileSync(fileURLToPath(new URL(relative, import.meta.url)), "utf8");

const index = JSON.parse(read("../../../data/match-index.json")) as MatchIndex;
const matcher = compileMatcher(index);
const ids = new Set(index.entities.map((entity) => entity.id));

const labelled = read("../../fixtures/ambiguous-contexts-labels.tsv")
  .split("\n")
  .slice(1)
  .filter((line) => line.length > 0)
  .map((line) => {
    const [, , term = "", sentence = "", label = ""] = line.split("\t");
    return { term, sentence, label };
  });

/** An article as the content script would see it: one block per line. */
function scanArticle(stem: string) {
  const text = read(`../../../data/articles/${stem}.txt`);
  const segments = text.split("\n").map((line, block) => ({ text: `${line}\n`, block }));
  return createMatchSession(matcher).scan(segments);
}

describe("with data/match-index.json", () => {
  it("knows every entity the labels name", () => {
    for (const row of labelled) if (row.label !== "none") expect(ids).toContain(row.label);
  });

  it("gives every labelled corpus sentence its label", () => {
    const wrong: string[] = [];
    for (const row of labelled) {
      const term = new RegExp(`(?<![\\p{L}\\p{N}])${row.term}(?![\\p{L}\\p{N}])`, "iu");
      const onTerm = findMatches(matcher, [{ text: row.sentence, block: 0 }])
        .filter((match) => term.test(match.text))
        .map((match) => match.entity);
      const right = row.label === "none" ? onTerm.length === 0 : onTerm.includes(row.label);
      if (!right) wrong.push(`${row.label} ≠ [${onTerm.join(",")}] in ${row.sentence}`);
    }
    expect(wrong).toEqual([]);
  });

  it("marks the people and companies of article 000 as the article names them", () => {
    const marks = scanArticle("000_bfb5c102bb8fd280").map((m) => `${m.entity}:${m.text}:${m.how}`);
    for (const expected of [
      "tim-cook:Tim Cook:full",
      "apple:Apple:brand",
      "jeff-dean:Jeff Dean:full",
      "google-deepmind:Google DeepMind:full",
      "renee-good:Renee Good:full",
      "signal:Signal:brand",
      "oracle:Oracle:brand",
      "amazon-web-services:Amazon Web Services:full",
      "greg-brockman:Greg Brockman:full",
      "elon-musk:Elon Musk:full",
    ]) {
      expect(marks).toContain(expected);
    }
    // "Amazon" inside "Amazon Web Services" is not a second mark.
    expect(marks.filter((mark) => mark.startsWith("amazon:"))).toHaveLength(2);
  });

  it("marks Pretti alone only after his full name (article 003), never 'good research'", () => {
    const matches = scanArticle("003_61093b3dc398094d");
    const pretti = matches.filter((match) => match.entity === "alex-pretti");
    expect(pretti.map((match) => match.how)).toEqual(["full", "surname"]);
    expect(matches.some((match) => match.entity === "renee-good")).toBe(false);
  });

  it("matches the accented spelling in article 002", () => {
    const matches = scanArticle("002_ed79f64283e41cd2");
    expect(matches.filter((m) => m.entity === "renee-good").map((m) => m.text)).toEqual([
      "Renée Good",
    ]);
  });
});
