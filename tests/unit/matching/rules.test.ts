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

  it("compile to the words the tokenizer reads, ASCII ones cut without it", () => {
    expect(phrases.length).toBeGreaterThan(200);
    for (const phrase of phrases) expect(phraseWords(phrase), phrase).toEqual(tokenized(phrase));
  });

  it("read punctuation, case and spacing as the tokenizer does, in ASCII and beyond", () => {
    const samples = [
      "adam's",
      "Granny  Smith",
      "ms.",
      ", jr",
      "exchange (",
      "a_b-c",
      "route 66",
      "",
    ];
    for (const phrase of samples) {
      expect(phraseWords(phrase), phrase).toEqual(tokenized(phrase));
    }
    expect(phraseWords("adam's")).toEqual(["adam", "'", "s"]);
    expect(phraseWords("crème brûlée")).toEqual(["creme", "brulee"]);
    expect(phraseWords("l’oréal")).toEqual(tokenized("l’oréal"));
  });
});
