import { describe, expect, it } from "vitest";
import { tokensAfter } from "../../../lib/matching/context";
import { AMBIGUITY_RULE_SOURCES, phraseWords } from "../../../lib/matching/rules";

/** What the tokenizer reads in a phrase: the words the matcher compares with the page's. */
const tokenized = (phrase: string): string[] =>
  tokensAfter(phrase, 0, { start: 0, end: phrase.length }, Number.MAX_SAFE_INTEGER).map(
    (token) => token.text,
  );

describe("the phrases of the ambiguity rules", () => {
  const phrases = Object.values(AMBIGUITY_RULE_SOURCES).flatMap((source) => [
    ...(source.notBefore ?? []),
    ...(source.notAfter ?? []),
  ]);

  it("compile to the words the tokenizer reads, plain ones split on their spaces", () => {
    expect(phrases.length).toBeGreaterThan(200);
    for (const phrase of phrases) expect(phraseWords(phrase), phrase).toEqual(tokenized(phrase));
  });

  it("go through the tokenizer when they are not plain words", () => {
    expect(phraseWords("adam's")).toEqual(["adam", "'", "s"]);
    expect(phraseWords("Granny  Smith")).toEqual(["granny", "smith"]);
    expect(phraseWords("ms.")).toEqual(["ms", "."]);
    expect(phraseWords("crème brûlée")).toEqual(["creme", "brulee"]);
  });
});
