import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  computeQuality,
  formatQuality,
  labelledPages,
  parseLabels,
} from "../../scripts/sweep/quality";
import type { Mention } from "../../scripts/sweep/report";

const HEADER = "page\toffset\ttext\tentity\tlabel\treason";

function labels(...rows: string[]) {
  return parseLabels([HEADER, ...rows].join("\n"));
}

function mention(offset: number, entity: string, text = "x"): Mention {
  return { offset, entity, text, how: "full" };
}

describe("parseLabels", () => {
  it("reads rows after the header, skipping comments and blank lines", () => {
    const parsed = parseLabels(
      [`# labelled by hand`, HEADER, "", "a/page\t12\tTim Cook\ttim-cook\tyes\tApple CEO"].join(
        "\n",
      ),
    );
    expect(parsed).toEqual([
      {
        page: "a/page",
        offset: 12,
        text: "Tim Cook",
        entity: "tim-cook",
        refersToEntity: true,
        reason: "Apple CEO",
        line: 4,
      },
    ]);
  });

  it("rejects a missing or wrong header", () => {
    expect(() => parseLabels("a\t1\tx\ty\tyes\tz")).toThrow(/line 1: the header/);
    expect(() => parseLabels("")).toThrow(/no header/);
  });

  it("names the line of a malformed row", () => {
    expect(() => labels("a\tten\tx\ty\tyes\tz")).toThrow(/line 2: offset "ten"/);
    expect(() => labels("a\t1\tx\ty\tmaybe\tz")).toThrow(/line 2: label must be yes or no/);
    expect(() => labels("a\t1\tx\ty\tyes")).toThrow(/line 2: 5 columns/);
  });
});

describe("computeQuality", () => {
  it("counts right marks, wrong marks, misses and rightly unmarked places", () => {
    const quality = computeQuality(
      labels(
        "p\t10\tTim Cook\ttim-cook\tyes\tfull name",
        "p\t50\tCook\ttim-cook\tyes\tsurname after full name",
        "p\t90\tapple\tapple\tno\tthe fruit",
        "p\t120\tSignal\tsignal\tno\ta signal, capitalised at sentence start",
      ),
      new Map([["p", [mention(10, "tim-cook"), mention(120, "signal")]]]),
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
    const quality = computeQuality(
      labels("p\t5\tDean\tjeff-dean\tyes\tJeff Dean named before"),
      new Map([["p", [mention(5, "other-dean")]]]),
    );
    expect(quality).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 1 });
    expect(quality.issues[0]?.kind).toBe("wrong-entity");
  });

  it("lists marks on labelled pages that no label covers, and labelled pages not swept", () => {
    const quality = computeQuality(
      labels("p\t5\tApple\tapple\tyes\tthe company", "q\t1\tZoom\tzoom\tyes\tthe company"),
      new Map([
        ["p", [mention(5, "apple"), mention(70, "tesla", "Tesla")]],
        ["unlabelled-page", [mention(1, "tesla")]],
      ]),
    );
    expect(quality.issues).toEqual([
      { kind: "page-not-swept", page: "q", detail: "labelled, but not in this sweep" },
      {
        kind: "unlabelled-mark",
        page: "p",
        offset: 70,
        text: "Tesla",
        detail: "marked as tesla (full); add a label",
      },
    ]);
    expect(quality.precision).toBe(1);
    expect(quality.recall).toBe(1);
  });

  it("has no precision without marks and no recall without yes labels", () => {
    const quality = computeQuality(labels("p\t1\tmeta\tmeta\tno\tthe word"), new Map([["p", []]]));
    expect(quality.precision).toBeUndefined();
    expect(quality.recall).toBeUndefined();
    expect(formatQuality(quality)).toContain("precision n/a  recall n/a");
  });
});

describe("labelledPages", () => {
  it("lists each labelled page once, in order", () => {
    expect(
      labelledPages(labels("b\t1\tx\ty\tyes\tr", "a\t1\tx\ty\tno\tr", "b\t2\tx\ty\tyes\tr")),
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
