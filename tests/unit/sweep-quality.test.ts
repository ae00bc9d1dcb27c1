import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MatchIndex } from "../../lib/dataset/types";
import { compileMatcher, type Match } from "../../lib/matching";
import {
  candidatePattern,
  findCandidates,
  keyText,
  pageCandidates,
  type Candidate,
  type PageCandidates,
} from "../../scripts/sweep/candidates";
import {
  computeQuality,
  formatQuality,
  labelledPages,
  parseLabels,
} from "../../scripts/sweep/quality";

const HEADER = "page\ttext\toccurrence\tentity\tlabel\treason";

function labels(...rows: string[]) {
  return parseLabels([HEADER, ...rows].join("\n"));
}

function candidate(text: string, occurrence: number, markEntity?: string): Candidate {
  const mark: Match | undefined = markEntity
    ? { entity: markEntity, start: 0, end: text.length, text, how: "full" }
    : undefined;
  return { text, occurrence, start: 0, end: text.length, mark, context: text };
}

function page(name: string, ...candidates: Candidate[]): PageCandidates {
  return { page: name, candidates, matches: [] };
}

describe("parseLabels", () => {
  it("reads rows after the header, skipping comments and blank lines", () => {
    const parsed = parseLabels(
      [`# labelled by hand`, HEADER, "", "a/page\tTim Cook\t2\ttim-cook\tyes\tApple CEO"].join(
        "\n",
      ),
    );
    expect(parsed).toEqual([
      {
        page: "a/page",
        text: "Tim Cook",
        occurrence: 2,
        entity: "tim-cook",
        refersToEntity: true,
        reason: "Apple CEO",
        line: 4,
      },
    ]);
  });

  it("rejects a missing or wrong header", () => {
    expect(() => parseLabels("a\tx\t1\ty\tyes\tz")).toThrow(/line 1: the header/);
    expect(() => parseLabels("")).toThrow(/no header/);
  });

  it("names the line of a malformed row", () => {
    expect(() => labels("a\tx\tten\ty\tyes\tz")).toThrow(/line 2: occurrence "ten"/);
    expect(() => labels("a\tx\t0\ty\tyes\tz")).toThrow(/line 2: occurrence "0"/);
    expect(() => labels("a\tx\t1\ty\tmaybe\tz")).toThrow(/line 2: label must be yes or no/);
    expect(() => labels("a\tx\t1\ty\tyes")).toThrow(/line 2: 5 columns/);
  });
});

describe("computeQuality", () => {
  it("counts right marks, wrong marks, misses and rightly unmarked places", () => {
    const quality = computeQuality(
      labels(
        "p\tTim Cook\t1\ttim-cook\tyes\tfull name",
        "p\tCook\t1\ttim-cook\tyes\tsurname after full name",
        "p\tapple\t1\tapple\tno\tthe fruit",
        "p\tSignal\t1\tsignal\tno\ta signal, capitalised at sentence start",
      ),
      [
        page(
          "p",
          candidate("Tim Cook", 1, "tim-cook"),
          candidate("Cook", 1),
          candidate("apple", 1),
          candidate("Signal", 1, "signal"),
        ),
      ],
    );
    expect(quality).toMatchObject({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
      trueNegatives: 1,
    });
    expect(quality.precision).toBe(0.5);
    expect(quality.recall).toBe(0.5);
    expect(quality.issues.map((issue) => issue.kind)).toEqual(["missed", "false-mark"]);
  });

  it("counts a mark of the wrong entity as both a wrong mark and a miss", () => {
    const quality = computeQuality(labels("p\tDean\t1\tjeff-dean\tyes\tJeff Dean named before"), [
      page("p", candidate("Dean", 1, "other-dean")),
    ]);
    expect(quality).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 1 });
    expect(quality.issues[0]?.kind).toBe("wrong-entity");
  });

  it("reports unlabelled candidates, labels of places that are gone, and pages not read", () => {
    const quality = computeQuality(
      labels(
        "p\tApple\t1\tapple\tyes\tthe company",
        "p\tApple\t2\tapple\tyes\tthe company again",
        "q\tZoom\t1\tzoom\tyes\tthe company",
      ),
      [page("p", candidate("Apple", 1, "apple"), candidate("Tesla", 1, "tesla"))],
    );
    expect(quality.issues.map((issue) => [issue.kind, issue.page, issue.text])).toEqual([
      ["stale-label", "p", "Apple"],
      ["page-not-read", "q", undefined],
      ["unlabelled", "p", "Tesla"],
    ]);
    expect(quality.precision).toBe(1);
    expect(quality.recall).toBe(1);
  });

  it("has no precision without marks and no recall without yes labels", () => {
    const quality = computeQuality(labels("p\tmeta\t1\tmeta\tno\tthe word"), [
      page("p", candidate("meta", 1)),
    ]);
    expect(quality.precision).toBeUndefined();
    expect(quality.recall).toBeUndefined();
    expect(formatQuality(quality)).toContain("precision n/a  recall n/a");
  });
});

describe("candidates", () => {
  const index: MatchIndex = {
    version: 1,
    entities: [
      {
        id: "tim-cook",
        name: "Tim Cook",
        markMode: "first",
        aliases: [
          { text: "Tim Cook", how: "full", case: "as-written" },
          { text: "Cook", how: "surname", case: "as-written" },
        ],
      },
      {
        id: "apple",
        name: "Apple",
        markMode: "every",
        aliases: [{ text: "Apple", how: "brand", case: "as-written" }],
      },
    ],
  };

  it("lists every alias in any case, longest first, numbered per text, with the mark over it", () => {
    const text = "Tim\nCook runs Apple. An apple a day; Cook again; Tim Cook. Pineapple.";
    const found = pageCandidates(
      { page: "p", text, segments: [{ text, block: 0 }] },
      compileMatcher(index),
      candidatePattern(index),
    );
    expect(
      found.candidates.map((c) => [c.text, c.occurrence, c.mark?.entity, c.mark?.how]),
    ).toEqual([
      ["Tim Cook", 1, "tim-cook", "full"],
      ["Apple", 1, "apple", "brand"],
      ["apple", 1, undefined, undefined],
      ["Cook", 1, "tim-cook", "surname"],
      ["Tim Cook", 2, "tim-cook", "full"],
    ]);
  });

  it("never joins two blocks into one candidate", () => {
    const segments = [
      { text: "by Tim", block: 0 },
      { text: "Cook", block: 1 },
    ];
    expect(findCandidates(segments, [], candidatePattern(index)).map((c) => c.text)).toEqual([
      "Cook",
    ]);
  });

  it("keys text with whitespace runs as one space and invisible characters dropped", () => {
    expect(keyText("Tim\u00a0\n Co\u00adok")).toBe("Tim Cook");
  });
});

describe("labelledPages", () => {
  it("lists each labelled page once, in order", () => {
    expect(
      labelledPages(labels("b\tx\t1\ty\tyes\tr", "a\tx\t1\ty\tno\tr", "b\tx\t2\ty\tyes\tr")),
    ).toEqual(["b", "a"]);
  });
});

describe("tests/fixtures/corpus-labels.tsv", () => {
  it("parses, and every row names its entity and why", () => {
    const file = join(import.meta.dirname, "../fixtures/corpus-labels.tsv");
    const rows = parseLabels(readFileSync(file, "utf8"));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.reason.length, `line ${row.line}`).toBeGreaterThan(10);
  });
});
