import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { MatchIndex } from "../../../lib/dataset/types";
import { compileMatcher, findMatches } from "../../../lib/matching";
import {
  adoptSieve,
  FOLD_WINDOW_CHARS,
  foldForSieve,
  foldInPlace,
  hitsInText,
  sieveHits,
  specOfSieve,
  textsWithHits,
  type Sieve,
  tailStart,
} from "../../../lib/matching/sieve";
import { sieveFor } from "../../../lib/matching/sieve-build";
import { charClass, foldCase, IGNORABLE } from "../../../lib/matching/text";
import { fixtureIndex } from "./fixture-index";

const matcher = compileMatcher(fixtureIndex);
const sieve = sieveFor(matcher) as Sieve;

const hitsIn = (...texts: string[]) => textsWithHits(texts, sieve);
const isAsciiAlphanumeric = (code: number) => /^[A-Za-z0-9]$/.test(String.fromCharCode(code));

describe("the sieve", () => {
  it("exists for the fixture index and is built once per matcher", () => {
    expect(sieve.capitals).toBeInstanceOf(RegExp);
    expect(sieveFor(matcher)).toBe(sieve);
  });

  it("folds every code unit as the matcher does, where that can make a token letter", () => {
    // Exhaustive: a letter the matcher reads as an ASCII letter or digit must read so here, and
    // an invisible character must vanish, or a name written with it would be missed.
    const wrong: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      const sieved = foldForSieve(char);
      if (charClass(code) === IGNORABLE) {
        if (sieved !== "") wrong.push(`U+${code.toString(16)} should vanish`);
        continue;
      }
      const folded = foldCase(code);
      if (isAsciiAlphanumeric(folded) && sieved !== String.fromCharCode(folded)) {
        wrong.push(`U+${code.toString(16)} should read ${String.fromCharCode(folded)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("hits a name as written, in capitals, accented, broken by invisible characters", () => {
    expect(hitsIn("Tim Cook said")).toEqual([0]);
    expect(hitsIn("TIM COOK SAID")).toEqual([0]);
    expect(hitsIn("Zucker\u00adberg")).toEqual([0]);
    expect(hitsIn("Zuckerb\u200berg")).toEqual([0]);
    expect(hitsIn("Palantír")).toEqual([0]);
    expect(hitsIn("Pala\u0301ntir")).toEqual([0]);
    // Between words too: the matcher reads "Tim\u200bCook" as the name, which folds to "TimCook".
    expect(hitsIn("met Tim\u200bCook")).toEqual([0]);
    expect(hitsIn("met Amazon\u200bWeb Services")).toEqual([0]);
  });

  it("folds just the texts that need it, and finds in them what it finds in their fold", () => {
    // Accents and invisible characters in a few texts among many plain ones, at either end of a
    // text, in texts side by side, in a name cut across texts: each must still be found in the
    // right texts, and the plain texts around them read as they are.
    const texts = [
      "Plain text, ",
      "é",
      "",
      "Zucker\u00adberg said",
      "\u200b",
      "more plain text ",
      "Ren\u00e9e Good",
      "Pala\u0301n",
      "tir",
      "caf\u00e9",
      " and then plain text again, with Tim Cook at the end",
    ];
    const expected = [3, 6, 7, 8, 10];
    expect(textsWithHits(texts, sieve)).toEqual(expected);
    expect(sieveHits(texts, sieve)).toEqual(sieveHits(texts.map(foldForSieve), sieve));
    // The same texts after ten thousand plain ones: where each text starts is counted right.
    const padded = [...Array.from({ length: 10_000 }, (_, index) => `text ${index}`), ...texts];
    expect(textsWithHits(padded, sieve)).toEqual(expected.map((index) => index + 10_000));
  });

  it("looks for what starts with a capital in the capitals pattern only, the rest in the other", () => {
    // Most text is lower case, which the capitals pattern skips past fast; the other pattern
    // costs more a character, and a name that only fits with a capital must not make it slower.
    const capitals = new RegExp(sieve.capitals.source);
    const others = new RegExp(sieve.others?.source ?? "(?!)");
    expect(capitals.test("Palantir and AWS")).toBe(true);
    expect(others.test(" Palantir and AWS")).toBe(false);
    expect(others.test(" elon musk")).toBe(true);
    expect(capitals.test("elon musk")).toBe(false);
  });

  it("counts a digit that starts a name as a capital, and looks for digits in lower case names", () => {
    const index: MatchIndex = {
      version: 1,
      entities: [
        {
          id: "twenty-three-and-me",
          name: "23andMe",
          aliases: [{ text: "23andMe", how: "full", case: "as-written" }],
          markMode: "every",
        },
        {
          id: "studio-54",
          name: "Studio 54",
          aliases: [{ text: "Studio 54", how: "full", case: "also-lower" }],
          markMode: "every",
        },
      ],
    };
    const digits = sieveFor(compileMatcher(index)) as Sieve;
    const others = new RegExp(digits.others?.source ?? "(?!)");
    expect(new RegExp(digits.capitals.source).test("23andMe")).toBe(true);
    expect(others.test(" 23andMe")).toBe(false);
    expect(textsWithHits(["a night at studio 54"], digits)).toEqual([0]);
    expect(textsWithHits(["a studio visit"], digits)).toEqual([]);
    // Each token's entities are kept under its letters and digits, as a hit's text reads.
    expect([...digits.entitiesByToken.keys()].sort()).toEqual(["23andme", "studio", "studio54"]);
  });

  it("looks for a name with punctuation, in lower case, by its run of letters", () => {
    // "disney+" cannot be spelled as a pattern letter by letter ("+" repeats what comes before
    // it): its run "disney" in any case is looked for instead, which it lies in.
    const index: MatchIndex = {
      version: 1,
      entities: [
        {
          id: "disney-plus",
          name: "Disney+",
          aliases: [{ text: "Disney+", how: "full", case: "also-lower" }],
          markMode: "every",
        },
      ],
    };
    const plus = sieveFor(compileMatcher(index)) as Sieve;
    expect(textsWithHits(["on disney+ today", "on Disney+ today", "no plus"], plus)).toEqual([
      0, 1,
    ]);
  });

  it("looks for a run inside a name in any case wherever it lies, with no word's end before it", () => {
    // "Big Initech" in any case is looked for by "initech", which follows a space ("big
    // initech") or, once an invisible character between the words is gone, nothing at all.
    const index: MatchIndex = {
      version: 1,
      entities: [
        {
          id: "initech",
          name: "Big Initech",
          aliases: [{ text: "Big Initech", how: "full", case: "any" }],
          markMode: "every",
        },
      ],
    };
    const inside = compileMatcher(index);
    const texts = ["a big initech deal", "the Big\u200bInitech deal", "an initiative"];
    for (const text of texts.slice(0, 2)) {
      expect(findMatches(inside, [{ text, block: 0 }]), text).toHaveLength(1);
    }
    expect(textsWithHits(texts, sieveFor(inside) as Sieve)).toEqual([0, 1]);
  });

  it("hits a token cut across text nodes, for each node it touches", () => {
    expect(hitsIn("nothing here ", "Zuck", "er", "", "berg", " and more")).toEqual([1, 2, 3, 4]);
  });

  it("reads a word cut across text nodes glued, and only that word", () => {
    expect(hitsIn("el", "on musk")).toEqual([0, 1]);
    expect(hitsIn("www.ama", "zon.com")).toEqual([0, 1]);
    // Minified menus cut between words everywhere ("Home</a><a>News"): no hit, and a name after
    // them flags its own text only.
    expect(hitsIn("Home", "News", "Sport")).toEqual([]);
    expect(hitsIn("Home", "News", " and Palantir")).toEqual([2]);
  });

  it("does not hit text that cannot fit an alias's case", () => {
    // Lower-case "apple", "meta" ("also-domain": "apple.com") and "cook" ("also-lower": "tim
    // cook" in a tag) may fit an alias now (decision 0002, Case).
    expect(hitsIn("a good meal and a signal to zoom in, ice cream, police services")).toEqual([]);
  });

  it("from a given text on, reports only hits that reach it", () => {
    expect(textsWithHits(["Palantir ", "then"], sieve, 1)).toEqual([]);
    expect(textsWithHits(["Pala", "ntir"], sieve, 1)).toEqual([0, 1]);
  });

  it("lets through the lower-case forms a case rule allows, and no other", () => {
    expect(hitsIn("#elon musk")).toEqual([0]);
    expect(hitsIn("www.amazon.com/", "x")).toEqual([0]);
    expect(hitsIn("amazon", ".co.jp")).toEqual([0]);
    expect(hitsIn("a good cook; the amazon rainforest; elon's musk")).toEqual([]);
  });

  it("needs a word boundary where the token starts or ends its alias, within a text node", () => {
    expect(hitsIn("Cookies and Timelines, Palantirs, xPalantir")).toEqual([]);
    expect(hitsIn("Palantir's and Palantir-built")).toEqual([0]);
    // A name in lower case too: "elon musk" in a tag, not inside another word.
    expect(hitsIn("xelon musk, 5elon musk, _elon musk")).toEqual([]);
    // Across text nodes it cannot tell (the next node may be another block): it hits there.
    expect(hitsIn("x", "Palantir", "s")).toEqual([1]);
    expect(hitsIn("x ", "Palantir", " s")).toEqual([1]);
    // Glued, the name cut in two runs on into the next block's word: it must still hit.
    expect(hitsIn("Tim C", "ook", "Elon", " then")).toEqual([0, 1]);
  });

  it("hits wherever the matcher finds a match (fixture sentences)", () => {
    const sentences = [
      "Tim Cook spoke; later Cook said more.",
      "Elon Musk’s and Jeff Bezos’s firms",
      "Palantir-built tools",
      "Amazon Web Services and AWS",
      "Renée Good was killed",
      "TIM COOK AND ELON MUSK",
    ];
    for (const sentence of sentences) {
      const matches = findMatches(matcher, [{ text: sentence, block: 0 }]);
      expect(matches.length, sentence).toBeGreaterThan(0);
      expect(hitsIn(sentence), sentence).toEqual([0]);
    }
  });

  it("looks for the run of a name that hits least: another alias's own, then a shared one", () => {
    const index = JSON.parse(readFileSync("data/match-index.json", "utf8")) as MatchIndex;
    const real = sieveFor(compileMatcher(index)) as Sieve;
    // Words of longer names that are ordinary in the news: no longer tokens of their own.
    const ordinary = [
      "The President said the State Department",
      "and the president’s Web Services team",
      "Technologies, Investigations and Ventures",
    ];
    for (const text of ordinary) expect(textsWithHits([text], real), text).toEqual([]);
    const names = [
      "President Trump",
      "Department of Homeland Security",
      "Homeland Security Investigations",
      "Amazon Web Services",
      "Palantir Technologies",
      "Khosla Ventures",
    ];
    for (const text of names) expect(textsWithHits([text], real), text).toEqual([0]);
  });

  it("chooses a run another alias has alone, then one several share (of four letters or more), then the longest", () => {
    const names: Record<string, string[]> = {
      ibm: ["IBM", "IBM Research Laboratories"],
      bora: ["Bora Bora Resorts"],
      globex: ["Globex Holdings"],
      initech: ["Initech Holdings"],
      soylent: ["Soylent Labs"],
      wonka: ["Wonka Labs"],
      hooli: ["Hooli of Cal"],
      pied: ["Pied of Cal"],
      vandelay: ["Vandelay Industries"],
    };
    const index: MatchIndex = {
      version: 1,
      entities: Object.entries(names).map(([id, aliases]) => ({
        id,
        name: aliases[0] as string,
        aliases: aliases.map((text) => ({ text, how: "full", case: "as-written" })),
        markMode: "every",
      })),
    };
    const chosen = sieveFor(compileMatcher(index)) as Sieve;
    // A token several names share stands for each of them.
    expect(chosen.entitiesByToken.get("holdings")?.size).toBe(2);
    expect(chosen.entitiesByToken.get("labs")?.size).toBe(2);
    // Every token starts with a capital: nothing for the pattern of the rest to look for.
    expect(chosen.others).toBeNull();
    expect([...chosen.entitiesByToken.keys()].sort()).toEqual([
      "holdings",
      "hooli",
      "ibm",
      "industries",
      "labs",
      "pied",
      "resorts",
    ]);
  });

  it("hits every name of the real index that the matcher finds cut between any two letters", () => {
    // A token cut by text nodes is only found in the word read again glued (`crossingWords`):
    // a cut anywhere in any token of the index must still hit.
    const index = JSON.parse(readFileSync("data/match-index.json", "utf8")) as MatchIndex;
    const realMatcher = compileMatcher(index);
    const real = sieveFor(realMatcher) as Sieve;
    const aliases = new Set(index.entities.flatMap((entity) => entity.aliases.map((a) => a.text)));
    let cutNames = 0;
    for (const alias of aliases) {
      for (let at = 1; at < alias.length; at++) {
        const cutsWord =
          isAsciiAlphanumeric(alias.charCodeAt(at - 1)) &&
          isAsciiAlphanumeric(alias.charCodeAt(at));
        if (!cutsWord) continue;
        const texts = [`Read ${alias.slice(0, at)}`, `${alias.slice(at)} today.`];
        const segments = texts.map((text) => ({ text, block: 0 }));
        // Surnames need their full name first: those the matcher does not find here are left.
        if (findMatches(realMatcher, segments).length === 0) continue;
        cutNames += 1;
        expect(textsWithHits(texts, real), texts.join(" | ")).not.toEqual([]);
      }
    }
    expect(cutNames).toBeGreaterThan(200);
  });
});

describe("a sieve kept as data (specOfSieve, adoptSieve)", () => {
  const texts = [
    "Tim Cook said ",
    "Zuck",
    "erberg",
    " met elon musk at amazon.com and ",
    "Goo",
    "gle",
  ];

  it("makes, through JSON, the same sieve for another matcher of the same index", () => {
    const spec = JSON.parse(JSON.stringify(specOfSieve(sieve)));
    const other = compileMatcher(fixtureIndex);
    expect(adoptSieve(other, spec)).toBe(true);
    const adopted = sieveFor(other) as Sieve;
    expect(adopted).not.toBe(sieve);
    expect(specOfSieve(adopted)).toEqual(specOfSieve(sieve));
    expect(sieveHits(texts, adopted)).toEqual(sieveHits(texts, sieve));
    expect(sieveHits(texts, adopted).length).toBeGreaterThanOrEqual(5);
  });

  it("lists its fields in the order Chromium's store gives them back: the key hashes that", () => {
    const fields = Object.keys(specOfSieve(sieve));
    expect(fields).toEqual([...fields].sort());
  });

  it("is what the matcher then searches with, instead of building its own", () => {
    const other = compileMatcher(fixtureIndex);
    adoptSieve(other, { ...specOfSieve(sieve), capitals: "(?!)" });
    expect(sieveFor(other)?.capitals.source).toBe("(?!)");
  });

  it("is not adopted when it does not make a sieve: the matcher builds its own", () => {
    const other = compileMatcher(fixtureIndex);
    expect(adoptSieve(other, { ...specOfSieve(sieve), capitals: "(" })).toBe(false);
    expect(sieveFor(other)?.capitals.source).toBe(sieve.capitals.source);
  });
});

describe("the sieve on text read whole (hitsInText)", () => {
  const hitTexts = (text: string) =>
    hitsInText(text, sieve).map(({ start, end }) => text.slice(start, end));

  it("finds names with no word boundary to lean on", () => {
    // textContent glues "Home</a><a>Palantir</a>" and a name cut by an element alike.
    expect(hitTexts("HomePalantirNews and Zuckerberg")).toEqual(["Palantir", "Zuckerberg"]);
    expect(hitTexts("a good cook and ice cream")).toEqual([]);
  });

  it("reaches past a web address's dot, which the patterns read apart need after the name", () => {
    expect(hitTexts("see amazon.com today")).toEqual(["amazon.c"]);
  });

  it("folds accented letters in place: hits stay where the name is", () => {
    expect(foldInPlace("Renée, Palantír, Zoë")).toBe("Renee, Palantir, Zoe");
    // Renee Good's token is "Good", another alias of hers on its own.
    expect(hitTexts("Tagged Palantír and Renée Good today")).toEqual(["Palantír", "Good"]);
    expect(hitTexts("Tagged Palantír and renée good today")).toEqual(["Palantír", "renée good"]);
  });

  it("folds every letter it folds in place into one letter, as the matcher folds it", () => {
    // Exhaustive over the letters folded in place: one letter each, or positions would move.
    const wrong: string[] = [];
    for (const [first, last] of [
      [0x00c0, 0x024f],
      [0x1e00, 0x1eff],
      [0x212a, 0x212b],
    ] as const) {
      for (let code = first; code <= last; code++) {
        const letter = String.fromCharCode(code);
        const folded = foldInPlace(letter);
        if (folded.length !== 1 || folded !== foldForSieve(letter)) {
          wrong.push(`U+${code.toString(16)} → ${JSON.stringify(folded)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("folds around the characters the fold deletes, and covers that whole stretch", () => {
    const before = "x".repeat(100) + " ";
    const text = `${before}Zucker\u00adberg said ${"y".repeat(100)} Palantir`;
    const [folded, plain] = hitsInText(text, sieve);
    // The soft hyphen's stretch: FOLD_WINDOW_CHARS characters on each side of it (a run of
    // whitespace counting as one), holding the name.
    const hyphen = text.indexOf("\u00ad");
    const counted = (from: number, to: number) => text.slice(from, to).replace(/\s+/g, " ").length;
    expect(counted(folded!.start, hyphen)).toBe(FOLD_WINDOW_CHARS);
    expect(counted(hyphen + 1, folded!.end)).toBe(FOLD_WINDOW_CHARS);
    expect(text.slice(plain!.start, plain!.end)).toBe("Palantir");
  });

  it("reaches across any whitespace around a character the fold deletes", () => {
    // "rene" + combining acute + "e", 100 spaces, "good": one name to the matcher, and the
    // mark's stretch must reach "good" however much whitespace lies between.
    const text = `${"x".repeat(200)} rene\u0301e${" ".repeat(100)}good ${"y".repeat(200)}`;
    const [hit] = hitsInText(text, sieve);
    expect(hit ? text.slice(hit.start, hit.end) : "no hit").toMatch(/rene\u0301e\s+good/);
  });

  it("finds a name in lower case spread by whitespace, accented or not", () => {
    // "renée", 100 spaces, "good": the matcher takes it for Renee Good.
    for (const text of [
      `${"x".repeat(200)} renée${" ".repeat(100)}good ${"y".repeat(200)}`,
      `${"x".repeat(200)} renee${"\n ".repeat(60)}göod ${"y".repeat(200)}`,
    ]) {
      expect(findMatches(matcher, [{ text, block: 0 }]).map((match) => match.entity)).toEqual([
        "renee-good",
      ]);
      const [hit] = hitsInText(text, sieve);
      expect(hit ? text.slice(hit.start, hit.end) : "no hit", JSON.stringify(text)).toMatch(
        /ren[eé]e\s+g[oö]od/,
      );
    }
  });

  it("keeps a stretch longer than any token, so a token with a folded character lies inside it", () => {
    const longest = Math.max(...[...sieve.entitiesByToken.keys()].map((token) => token.length));
    expect(longest).toBeLessThan(FOLD_WINDOW_CHARS);
  });
});

describe("tailStart: what a slice or a cut stretch searches again", () => {
  it("is everything when the texts hold fewer than 64 characters", () => {
    expect(tailStart(["Tim ", "Co"])).toEqual({ text: 0, at: 0 });
    expect(tailStart([])).toEqual({ text: 0, at: 0 });
  });

  it("starts 64 characters back from the end", () => {
    expect(tailStart(["a".repeat(100)])).toEqual({ text: 0, at: 36 });
    expect(tailStart(["a".repeat(100), "b".repeat(10)])).toEqual({ text: 0, at: 46 });
  });

  it("counts a run of whitespace as one, since any amount may lie between a name's words", () => {
    // "elon", 300 spaces, "musk": the tail of what ends in the spaces reaches "elon".
    expect(tailStart(["said elon", " ".repeat(300)])).toEqual({ text: 0, at: 0 });
    // 60 letters, one run of 300 (across two texts), then 3 of the 10 letters before it.
    const texts = ["x".repeat(10), " \n".repeat(100), " ".repeat(100), "y".repeat(60)];
    expect(tailStart(texts)).toEqual({ text: 0, at: 7 });
  });
});
