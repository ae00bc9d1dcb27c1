/**
 * The case rules of aliases (docs/decisions/0002-matching-rules.md, "Case"): which other forms
 * than "as written" (and capitals in a caps run) each rule lets through, and what stays unmarked.
 * The rows are the shapes of the labelled corpus misses (tests/fixtures/corpus-labels.tsv) and the
 * ordinary words they must not catch.
 */
import { describe, expect, it } from "vitest";
import { compileMatcher, findMatches, type TextSegment } from "../../../lib/matching/index";
import { textsWithHits, type Sieve } from "../../../lib/matching/sieve";
import { sieveFor } from "../../../lib/matching/sieve-build";
import { fixtureIndex } from "./fixture-index";

const matcher = compileMatcher(fixtureIndex);

/** "entity:text" for each match of one block, in order. */
function marks(text: string): string[] {
  const segments: TextSegment[] = [{ text, block: 0 }];
  return findMatches(matcher, segments).map((match) => `${match.entity}:${match.text}`);
}

describe("also-lower: a person's full name in lower case (tags, topic lists)", () => {
  it.each([
    ["Tags: donald trump, election 2016", ["donald-trump:donald trump"]],
    ["#cold war#donald trump#fallout shelter", ["donald-trump:donald trump"]],
    ["what is elon musk?", ["elon-musk:elon musk"]],
    ["topics: tim cook", ["tim-cook:tim cook"]],
    ["renée good", ["renee-good:renée good"]],
  ])("%j is the person", (text, expected) => {
    expect(marks(text)).toEqual(expected);
  });

  it.each([
    // Only all lower case: a capital on one word alone is a sentence ("let Tim cook dinner").
    ["Let Tim cook dinner tonight.", []],
    ["Elon musk", []],
    ["tim Cook", []],
    // Not the surname alone: "trump" and "cook" lower case are a verb and a cook.
    ["governo trump", []],
    ["one cook was executed", []],
  ])("%j is not", (text, expected) => {
    expect(marks(text)).toEqual(expected);
  });

  it("names the person for the surname later on the page", () => {
    expect(marks("what is elon musk? Later, Musk said so.")).toEqual([
      "elon-musk:elon musk",
      "elon-musk:Musk",
    ]);
  });
});

describe("any: a name no ordinary word shares, in every case (share bars, tags)", () => {
  it.each([
    ["Share on linkedin", ["linkedin:linkedin"]],
    ["WhatsappRedditPocket Linkedin", ["linkedin:Linkedin"]],
    ["Facebook-f Linkedin-in Twitter", ["linkedin:Linkedin"]],
    ["the FortiGuard Lion github page", ["github:github"]],
    ["Github has a Fetch polyfill", ["github:Github"]],
    ["https://chromedevtools.github.io/devtools-protocol/", ["github:github"]],
    ["linux maemo microsoft mobile", ["microsoft:microsoft"]],
  ])("%j", (text, expected) => {
    expect(marks(text)).toEqual(expected);
  });
});

describe("also-domain: a company's own web address in any case", () => {
  it.each([
    ["http://www.amazon.com/Kamp-Rite-TB34", ["amazon:amazon"]],
    ["https://www.google.co.jp ×4", ["google:google"]],
    ["https://www.google.com ×12", ["google:google"]],
    ["https://ap.salesforce.com/ ×5", ["salesforce:salesforce"]],
    ["email the writer at louise_matsakis@wired.com.", ["wired:wired"]],
    ["https://www.meta.com/quest", ["meta:meta"]],
    ["apple.com/iphone and amazon.com.au", ["apple:apple", "amazon:amazon"]],
    ["www.wired.co.uk/article", ["wired:wired"]],
  ])("%j is the company", (text, expected) => {
    expect(marks(text)).toEqual(expected);
  });

  it.each([
    // Lower case elsewhere stays the ordinary word or the verb.
    ["a medium apple, 1 tsp. olive oil", []],
    ["From amazon", []],
    ["Wu Tang meta going on in this sub.", []],
    ["each patient is wired to ten machines", []],
    ["just google it", []],
    ["join us on google+", []],
    // A period and a word that is no domain ending: a missing space, a file, another site.
    ["she ate an apple.it was late", []],
    ["an apple.The next day", []],
    ["see meta.wikimedia.org and meta.stackexchange.com", []],
    ["the meta.json file", []],
    ["an oracle. com is short for", []],
    // A space, a capital or another mark between the name and the ending: no address.
    ["i had to google. net neutrality is still confusing", []],
    ["a salesforce .net developer", []],
    ["The firm grew its salesforce.Net income rose 4%.", []],
    ["https://example.com/tags/google/net-neutrality", []],
    // A subdomain of another site: only "co", "com", "ac"… stand before a country code.
    ["see meta.wikimedia.de for the German chapter", []],
    // The declared rule is per alias: Signal, Zoom and ICE have none ("ice.com" is a jeweller).
    ["signal.org, zoom.us, ice.com", []],
    // Not the salesforce of a company, nor Tolkien's palantír, nor the anthropic principle.
    ["our salesforce, a palantir, the anthropic principle", []],
  ])("%j is not", (text, expected) => {
    expect(marks(text)).toEqual(expected);
  });
});

describe("the sieve lets every newly accepted form through", () => {
  const sieve = sieveFor(matcher) as Sieve;
  it.each([
    "Tags: donald trump",
    "Share on linkedin",
    "http://www.amazon.com/x",
    "louise_matsakis@wired.com",
    "https://www.google.co.jp",
  ])("%j", (text) => {
    expect(marks(text).length).toBeGreaterThan(0);
    expect(textsWithHits([text], sieve)).toEqual([0]);
  });
});
