import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MatchIndex } from "../../lib/dataset/types";
import { parseSweepArgs } from "../../scripts/sweep/args";
import {
  describeDifference,
  describeLayoutChange,
  isFromExtension,
  judge,
  nameProblems,
  placementProblems,
  withoutMarkTags,
} from "../../scripts/sweep/checks";
import type { Box, MarkRecord } from "../../scripts/sweep/in-page";
import { KNOWN_ISSUES } from "../../scripts/sweep/known-issues";
import { buildNameBook, checkMarkName, isAllCaps, normalizeName } from "../../scripts/sweep/names";
import { findPages, parsePageList, selectPages } from "../../scripts/sweep/pages";
import { settleStatus, summarize } from "../../scripts/sweep/report";
import { chooseSubset, dominantScript, parseInventory } from "../../scripts/sweep/subset";

const INDEX: MatchIndex = {
  version: 1,
  entities: [
    {
      id: "tim-cook",
      name: "Tim Cook",
      markMode: "every",
      aliases: [
        { text: "Tim Cook", how: "full", case: "as-written" },
        { text: "Cook", how: "surname", case: "as-written" },
      ],
    },
    {
      id: "renee-good",
      name: "Renee Good",
      markMode: "every",
      aliases: [{ text: "Renée Good", how: "alias", case: "as-written" }],
    },
    {
      id: "iceout-tech",
      name: "IceOut.Tech",
      markMode: "every",
      aliases: [{ text: "IceOut.Tech", how: "full", case: "any" }],
    },
    {
      id: "apple",
      name: "Apple",
      markMode: "every",
      aliases: [{ text: "Apple", how: "brand", case: "as-written" }],
    },
  ],
};
const BOOK = buildNameBook(INDEX);

function mark(partial: Partial<MarkRecord>): MarkRecord {
  return {
    entity: "tim-cook",
    how: "full",
    match: "",
    text: "Tim Cook",
    matchText: "Tim Cook",
    excludedBy: "",
    insideMark: false,
    link: "",
    offset: 0,
    ...partial,
  };
}

describe("names (check 5)", () => {
  it("normalizes away spacing and invisible characters and folds typographic marks", () => {
    expect(normalizeName("Tim\u00a0Co\u00adok\u200b")).toBe("TimCook");
    expect(normalizeName("O\u2019Reilly\u2011Smith")).toBe("O'Reilly-Smith");
    expect(normalizeName("Rene\u0301e")).toBe("Renée");
  });

  it("tells all-caps text", () => {
    expect(isAllCaps("TIM COOK")).toBe(true);
    expect(isAllCaps("Tim Cook")).toBe(false);
    expect(isAllCaps("2026")).toBe(false);
  });

  it("accepts names and aliases with their how, across line breaks and in capitals", () => {
    expect(
      checkMarkName(BOOK, { entity: "tim-cook", how: "full", text: "Tim\n  Cook" }),
    ).toBeUndefined();
    expect(
      checkMarkName(BOOK, { entity: "tim-cook", how: "full", text: "TIM COOK" }),
    ).toBeUndefined();
    expect(
      checkMarkName(BOOK, { entity: "tim-cook", how: "surname", text: "Cook" }),
    ).toBeUndefined();
    expect(
      checkMarkName(BOOK, { entity: "renee-good", how: "alias", text: "Rene\u0301e Good" }),
    ).toBeUndefined();
    expect(
      checkMarkName(BOOK, { entity: "iceout-tech", how: "full", text: "iceout.tech" }),
    ).toBeUndefined();
  });

  it("rejects other text, a possessive inside the mark, the wrong case, how or entity", () => {
    expect(
      checkMarkName(BOOK, { entity: "tim-cook", how: "full", text: "Tim Cook's" })?.what,
    ).toMatch(/not a name/);
    expect(checkMarkName(BOOK, { entity: "tim-cook", how: "surname", text: "cook" })?.what).toMatch(
      /not a name/,
    );
    expect(checkMarkName(BOOK, { entity: "apple", how: "brand", text: "apple" })?.what).toMatch(
      /not a name/,
    );
    expect(checkMarkName(BOOK, { entity: "tim-cook", how: "full", text: "Cook" })?.what).toMatch(
      /index says surname/,
    );
    expect(
      checkMarkName(BOOK, { entity: "tim-cook", how: "fuzzy", text: "Tim Cook" })?.what,
    ).toMatch(/illegal how/);
    expect(checkMarkName(BOOK, { entity: "nobody", how: "full", text: "Tim Cook" })?.what).toMatch(
      /not in the match index/,
    );
  });

  it("checks a split name once, by the text its marks span", () => {
    const split = [
      mark({ match: "7", text: "Tim", matchText: "Tim Cook" }),
      mark({ match: "7", text: "Cook", matchText: "Tim Cook" }),
    ];
    expect(nameProblems(BOOK, split)).toEqual([]);
    const wrong = [
      mark({ match: "8", text: "Tim", matchText: "Tim Apple Cook" }),
      mark({ match: "8", text: "Cook", matchText: "Tim Apple Cook" }),
    ];
    expect(nameProblems(BOOK, wrong)).toHaveLength(1);
  });
});

describe("placement (check 4)", () => {
  it("reports marks in excluded regions and inside other marks", () => {
    const problems = placementProblems([
      mark({}),
      mark({ excludedBy: "code" }),
      mark({ excludedBy: "[contenteditable]" }),
      mark({ insideMark: true }),
    ]);
    expect(problems.map((problem) => problem.what)).toEqual([
      '2 mark(s) in excluded regions: "Tim Cook" in code, "Tim Cook" in [contenteditable]',
      '1 mark(s) inside another mark: "Tim Cook"',
    ]);
    expect(placementProblems([mark({})])).toEqual([]);
  });
});

describe("comparisons (checks 2, 3, 6)", () => {
  it("says where two texts first differ", () => {
    expect(describeDifference("same", "same")).toBeUndefined();
    expect(describeDifference("Tim Cook said", "Tim  Cook said")).toMatch(
      /^differs at 4 \(lengths 13 vs 14\)/,
    );
  });

  it("allows a pixel of movement and no more", () => {
    const box = (key: string, y: number): Box => ({
      key,
      tag: "div",
      x: 0,
      y,
      width: 100,
      height: 20,
    });
    expect(describeLayoutChange([box("html/1/0", 10)], [box("html/1/0", 10.9)])).toBeUndefined();
    expect(describeLayoutChange([box("html/1/0", 10)], [box("html/1/0", 12)])).toMatch(
      /1 block\(s\) moved: html\/1\/0 <div> by 2.0px/,
    );
    expect(describeLayoutChange([box("a", 0), box("b", 0)], [box("a", 0), box("c", 0)])).toMatch(
      /1 block\(s\) gone, 1 new \(gone: b <div>; new: c <div>\)/,
    );
  });

  it("names a missing subtree by its topmost block", () => {
    const box = (key: string, tag: string): Box => ({
      key,
      tag,
      x: 0,
      y: 0,
      width: 100,
      height: 20,
    });
    const plain = [
      box("html", "html"),
      box("html/1", "body"),
      box("html/1/0", "div"),
      box("html/1/0/2", "p"),
      box("html/10", "div"),
    ];
    expect(describeLayoutChange(plain, [box("html", "html"), box("html/10", "div")])).toBe(
      "3 block(s) gone, 0 new (gone: html/1 <body> with 2 inside)",
    );
  });

  it("unwraps our mark tags from serialised HTML", () => {
    expect(
      withoutMarkTags(
        '<p><receipts-mark data-receipts-entity="tim-cook" data-receipts-how="full">Tim Cook</receipts-mark> said</p>',
      ),
    ).toBe("<p>Tim Cook said</p>");
  });

  it("fails a difference within the tab, and one across contexts unless plain loads differ too", () => {
    expect(judge({ withinTab: "x", acrossContexts: undefined, measuredPlainTwice: false })).toBe(
      "fail",
    );
    expect(
      judge({ withinTab: undefined, acrossContexts: undefined, measuredPlainTwice: false }),
    ).toBe("pass");
    expect(judge({ withinTab: undefined, acrossContexts: "x", measuredPlainTwice: false })).toBe(
      "needs-second-plain-load",
    );
    expect(
      judge({
        withinTab: undefined,
        acrossContexts: "x",
        betweenPlainLoads: undefined,
        measuredPlainTwice: true,
      }),
    ).toBe("fail");
    expect(
      judge({
        withinTab: undefined,
        acrossContexts: "x",
        betweenPlainLoads: "y",
        measuredPlainTwice: true,
      }),
    ).toBe("nondeterministic-page");
  });

  it("attributes errors to the extension by its URL scheme", () => {
    expect(isFromExtension("at chrome-extension://abc/content-scripts/content.js:1:2")).toBe(true);
    expect(isFromExtension("https://example.com/app.js", undefined)).toBe(false);
  });
});

describe("pages", () => {
  it("finds folder pages and loose html files, sorted, with URL paths", () => {
    const root = mkdtempSync(join(tmpdir(), "sweep-pages-"));
    mkdirSync(join(root, "corpus/a page"), { recursive: true });
    writeFileSync(join(root, "corpus/a page/source.html"), "<p>x</p>");
    writeFileSync(join(root, "corpus/a page/frame.html"), "<p>resource</p>");
    writeFileSync(join(root, "loose.html"), "<p>y</p>");
    writeFileSync(join(root, "notes.txt"), "z");
    const pages = findPages(root);
    expect(pages.map((page) => [page.name, page.urlPath])).toEqual([
      ["corpus/a page", "/corpus/a%20page/source.html"],
      ["loose.html", "/loose.html"],
    ]);
    expect(selectPages(pages, { only: "loose" }).map((page) => page.name)).toEqual(["loose.html"]);
    expect(selectPages(pages, { limit: 1 })).toHaveLength(1);
    expect(() => selectPages(pages, { names: ["missing"] })).toThrow(/Pages not found: missing/);
  });

  it("reads page lists with comments", () => {
    expect(parsePageList("# why\na/b  # reason\n\nc/d\n")).toEqual(["a/b", "c/d"]);
  });
});

describe("known issues and summary", () => {
  it("marks a page known only when every failure is known, and notices fixed ones", () => {
    const known = [{ page: "p", check: "layout" as const, reason: "page animates itself" }];
    expect(settleStatus("p", [{ check: "layout", what: "moved" }], known).status).toBe("known");
    expect(
      settleStatus(
        "p",
        [
          { check: "layout", what: "moved" },
          { check: "text", what: "x" },
        ],
        known,
      ).status,
    ).toBe("fail");
    expect(settleStatus("p", [], known).notes[0]).toMatch(/no longer fails/);
  });

  it("every known issue gives its reason", () => {
    for (const issue of KNOWN_ISSUES) expect(issue.reason.length).toBeGreaterThan(10);
  });

  it("counts failing pages per check, ignoring known failures", () => {
    const base = {
      marks: { total: 1, matches: 1, byEntity: {}, byHow: {} },
      mentions: [],
      elements: 1,
      timings: {
        plainLoadMs: 0,
        loadMs: 0,
        markingMs: 0,
        turnOffMs: 0,
        navigationMs: 0,
        totalMs: 10,
      },
      blockedRequests: { plain: 0, extension: 0, examples: [] },
      notes: [],
      pageErrors: [],
    };
    const summary = summarize([
      {
        ...base,
        page: "a",
        status: "fail",
        problems: [
          { check: "text", what: "x" },
          { check: "text", what: "y" },
        ],
      },
      {
        ...base,
        page: "b",
        status: "known",
        problems: [{ check: "layout", what: "x", known: "why" }],
      },
      { ...base, page: "c", status: "pass", problems: [] },
    ]);
    expect(summary).toMatchObject({ pages: 3, passed: 1, failed: 1, known: 1, marks: 3 });
    expect(summary.failuresByCheck.text).toBe(1);
    expect(summary.failuresByCheck.layout).toBe(0);
  });
});

describe("command line", () => {
  const defaults = { pagesDir: "p", report: "r", extensionDir: "e", index: "i", labels: "l" };
  it("parses every option", () => {
    expect(
      parseSweepArgs(
        ["--no-build", "--pages", "d", "--limit", "3", "--only", "bbc", "--quality"],
        defaults,
      ),
    ).toMatchObject({
      build: false,
      pagesDir: "d",
      limit: 3,
      only: "bbc",
      quality: true,
    });
  });
  it("rejects unknown options and bad numbers", () => {
    expect(() => parseSweepArgs(["--fast"], defaults)).toThrow(/Unknown option --fast/);
    expect(() => parseSweepArgs(["--limit", "0"], defaults)).toThrow(/positive whole number/);
    expect(() => parseSweepArgs(["--pages"], defaults)).toThrow(/needs a value/);
  });
});

describe("CI subset", () => {
  const inventory = parseInventory(
    [
      "corpus\tpage\tpath\tlang\tiframes\tsvgs\tinputs\tcontenteditable\tbytes\telements\ttext_nodes_all\tmax_depth\tmentions_total\tcross_node_mentions\tglued_mentions\tlc:apple",
      "r\tframes\tr/frames/source.html\ten\t9\t0\t0\t0\t10\t10\t10\t5\t0\t0\t0\t0",
      "r\tjp\tr/jp/source.html\tja\t0\t0\t0\t0\t10\t10\t10\t5\t0\t0\t0\t0",
      "r\tnames\tr/names/source.html\ten\t0\t0\t0\t0\t10\t10\t10\t5\t4\t0\t0\t2",
    ].join("\n"),
  );
  it("picks each hard case with its reason", () => {
    const picks = chooseSubset(inventory, new Map([["r/jp", "Japanese kana"]]));
    const reasons = new Map(picks.map((pick) => [pick.page, pick.reasons.join("; ")]));
    expect(reasons.get("r/frames")).toMatch(/iframes \(9\)/);
    expect(reasons.get("r/jp")).toMatch(/non-Latin script: Japanese kana; language ja/);
    expect(reasons.get("r/names")).toMatch(/most mentions \(4\).*ordinary-word "apple" \(2\)/);
  });
  it("tells a page's non-Latin writing system from its text, not its markup", () => {
    expect(dominantScript(`<p>${"日本語のテキスト".repeat(40)}</p>`)).toBe("Japanese kana");
    expect(dominantScript(`<script>${"Привет".repeat(100)}</script><p>Hello</p>`)).toBeUndefined();
  });
});
