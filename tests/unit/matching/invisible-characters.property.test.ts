/**
 * Properties over generated text: invisible characters and other whitespace never change what is
 * found, offsets always point at the page's own text, matches are sorted and never overlap.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileMatcher, findMatches, type TextSegment } from "../../../lib/matching/index";
import { fixtureIndex } from "./fixture-index";

const matcher = compileMatcher(fixtureIndex);

const FRAGMENTS = [
  "Tim Cook",
  "Cook",
  "Jeff Dean",
  "Dean",
  "James Dean",
  "Elon Musk",
  "Musk's",
  "Muskrat",
  "Renee Good",
  "Good",
  "good",
  "Apple",
  "Apple pie",
  "Big Apple",
  "Amazon",
  "Amazon Web Services",
  "the Amazon rainforest",
  "Google DeepMind",
  "Meta",
  "metadata",
  "ICE",
  "ICE agents",
  "ice",
  "Zoom in",
  "Signal",
  "Palantir-built",
  "said",
  "on Monday",
  "the",
  "and",
  ".",
  ",",
  "(",
  ")",
  "Mr.",
  "CEO",
];
const INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"];
const SPACES = [" ", "\u00a0", "\n", "  ", "\t", " \n "];

const pageText = fc
  .array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 30 })
  .map((words) => words.join(" "));

function found(text: string): string[] {
  return findMatches(matcher, [{ text, block: 0 }]).map((match) => `${match.entity}/${match.how}`);
}

describe("properties", () => {
  it("soft hyphens and zero-width characters inside words change nothing found", () => {
    fc.assert(
      fc.property(
        pageText,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLE)), { maxLength: 12 }),
        (text, insertions) => {
          let noisy = text;
          for (const [at, invisible] of insertions) {
            const position = at % (noisy.length + 1);
            // Inside a word only: between two letters, so no word is joined or split.
            const before = noisy[position - 1] ?? " ";
            const after = noisy[position] ?? " ";
            if (!/\p{L}/u.test(before) || !/\p{L}/u.test(after)) continue;
            noisy = noisy.slice(0, position) + invisible + noisy.slice(position);
          }
          expect(found(noisy)).toEqual(found(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("any run of whitespace between words is the same as one space", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 25 }),
        fc.array(fc.constantFrom(...SPACES), { minLength: 30, maxLength: 30 }),
        (words, spaces) => {
          const plain = words.join(" ");
          const spaced = words.map((word, index) => (index ? spaces[index]! : "") + word).join("");
          expect(found(spaced)).toEqual(found(plain));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("offsets point at the page's text; matches are sorted and disjoint, across segments", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(pageText, fc.nat({ max: 3 })), { minLength: 1, maxLength: 6 }),
        (parts) => {
          const segments: TextSegment[] = parts.map(([text, block]) => ({ text, block }));
          const joined = segments.map((segment) => segment.text).join("");
          const matches = findMatches(matcher, segments);
          let previousEnd = 0;
          for (const match of matches) {
            expect(joined.slice(match.start, match.end)).toBe(match.text);
            expect(match.start).toBeGreaterThanOrEqual(previousEnd);
            expect(match.end).toBeGreaterThan(match.start);
            previousEnd = match.end;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
